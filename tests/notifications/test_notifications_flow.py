"""Notifications over the real broker: the documents flow of 30 schools produces
exactly the expected notices and emails (a broker restart in the middle), the same
event twice notifies once, a restart mid-batch sends nothing twice, webhooks are
signed and retried, preferences, quiet hours, digests and reminders hold."""
import json
import subprocess
import time
from datetime import timedelta

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.clock import iso, utcnow
from services.common.events import BrokerPublisher
from services.common.errors import ValidationFailed
from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.notifications import models
from services.notifications.channels import sign
from services.notifications.service import NotificationsService
from tests.integration.district import seed
from tests.integration.helpers import events_emitted, plan_draft, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def notify_config(config, smtp_sink):
    return {**config, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp_sink.port, "NOTIFY_RETRY_BASE": 0.2,
            "NOTIFY_DISPATCH_INTERVAL": 0.2, "REMINDER_CHECK_INTERVAL": 3600,
            "APP_BASE_URL": "https://eoffice.doson.edu.vn"}


@pytest.fixture
def stack(runner_factory, notify_config, smtp_sink):
    smtp_sink.start()
    runner = runner_factory(notify_config, DirectoryService, DocumentsService, NotificationsService)
    runner.start()
    return runner


def rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


def notices(kind=None):
    q = models.Notification.objects(kind=kind) if kind else models.Notification.objects
    return list(q)


def test_thirty_schools_flow_notifies_exactly_once_across_a_broker_restart(stack, notify_config, smtp_sink):
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=30)
        clerk = district.actor(district.office, "vanthu")
        doc = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
        items = {}
        for school in district.schools:
            actor = district.actor(school, "vanthu")
            items[school] = wait_for(lambda: rpc.documents.inbox(actor, {})["items"])[0]
            rpc.documents.register(actor, items[school]["item_id"])
    wait_for(lambda: len(notices("document_arrived")) == 30)

    rabbitmqctl("stop_app")
    rabbitmqctl("start_app")
    rabbitmqctl("await_startup")

    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        for school in district.schools:
            rpc.documents.assign(district.actor(school, "lanhdao"), items[school]["item_id"], {
                "lead_user_id": district.actor(school, "cv1")["user_id"],
                "coordinator_ids": [district.actor(school, "cv2")["user_id"]], "deadline": "2099-01-01"})
            rpc.documents.complete(district.actor(school, "cv1"), items[school]["item_id"], reply_symbol="01/BC")

    wait_for(lambda: len(notices("document_completed")) == 30, timeout=60)
    wait_for(lambda: len(smtp_sink.received()) == 90, timeout=60)  # 30 arrived + 60 assigned; completed is in-app only
    time.sleep(1.5)  # anything extra would show up now

    assert len(notices("document_arrived")) == 30
    assert len(notices("document_assigned")) == 60
    assert len(notices("document_completed")) == 30
    assert len(notices()) == 120
    assert len({n.key for n in notices()}) == 120
    office_clerk = district.actor(district.office, "vanthu")["user_id"]
    assert {n.user_id for n in notices("document_completed")} == {office_clerk}
    received = smtp_sink.messages()
    assert len(received) == 90
    assert len({m["Message-ID"] for m in received}) == 90

    arrival = next(m for m in received if m["Subject"].startswith("[KHẨN] Văn bản đến"))
    assert arrival["Subject"] == "[KHẨN] Văn bản đến: 01/KH-GDĐT"
    assert arrival["To"].endswith("@doson.edu.vn") and ".vanthu@" in arrival["To"]
    body = arrival.get_content()
    assert "Phòng Giáo dục và Đào tạo quận Đồ Sơn đã gửi văn bản 01/KH-GDĐT về việc Kế hoạch cải cách " \
           "hành chính năm 2026." in body
    assert "https://eoffice.doson.edu.vn/app/incoming/" in body
    assert arrival.get_content_charset() == "utf-8"


