"""Meeting notices over the real broker: invitation, vote opened, cancellation,
and the reminder 30 minutes before the start (once)."""
from datetime import datetime, timedelta, timezone

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.meetings.service import MeetingsService
from services.notifications import models
from services.notifications.service import NotificationsService
from tests.integration.district import seed
from tests.integration.helpers import events_emitted, wait_for

pytestmark = pytest.mark.integration


def starts_in(minutes):
    start = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    return start.isoformat(), (start + timedelta(hours=1)).isoformat()


@pytest.fixture
def meeting_stack(runner_factory, config, smtp_sink):
    smtp_sink.start()
    cfg = {**config, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": smtp_sink.port, "NOTIFY_DISPATCH_INTERVAL": 0.2,
           "REMINDER_CHECK_INTERVAL": 3600}
    runner = runner_factory(cfg, DirectoryService, DocumentsService, MeetingsService, NotificationsService)
    runner.start()
    return cfg


def kinds_for(user_id):
    return sorted(n.kind for n in models.Notification.objects(user_id=user_id))


def test_meeting_invitation_vote_reminder_and_cancellation(meeting_stack, smtp_sink):
    with ClusterRpcProxy(meeting_stack, timeout=30) as rpc:
        district = seed(rpc, schools=3)
        chair = district.actor(district.office, "lanhdao")
        secretary = district.actor(district.office, "cv1")
        principals = [district.actor(s, "lanhdao") for s in district.schools]
        starts, ends = starts_in(20)
        meeting = rpc.meetings.schedule(chair, {
            "title": "Họp giao ban hiệu trưởng", "kind": "giao_ban", "starts_at": starts, "ends_at": ends,
            "place": "Phòng họp tầng 2", "chair_id": chair["user_id"], "secretary_id": secretary["user_id"],
            "members": [{"user_id": p["user_id"]} for p in principals]})
        mid = meeting["meeting_id"]
        rpc.meetings.send_invitations(chair, mid)
        for p in principals:
            wait_for(lambda: "meeting_invitation" in kinds_for(p["user_id"]))
        invitation = models.Notification.objects(user_id=principals[0]["user_id"], kind="meeting_invitation").first()
        assert invitation.title == "Giấy mời họp: Họp giao ban hiệu trưởng"
        assert "Phòng họp tầng 2" in invitation.text and "/GM-GDĐT" in invitation.text
        assert "meeting_invitation" not in kinds_for(chair["user_id"])  # the chair sent it

        # 30 minutes before: one reminder each, however often the check runs
        assert rpc.notifications.send_meeting_reminders() == 1
        assert rpc.notifications.send_meeting_reminders() == 0
        assert all("meeting_starting" in kinds_for(p["user_id"]) for p in principals + [chair, secretary])
        assert len(events_emitted("notifications", "reminder.sent")) == 1

        rpc.meetings.start(secretary, mid)
        for person in [chair, *principals]:
            rpc.meetings.check_in(person, mid)
        rpc.meetings.open_vote(chair, mid, {"question": "Thông qua kế hoạch tháng 12"})
        for p in principals:
            wait_for(lambda: "meeting_vote_opened" in kinds_for(p["user_id"]))
        vote_notice = models.Notification.objects(kind="meeting_vote_opened").first()
        assert vote_notice.urgent and vote_notice.link.endswith("/room")

    with ClusterRpcProxy(meeting_stack, timeout=30) as rpc:
        later_start, later_end = starts_in(24 * 60)
        other = rpc.meetings.schedule(chair, {
            "title": "Hội nghị chuyên đề", "kind": "chuyen_de", "starts_at": later_start, "ends_at": later_end,
            "place": "Hội trường", "chair_id": chair["user_id"], "secretary_id": secretary["user_id"],
            "members": [{"user_id": p["user_id"]} for p in principals]})
        rpc.meetings.send_invitations(chair, other["meeting_id"])
        rpc.meetings.cancel(chair, other["meeting_id"], "Trùng lịch họp của UBND quận")
        wait_for(lambda: models.Notification.objects(kind="meeting_cancelled").count() == 4)
        cancelled = models.Notification.objects(kind="meeting_cancelled", user_id=principals[1]["user_id"]).first()
        assert cancelled.title == "[HỦY] Cuộc họp Hội nghị chuyên đề" and "Trùng lịch" in cancelled.text
        assert rpc.notifications.send_meeting_reminders() == 0  # cancelled, and not within 30 minutes anyway
    # emails went out for the invitations and the cancellation (not for in-app-only kinds)
    wait_for(lambda: sum(m["Subject"].startswith("[HỦY]") for m in smtp_sink.messages()) == 4)
    # secretary and three principals, for each of the two meetings (the chair sent them)
    assert sum(m["Subject"].startswith("Giấy mời họp:") for m in smtp_sink.messages()) == 2 * 4
