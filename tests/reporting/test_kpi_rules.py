"""KPI facts from events and their sums (pure)."""
import uuid

from services.common.events import EventType
from services.documents import events as documents_events
from services.reporting.domain import kpi

OFFICE, SCHOOL = "000.01.31.H26", "000.11.31.H26"


def item_data(item="it-1", unit=SCHOOL, **extra):
    return {"item_id": item, "document_id": "doc-1", "symbol": "01/KH-GDĐT", "sender_unit": OFFICE,
            "recipient_unit": unit, "status": "01", "urgency": 0, "by": None, **extra}


def envelope(event: EventType, data: dict, occurred_at="2026-03-10T02:00:00+00:00", producer="documents"):
    # every field the contract lists, whatever it adds later: the consumer reads only a few
    data = {**{name: None for name in event.fields}, **data}
    env = event.envelope(producer, data)
    env["occurred_at"] = occurred_at
    return env


def test_every_document_event_of_the_contract_gives_one_fact_keyed_by_item():
    cases = [(documents_events.DELIVERED, {"integrity_ok": True}, "received"),
             (documents_events.RECEIVED, {"incoming_number": 3}, "registered"),
             (documents_events.REFUSED, {"reason": "Sai nơi nhận"}, "refused"),
             (documents_events.ASSIGNED, {"lead_user_id": "u", "coordinator_ids": [], "deadline": None,
                                          "direction": None}, "assigned"),
             (documents_events.COMPLETED, {"reply_symbol": None, "on_time": False, "processing_days": 4.5},
              "completed"),
             (documents_events.OVERDUE, {"lead_user_id": "u", "deadline": "2026-03-01T00:00:00+00:00"}, "overdue")]
    for event, extra, kind in cases:
        facts = kpi.facts_from_event(envelope(event, item_data(**extra)))
        assert len(facts) == 1
        fact = facts[0]
        assert fact["_id"] == f"doc:{kind}:it-1" and fact["kind"] == kind and fact["unit"] == SCHOOL
        assert fact["month"] == "2026-M03"
    completed = kpi.facts_from_event(envelope(documents_events.COMPLETED,
                                              item_data(reply_symbol=None, on_time=False, processing_days=4.5)))[0]
    assert completed["on_time"] is False and completed["days"] == 4.5


def test_the_same_fact_under_a_new_event_id_has_the_same_key():
    a = kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(integrity_ok=True)))
    b = kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(integrity_ok=True)))
    assert a[0]["event_id"] != b[0]["event_id"] and a[0]["_id"] == b[0]["_id"]


def test_facts_count_in_the_month_of_their_decree_09_window_in_vietnam_time():
    # 14 March 16:30 UTC is 14 March 23:30 in Vietnam: March's window
    assert kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(integrity_ok=True),
                                         "2026-03-14T16:30:00+00:00"))[0]["month"] == "2026-M03"
    # 14 March 17:30 UTC is 15 March 00:30 in Vietnam: April's window
    assert kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(integrity_ok=True),
                                         "2026-03-14T17:30:00+00:00"))[0]["month"] == "2026-M04"
    assert kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(integrity_ok=True),
                                         "2025-12-20T03:00:00+00:00"))[0]["month"] == "2026-M01"


def test_unknown_or_incomplete_events_give_no_fact():
    assert kpi.facts_from_event({"type": "document.issued", "data": {}}) == []
    assert kpi.facts_from_event({"type": "document.delivered", "data": {"item_id": "x"}}) == []
    assert kpi.facts_from_event({"type": "meeting.minutes_published", "data": {"title": "x"}}) == []
    assert kpi.facts_from_event({"type": "meeting.checked_in", "data": {"meeting_id": "m"}}) == []


def meeting(event_type, data, at="2026-03-10T02:00:00+00:00"):
    return {"event_id": uuid.uuid4().hex, "type": event_type, "version": 1, "occurred_at": at,
            "producer": "meetings", "data": data}


def test_meetings_are_read_defensively():
    held = kpi.facts_from_event(meeting("meeting.minutes_published", {
        "meeting_id": "m1", "host_unit": OFFICE, "attendance": {"present": 18, "expected": 20}}))[0]
    assert held["_id"] == "meeting:held:m1" and held["unit"] == OFFICE and held["paperless"] is True
    assert (held["present"], held["expected"]) == (18, 20)
    paper = kpi.facts_from_event(meeting("meeting.minutes_published", {
        "meeting_id": "m2", "unit_code": OFFICE, "paperless": False, "present_count": 0, "member_count": 5}))[0]
    assert paper["paperless"] is False and (paper["present"], paper["expected"]) == (0, 5)
    checkin = kpi.facts_from_event(meeting("meeting.checked_in", {"meeting_id": "m1", "user_id": "u1"}))[0]
    assert checkin["_id"] == "meeting:checkin:m1:u1" and checkin["kind"] == "meeting_checkin"


def test_summaries():
    facts = []
    for i in range(4):
        facts += kpi.facts_from_event(envelope(documents_events.DELIVERED, item_data(f"i{i}", integrity_ok=True)))
    for i, (on_time, days) in enumerate(((True, 2.0), (True, 4.0), (False, 9.0))):
        facts += kpi.facts_from_event(envelope(documents_events.COMPLETED, item_data(
            f"i{i}", reply_symbol=None, on_time=on_time, processing_days=days)))
    facts += kpi.facts_from_event(envelope(documents_events.OVERDUE, item_data("i3", lead_user_id="u", deadline=None)))
    facts += kpi.facts_from_event(meeting("meeting.minutes_published", {
        "meeting_id": "m1", "host_unit": OFFICE, "attendance": {"present": 9, "expected": 10}}))
    facts += kpi.facts_from_event(meeting("meeting.minutes_published", {
        "meeting_id": "m2", "host_unit": OFFICE, "paperless": False, "expected_count": 10}))
    s = kpi.summarize(facts, checkins={"m2": 7})
    assert (s["documents_received"], s["documents_completed"], s["documents_on_time"], s["documents_overdue"]) == \
        (4, 3, 2, 1)
    assert s["on_time_rate"] == 66.67 and s["average_processing_days"] == 5.0
    assert (s["meetings_held"], s["meetings_paperless"], s["paperless_share"]) == (2, 1, 50.0)
    assert s["attendance_rate"] == 80.0    # (9 + 7 checked in) / (10 + 10)
    empty = kpi.summarize([])
    assert empty["on_time_rate"] is None and empty["attendance_rate"] is None and empty["documents_received"] == 0
