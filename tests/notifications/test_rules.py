"""Notification rules without a broker: who, which channels, when email waits, retries."""
from datetime import datetime, time, timedelta

import pytest

from services.notifications import domain
from services.notifications.channels import sign
from services.notifications.render import render

ITEM = {"item_id": "i1", "document_id": "d1", "symbol": "05/KH-GDĐT", "summary": "Kế hoạch CCHC",
        "sender_unit": "OFFICE", "recipient_unit": "SCHOOL", "status": "01", "urgency": 0, "by": "u-actor"}


def envelope(type_, **data):
    return {"event_id": "e1", "type": type_, "data": {**ITEM, **data}}


def test_a_delivered_document_tells_the_receiving_clerks():
    [notice] = domain.notices_for(envelope("document.delivered", integrity_ok=True))
    assert notice.kind == "document_arrived"
    assert notice.recipients == [domain.UnitRole("SCHOOL", "van_thu")]
    assert not notice.urgent


def test_an_assignment_tells_lead_and_coordinators_but_not_the_leader_who_assigned():
    [notice] = domain.notices_for(envelope("document.assigned", lead_user_id="lead", coordinator_ids=["c1", "c2"],
                                           deadline=None, direction="Khẩn trương", urgency=2))
    assert notice.recipients == [domain.User("lead"), domain.User("c1"), domain.User("c2")]
    assert notice.exclude == {"u-actor"} and notice.urgent


def test_overdue_goes_to_the_lead_and_the_unit_leaders():
    [notice] = domain.notices_for(envelope("document.overdue", lead_user_id="lead", deadline="2026-01-01"))
    assert notice.recipients == [domain.User("lead"), domain.UnitRole("SCHOOL", "lanh_dao")]
    assert notice.urgent  # overdue skips digests


def test_refusal_completion_and_recall_reach_the_right_clerks():
    assert domain.notices_for(envelope("document.refused", reason="Sai"))[0].recipients == \
        [domain.UnitRole("OFFICE", "van_thu")]
    assert domain.notices_for(envelope("document.completed", reply_symbol=None))[0].kind == "document_completed"
    recall = {"event_id": "e", "type": "document.recall_requested",
              "data": {"document_id": "d1", "request_id": "r", "kind": "recall", "symbol": "05/KH-GDĐT",
                       "summary": "x", "sender_unit": "OFFICE", "recipients": ["S1", "S2"], "reason": "Nhầm", "by": "u"}}
    [notice] = domain.notices_for(recall)
    assert notice.recipients == [domain.UnitRole("S1", "van_thu"), domain.UnitRole("S2", "van_thu")]
    assert domain.notices_for({"event_id": "e", "type": "document.received", "data": ITEM}) == []


def test_channels_follow_preferences_but_critical_and_urgent_always_reach_the_inbox():
    assert domain.channels_for("document_arrived", None, False) == ["inapp", "email"]
    assert domain.channels_for("document_completed", None, False) == ["inapp"]
    off = {"kinds": {"document_arrived": [], "document_overdue": []}}
    assert domain.channels_for("document_arrived", off, False) == []
    assert domain.channels_for("document_arrived", off, True) == ["inapp"]
    assert domain.channels_for("document_overdue", off, False) == ["inapp"]
    assert domain.channels_for("document_arrived", {"kinds": {"document_arrived": ["email"]}}, False) == ["email"]


def test_preferences_cannot_switch_off_critical_kinds():
    assert domain.check_preferences({"document_arrived": []}) == {}
    assert "kinds.document_overdue" in domain.check_preferences({"document_overdue": ["email"]})
    assert "kinds.nope" in domain.check_preferences({"nope": ["inapp"]})
    assert "kinds.document_arrived" in domain.check_preferences({"document_arrived": ["sms"]})


@pytest.mark.parametrize("now,expected", [("23:00", True), ("05:59", True), ("06:30", False), ("12:00", False),
                                          ("22:00", True)])