def test_the_same_event_twice_notifies_once(stack, notify_config, smtp_sink):
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=1)
        clerk = district.actor(district.office, "vanthu")
        rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
    wait_for(lambda: len(smtp_sink.received()) == 1)
    [delivered] = events_emitted("documents", "document.delivered")
    publisher = BrokerPublisher(notify_config["AMQP_URI"])
    publisher.publish_event(delivered)
    publisher.publish_event({**delivered, "event_id": delivered["event_id"]})
    time.sleep(1.5)
    assert len(notices("document_arrived")) == 1
    assert len(smtp_sink.received()) == 1


def test_a_restart_mid_batch_sends_everything_exactly_once(runner_factory, notify_config, smtp_sink):
    # the mail server is down: deliveries queue up and retry
    runner = runner_factory(notify_config, DirectoryService, DocumentsService, NotificationsService)
    runner.start()
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=10)
        clerk = district.actor(district.office, "vanthu")
        rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
    wait_for(lambda: models.Delivery.objects(channel="email").count() == 10)
    wait_for(lambda: all(len(d.attempts) >= 1 for d in models.Delivery.objects(channel="email")))
    assert all(d.status in ("queued", "sending") for d in models.Delivery.objects(channel="email"))
    runner.stop()

    smtp_sink.start()
    runner = runner_factory(notify_config, DirectoryService, DocumentsService, NotificationsService)
    runner.start()
    wait_for(lambda: models.Delivery.objects(status="sent").count() == 10, timeout=30)
    time.sleep(1)
    assert len(smtp_sink.received()) == 10
    assert sorted(m["rcpt_tos"][0] for m in smtp_sink.received()) == \
        sorted(d.address for d in models.Delivery.objects(channel="email"))
    assert all(d.attempts[-1].ok and not any(a.ok for a in d.attempts[:-1]) for d in models.Delivery.objects())


def test_webhooks_are_signed_retried_and_not_retried_on_4xx(stack, notify_config, webhook_sink_factory):
    flaky = webhook_sink_factory("503,503")
    broken = webhook_sink_factory("404")
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=1)
        admin = {"user_id": "admin", "unit_id": district.office, "roles": ["admin"]}
        secret = "s3cret-s3cret-s3cret"
        rpc.notifications.add_webhook(admin, {"name": "Zalo bot", "url": f"http://127.0.0.1:{flaky.port}/hook",
                                              "secret": secret, "kinds": ["document_arrived"]})
        rpc.notifications.add_webhook(admin, {"name": "Cũ", "url": f"http://127.0.0.1:{broken.port}/old",
                                              "secret": secret})
        with pytest.raises(ValidationFailed):
            rpc.notifications.add_webhook(admin, {"name": "x", "url": "not a url", "secret": "short"})
        clerk = district.actor(district.office, "vanthu")
        rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])

    wait_for(lambda: models.Delivery.objects(channel="webhook", status="delivered").count() == 1, timeout=30)
    wait_for(lambda: models.Delivery.objects(channel="webhook", status="failed").count() == 1, timeout=30)
    calls = flaky.received()
    assert [c["answered"] for c in calls] == [503, 503, 200]
    assert len({c["headers"]["X-Eoffice-Delivery"] for c in calls}) == 1
    for call in calls:
        expected = sign(secret, call["headers"]["X-Eoffice-Timestamp"], call["body"].encode("utf-8"))
        assert call["headers"]["X-Eoffice-Signature"] == expected
    payload = json.loads(calls[-1]["body"])
    assert payload["kind"] == "document_arrived" and payload["title"].startswith("[KHẨN] Văn bản đến")
    failed = models.Delivery.objects(channel="webhook", status="failed").first()
    assert len(failed.attempts) == 1 and failed.attempts[0].detail == "HTTP 404"
    assert events_emitted("notifications", "notification.delivery_failed")


