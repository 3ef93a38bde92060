"""Report notices over the real broker: reporting's reminder, return and approval
events (published with its contract) reach the school's people."""
import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.events import BrokerPublisher
from services.directory.service import DirectoryService
from services.notifications import models
from services.notifications.service import NotificationsService
from services.reporting import events as reporting_events
from tests.integration.district import seed
from tests.integration.helpers import wait_for

pytestmark = pytest.mark.integration

SUBMISSION = {"submission_id": "s1", "form_code": "CCHC", "form_version": 1,
              "form_title": "Báo cáo cải cách hành chính", "period_id": "2026-Q1", "period_label": "Quý I năm 2026",
              "unit_name": "Trường Mầm non Ngọc Xuyên", "by": "office-user"}


def test_report_events_notify_the_school(runner_factory, config, smtp_sink):
    smtp_sink.start()
    cfg = {**config, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp_sink.port, "NOTIFY_DISPATCH_INTERVAL": 0.2}
    runner_factory(cfg, DirectoryService, NotificationsService).start()
    with ClusterRpcProxy(cfg, timeout=30) as rpc:
        district = seed(rpc, schools=1)
    school = district.schools[0]
    data = {**SUBMISSION, "unit_code": school, "owner_unit": district.office}
    publish = BrokerPublisher(cfg["AMQP_URI"]).publish_event
    publish(reporting_events.REMINDER_DUE.envelope("reporting", {
        **data, "deadline": "2026-03-25", "offset_days": 2, "kind": "after",
        "message": "Quá hạn 2 ngày", "roles": ["chuyen_vien", "lanh_dao"]}))
    publish(reporting_events.RETURNED.envelope("reporting", {**data, "reason": "Thiếu số liệu tháng 3"}))
    publish(reporting_events.APPROVED.envelope("reporting", {**data, "revision": 2, "approved_at": "2026-04-01",
                                                             "cursor": 1}))
    wait_for(lambda: models.Notification.objects.count() == 3 + 3 + 1)  # two specialists and the principal
    leader = district.actor(school, "lanhdao")["user_id"]
    assert sorted(n.kind for n in models.Notification.objects(user_id=leader)) == \
        ["report_approved", "report_overdue", "report_returned"]
    overdue = models.Notification.objects(kind="report_overdue", user_id=leader).first()
    assert overdue.urgent and overdue.link == "/app/reports/CCHC/2026-Q1"
    # overdue (3 people) and returned (3 people) go by email; approved is in-app only
    wait_for(lambda: len(smtp_sink.received()) == 6)
    subjects = sorted(m["Subject"] for m in smtp_sink.messages())
    assert subjects[0].startswith("Báo cáo bị trả lại") and subjects[-1].startswith("[QUÁ HẠN] Báo cáo")