def test_quiet_hours_wrap_midnight(now, expected):
    h, m = map(int, now.split(":"))
    assert domain.in_quiet_hours(datetime(2026, 3, 1, h, m), time(22, 0), time(6, 30)) is expected


def test_quiet_hours_end_is_the_next_end_time():
    assert domain.quiet_hours_end(datetime(2026, 3, 1, 23, 0), time(6, 30)) == datetime(2026, 3, 2, 6, 30)
    assert domain.quiet_hours_end(datetime(2026, 3, 2, 5, 0), time(6, 30)) == datetime(2026, 3, 2, 6, 30)
    assert not domain.in_quiet_hours(datetime(2026, 3, 1, 23, 0), None, None)


def test_urgent_mail_never_waits():
    assert domain.email_mode(urgent=True, digest=True, quiet=True) == "now"
    assert domain.email_mode(urgent=False, digest=True, quiet=False) == "digest"
    assert domain.email_mode(urgent=False, digest=False, quiet=True) == "later"
    assert domain.email_mode(urgent=False, digest=False, quiet=False) == "now"


def test_retries_back_off_exponentially_and_only_for_transient_errors():
    assert [domain.backoff(n, 2) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert domain.backoff(30, 2, cap=3600) == 3600
    assert domain.is_transient_http(None) and domain.is_transient_http(503) and domain.is_transient_http(429)
    assert not domain.is_transient_http(404) and not domain.is_transient_http(400)
    assert domain.is_transient_smtp(None) and domain.is_transient_smtp(421)
    assert not domain.is_transient_smtp(550)


def test_reminder_window():
    now = datetime(2026, 3, 1, 8)
    assert domain.due_for_reminder(now + timedelta(hours=23), now, timedelta(hours=24))
    assert not domain.due_for_reminder(now + timedelta(hours=25), now, timedelta(hours=24))
    assert not domain.due_for_reminder(now - timedelta(hours=1), now, timedelta(hours=24))


def test_templates_render_vietnamese_text_for_every_kind_with_a_template():
    ctx = {**ITEM, "sender_name": "Phòng Giáo dục và Đào tạo quận Đồ Sơn", "recipient_name": "Trường THCS Ngọc Hải",
           "urgent": True, "urgency_label": "Khẩn", "deadline": "2026-03-02T10:00:00+00:00", "lead": True,
           "direction": "Triển khai ngay", "reason": "Không đúng thẩm quyền", "change_label": "thu hồi"}
    title, text = render("document_assigned", ctx)
    assert title == "[KHẨN] Được giao xử lý văn bản 05/KH-GDĐT"
    assert "chủ trì" in text and "02/03/2026" in text and "Triển khai ngay" in text
    for kind in ("document_arrived", "document_due_soon", "document_overdue", "document_refused",
                 "document_completed", "document_recall"):
        title, text = render(kind, ctx)
        assert title and text and "05/KH-GDĐT" in title + text
    assert render("document_due_soon", ctx)[1].endswith("đúng hạn.")
    assert "17:00 ngày 02/03/2026" in render("document_due_soon", ctx)[1]


def test_webhook_signature_is_hmac_over_timestamp_and_body():
    import hashlib
    import hmac
    body = '{"a":"Đồ Sơn"}'.encode()
    expected = hmac.new(b"k" * 16, b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("k" * 16, "1700000000", body) == "sha256=" + expected


MEETING = {"meeting_id": "m1", "title": "Họp giao ban", "kind": "giao_ban", "kind_label": "Họp giao ban",
           "status": "invited", "starts_at": "2026-12-01T01:00:00+00:00", "ends_at": None, "place": "Phòng họp",
           "online_url": None, "unit_code": "OFFICE", "chair_id": "chair", "secretary_id": "sec",
           "participant_ids": ["chair", "sec", "p1", "p2"], "paperless": True, "by": "chair"}


def test_meeting_events_reach_participants_but_not_the_actor():
    [invite] = domain.notices_for({"event_id": "e", "type": "meeting.invitation_sent",
                                   "data": {**MEETING, "symbol": "05/GM-GDĐT", "invitation_number": 1}})
    assert invite.kind == "meeting_invitation" and invite.exclude == {"chair"}
    assert [r.user_id for r in invite.recipients] == ["chair", "sec", "p1", "p2"]
    title, text = render("meeting_invitation", invite.context)
    assert title == "Giấy mời họp: Họp giao ban" and "05/GM-GDĐT" in text and "08:00 ngày 01/12/2026" in text
    [cancel] = domain.notices_for({"event_id": "e", "type": "meeting.cancelled", "data": {**MEETING, "reason": "Bão"}})
    assert cancel.urgent and domain.KINDS[cancel.kind].critical
    [update] = domain.notices_for({"event_id": "e", "type": "meeting.updated",
                                   "data": {**MEETING, "removed_ids": ["gone"], "changes": ["starts_at"]}})
    assert domain.User("gone") in update.recipients   # removed people are told too
    [vote] = domain.notices_for({"event_id": "e", "type": "meeting.vote_opened",
                                 "data": {**MEETING, "voter_ids": ["p1"], "question": "Thông qua?"}})
    assert vote.recipients == [domain.User("p1")] and vote.urgent
    assert domain.notices_for({"event_id": "e", "type": "meeting.delegated",
                               "data": {**MEETING, "action": "revoked", "delegate_id": "d"}}) == []
    [granted] = domain.notices_for({"event_id": "e", "type": "meeting.delegated",
                                    "data": {**MEETING, "action": "granted", "delegate_id": "d", "voting": True}})
    assert granted.recipients == [domain.User("d")]
    for kind in ("meeting_updated", "meeting_cancelled", "meeting_vote_opened", "meeting_minutes_published",
                 "meeting_starting", "meeting_delegated", "meeting_opinion_requested"):
        title, text = render(kind, {**invite.context, "question": "Thông qua?", "request_title": "Dự thảo"})
        assert "Họp giao ban" in title + text


REPORT = {"submission_id": "s1", "form_code": "CCHC", "form_version": 1, "form_title": "Báo cáo CCHC",
          "period_id": "2026-Q1", "period_label": "Quý I năm 2026", "unit_code": "S1",
          "unit_name": "Trường THCS Ngọc Hải", "owner_unit": "OFFICE", "by": "office-cv"}


def test_report_reminders_returns_and_approvals():
    soon = {**REPORT, "deadline": "2026-03-25", "offset_days": -3, "kind": "before", "message": "x",
            "roles": ["chuyen_vien", "lanh_dao"]}
    [notice] = domain.notices_for({"event_id": "e", "type": "report.reminder_due", "data": soon})
    assert notice.kind == "report_due_soon" and not notice.urgent
    assert notice.recipients == [domain.UnitRole("S1", "chuyen_vien"), domain.UnitRole("S1", "lanh_dao")]
    title, text = render(notice.kind, notice.context)
    assert title == "Sắp đến hạn báo cáo: Báo cáo CCHC (Quý I năm 2026)" and "25/03/2026" in text
    [late] = domain.notices_for({"event_id": "e", "type": "report.reminder_due", "data": {**soon, "offset_days": 3}})
    assert late.kind == "report_overdue" and late.urgent and domain.KINDS["report_overdue"].critical
    assert "quá hạn 3 ngày" in render(late.kind, late.context)[1]
    [returned] = domain.notices_for({"event_id": "e", "type": "report.returned", "data": {**REPORT, "reason": "Thiếu số liệu"}})
    assert "Thiếu số liệu" in render(returned.kind, returned.context)[1]
    [approved] = domain.notices_for({"event_id": "e", "type": "report.approved", "data": {**REPORT, "revision": 1}})
    assert approved.recipients == [domain.UnitRole("S1", "lanh_dao")]