def test_preferences_quiet_hours_digest_and_inbox(stack, notify_config, smtp_sink):
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=3)
        a, b, c = district.schools
        clerk_a, clerk_b, clerk_c = (district.actor(s, "vanthu") for s in (a, b, c))
        with pytest.raises(ValidationFailed):
            rpc.notifications.set_preferences(clerk_a, {"kinds": {"document_overdue": ["email"]}})
        rpc.notifications.set_preferences(clerk_a, {"kinds": {"document_arrived": ["inapp"]}})
        rpc.notifications.set_preferences(clerk_b, {"quiet_start": "00:00", "quiet_end": "23:59"})
        rpc.notifications.set_preferences(clerk_c, {"digest": True})
        prefs = rpc.notifications.get_preferences(clerk_a)
        assert prefs["kinds"]["document_arrived"]["channels"] == ["inapp"]
        assert prefs["kinds"]["document_overdue"]["critical"] is True

        office = district.actor(district.office, "vanthu")
        # not urgent, so quiet hours and the digest apply
        rpc.documents.issue(office, plan_draft(rpc, office, [a, b, c], urgency=0)["document_id"])
        wait_for(lambda: models.Notification.objects(kind="document_arrived").count() == 3)
        wait_for(lambda: models.Delivery.objects(channel="email").count() == 2)
        time.sleep(0.5)
        assert smtp_sink.received() == []  # A chose in-app only, B is in quiet hours, C waits for the digest
        deferred = models.Delivery.objects(user_id=clerk_b["user_id"]).first()
        assert deferred.status == "queued" and deferred.next_attempt_at > utcnow()
        assert models.Delivery.objects(user_id=clerk_c["user_id"]).first().status == "digest"
        assert rpc.notifications.send_digests(True) == 1
        wait_for(lambda: len(smtp_sink.received()) == 1)
        digest = smtp_sink.messages()[0]
        assert digest["Subject"].startswith("Tổng hợp thông báo ngày") and "Văn bản đến" in digest.get_content()

        inbox = rpc.notifications.inbox(clerk_a)
        assert inbox["unread"] == 1 and inbox["items"][0]["title"] == "Văn bản đến: 01/KH-GDĐT"
        assert rpc.notifications.unread_count(clerk_b) == 1
        assert rpc.notifications.mark_read(clerk_a, [inbox["items"][0]["notification_id"]]) == 1
        assert rpc.notifications.unread_count(clerk_a) == 0
        assert rpc.notifications.mark_read(clerk_b, [inbox["items"][0]["notification_id"]]) == 0  # not B's
        assert rpc.notifications.mark_all_read(clerk_b) == 1
        history = rpc.notifications.deliveries(clerk_c, rpc.notifications.inbox(clerk_c)["items"][0]["notification_id"])
        assert history[0]["status"] == "sent"


def test_a_deadline_reminder_goes_out_once(stack, notify_config, smtp_sink):
    with ClusterRpcProxy(notify_config, timeout=30) as rpc:
        district = seed(rpc, schools=1)
        school = district.schools[0]
        office = district.actor(district.office, "vanthu")
        doc = rpc.documents.issue(office, plan_draft(rpc, office, [school])["document_id"])
        item = wait_for(lambda: rpc.documents.inbox(district.actor(school, "vanthu"), {})["items"])[0]
        rpc.documents.register(district.actor(school, "vanthu"), item["item_id"])
        soon = iso(utcnow() + timedelta(hours=5))
        rpc.documents.assign(district.actor(school, "lanhdao"), item["item_id"],
                             {"lead_user_id": district.actor(school, "cv1")["user_id"], "deadline": soon})
        wait_for(lambda: models.DeadlineWatch.objects(item_id=item["item_id"]).count() == 1)
        assert rpc.notifications.send_due_reminders() == 1
        assert rpc.notifications.send_due_reminders() == 0
        [reminder] = notices("document_due_soon")
        assert reminder.user_id == district.actor(school, "cv1")["user_id"]
        assert "sắp đến hạn" in reminder.title
        assert len(events_emitted("notifications", "reminder.sent")) == 1
        assert doc["symbol"] in reminder.title
