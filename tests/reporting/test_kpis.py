"""KPIs from events only: the documents service runs a real document flow, the
meetings events are published on its exchange; duplicates and replays change
nothing; the read model is rebuilt from a replay."""
import uuid
from datetime import datetime, timezone

import pytest
from mongoengine.connection import get_db

from services.common.events import BrokerPublisher, EventType
from services.directory.service import DirectoryService
from services.documents import events as documents_events
from services.documents.service import DocumentsService
from services.reporting.domain import kpi, periods
from services.reporting.exceptions import PermissionDenied
from services.reporting.service import ReportingService
from tests.integration.district import seed
from tests.integration.helpers import events_emitted, plan_draft, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def stack(runner_factory, reporting_config):
    runner = runner_factory(reporting_config, DirectoryService, DocumentsService, ReportingService)
    runner.start()
    return runner


def facts(kind=None):
    query = {"kind": kind} if kind else {}
    return list(get_db("reporting")["kpi_facts"].find(query))


def meeting_event(event_type: str, data: dict) -> dict:
    return {"event_id": uuid.uuid4().hex, "type": event_type, "version": 1,
            "occurred_at": datetime.now(timezone.utc).isoformat(), "producer": "meetings", "data": data}


def test_document_and_meeting_events_feed_the_kpis(stack, rpc, reporting_config):
    district = seed(rpc, schools=2)
    clerk = district.actor(district.office, "vanthu")
    a, b = district.schools
    publisher = BrokerPublisher(reporting_config["AMQP_URI"])

    # two documents to both schools; A completes both, B registers one and lets it run late
    for summary in ("Kế hoạch cải cách hành chính năm 2026", "Kế hoạch chuyển đổi số năm 2026"):
        draft = plan_draft(rpc, clerk, [a, b], summary=summary)
        rpc.documents.issue(clerk, draft["document_id"])
    wait_for(lambda: len(facts("received")) == 4)
    for item in rpc.documents.inbox(district.actor(a, "vanthu"))["items"]:
        rpc.documents.register(district.actor(a, "vanthu"), item["item_id"])
        rpc.documents.assign(district.actor(a, "lanhdao"), item["item_id"], {
            "lead_user_id": district.actor(a, "cv1")["user_id"], "deadline": "2099-01-15"})
        rpc.documents.complete(district.actor(a, "cv1"), item["item_id"], reply_symbol="05/BC-MN")
    b_item = rpc.documents.inbox(district.actor(b, "vanthu"))["items"][0]
    rpc.documents.register(district.actor(b, "vanthu"), b_item["item_id"])
    wait_for(lambda: len(facts("completed")) == 2 and len(facts("registered")) == 3)

    # documents marks overdue on a timer; its event, as the contract says it, is what counts
    overdue = documents_events.OVERDUE.envelope("documents", {
        **{name: None for name in documents_events.OVERDUE.fields},
        "item_id": b_item["item_id"], "document_id": b_item["document_id"], "symbol": b_item["symbol"],
        "sender_unit": district.office, "recipient_unit": b, "status": "04", "urgency": 1,
        "lead_user_id": "x", "deadline": "2026-01-01T00:00:00+00:00"})
    publisher.publish_event(overdue)

    # a paperless meeting held by the office (fields as the meetings contract names them)
    held = meeting_event("meeting.minutes_published", {
        "meeting_id": "m-1", "title": "Giao ban tháng", "unit_code": district.office, "paperless": True,
        "attendance": {"expected": 10, "present": 9, "present_in_person": 8, "represented": 1, "absent": 1}})
    publisher.publish_event(held)
    publisher.publish_event(meeting_event("meeting.minutes_published", {
        "meeting_id": "m-2", "unit_code": district.office, "paperless": False,
        "attendance": {"expected": 10, "present": 7}}))
    publisher.publish_event(meeting_event("meeting.checked_in", {"meeting_id": "m-1", "user_id": "u-1",
                                                                 "unit_code": district.office}))
    wait_for(lambda: len(facts("overdue")) == 1 and len(facts("meeting_held")) == 2 and facts("meeting_checkin"))

    # duplicates: the same envelope again, and the same fact under a new event id
    publisher.publish_event(overdue)
    publisher.publish_event(held)
    again = dict(overdue, event_id=uuid.uuid4().hex)
    publisher.publish_event(again)
    sentinel = meeting_event("meeting.minutes_published", {"meeting_id": "m-3", "unit_code": a, "paperless": True,
                                                           "attendance": {"expected": 4, "present": 4}})
    publisher.publish_event(sentinel)
    wait_for(lambda: len(facts("meeting_held")) == 3)
    processed = get_db("reporting")["processed_events"]
    wait_for(lambda: processed.find_one({"_id": f"reporting.on_document_overdue:{again['event_id']}"}))
    assert len(facts("overdue")) == 1

    # the KPIs of the period the events fall in (Decree 09 cut-off, Vietnam time)
    delivered = events_emitted("documents", "document.delivered")
    month = kpi.month_of(kpi.occurred_at(delivered[0]))
    assert {kpi.month_of(kpi.occurred_at(e)) for e in delivered} == {month}, "run across a cut-off boundary"
    quarter = periods.cutoff_period(periods.QUARTERLY, periods.local_day(kpi.occurred_at(delivered[0]))).id
    office = district.actor(district.office, "lanhdao")
    for period_id in (month, quarter, month[:4] + "-Y"):
        answer = rpc.reporting.kpis(office, period_id)
        units = {u["code"]: u["kpis"] for u in answer["units"]}
        assert set(units) == {district.office, a, b}
        assert (units[a]["documents_received"], units[a]["documents_completed"], units[a]["documents_on_time"]) == \
            (2, 2, 2)
        assert units[a]["on_time_rate"] == 100.0 and units[a]["average_processing_days"] is not None
        assert (units[b]["documents_received"], units[b]["documents_registered"], units[b]["documents_overdue"]) == \
            (2, 1, 1)
        assert units[b]["on_time_rate"] is None
        office_kpis = units[district.office]
        assert (office_kpis["meetings_held"], office_kpis["meetings_paperless"], office_kpis["paperless_share"]) == \
            (2, 1, 50.0)
        assert office_kpis["attendance_rate"] == 80.0
        assert answer["total"]["documents_received"] == 4 and answer["total"]["meetings_held"] == 3

    # a school sees its own KPIs, not another's
    mine = rpc.reporting.kpis(district.actor(a, "lanhdao"), month)
    assert [u["code"] for u in mine["units"]] == [a]
    with pytest.raises(PermissionDenied):
        rpc.reporting.kpis(district.actor(a, "lanhdao"), month, [b])

    # rebuilt from a replay: replaying what is there changes nothing; an empty model comes back equal
    admin = district.actor(district.office, "admin")
    before = rpc.reporting.kpis(office, quarter)
    replay = [row["envelope"] for row in get_db("documents")["outbox_sent"].find()] + [overdue, held, sentinel]
    assert rpc.reporting.kpi_replay(admin, replay)["added"] == 0
    with pytest.raises(PermissionDenied):
        rpc.reporting.kpi_replay(office, replay)
    assert rpc.reporting.kpi_reset(admin) > 0
    assert rpc.reporting.kpis(office, quarter)["total"]["documents_received"] == 0
    result = rpc.reporting.kpi_replay(admin, replay + [meeting_event("meeting.minutes_published", {
        "meeting_id": "m-2", "unit_code": district.office, "paperless": False,
        "attendance": {"expected": 10, "present": 7}}), meeting_event("meeting.checked_in", {
            "meeting_id": "m-1", "user_id": "u-1", "unit_code": district.office})])
    assert result["ignored"] > 0        # issued, processing ...: no KPI in them
    assert rpc.reporting.kpis(office, quarter) == before


def test_the_meetings_contract_when_present_gives_the_facts_reporting_expects():
    contract = pytest.importorskip("services.meetings.events")
    base = {name: None for name in contract.MEETING}
    data = {**base, "meeting_id": "m-9", "unit_code": "000.01.31.H26", "paperless": True, "ended_at": None,
            "attendance": {"expected": 12, "present": 11}, "invitation_symbol": None, "notice_document_id": None,
            "notice_symbol": None, "notice_recipients": [], "minutes_file": None, "votes_held": 0}
    envelope = contract.MINUTES_PUBLISHED.envelope("meetings", {k: data.get(k) for k in contract.MINUTES_PUBLISHED.fields})
    assert isinstance(contract.MINUTES_PUBLISHED, EventType) and contract.MINUTES_PUBLISHED.name == \
        kpi.MEETING_MINUTES_PUBLISHED and contract.CHECKED_IN.name == kpi.MEETING_CHECKED_IN
    fact = kpi.facts_from_event(envelope)[0]
    assert (fact["unit"], fact["paperless"], fact["present"], fact["expected"]) == ("000.01.31.H26", True, 11, 12)
