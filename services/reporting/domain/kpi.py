"""Administrative-reform KPIs built from other services' events, never their
databases. Pure.

Each event becomes zero or more *facts* keyed by what happened to which thing
(``doc:completed:<item_id>``), not by the event id: a duplicate delivery, a
replay, or the same fact re-announced under a new event id all land on the
same key and change nothing. Counters are sums over facts at query time, so
the read model is rebuilt by replaying events into an empty fact table.

A fact belongs to the monthly period whose Decree 09 cut-off window holds the
day it happened (15 March counts in April's report); longer periods add up
their months, so a quarter's KPIs match its cut-off window exactly.
"""
from __future__ import annotations

from datetime import datetime, timezone

from . import periods

# documents' contract (services/documents/events.py), by name only: consumers
# import nothing from another service but its contract, and the names suffice.
DOC_DELIVERED, DOC_RECEIVED, DOC_REFUSED = "document.delivered", "document.received", "document.refused"
DOC_ASSIGNED, DOC_COMPLETED, DOC_OVERDUE = "document.assigned", "document.completed", "document.overdue"
DOCUMENT_EVENTS = (DOC_DELIVERED, DOC_RECEIVED, DOC_REFUSED, DOC_ASSIGNED, DOC_COMPLETED, DOC_OVERDUE)

# meetings' contract (services/meetings/events.py), by name only. It is young,
# so fields are read defensively (see _meeting_*): meeting_id, unit_code (the
# organising unit), paperless, attendance {expected, present}; an event lacking
# what we need is ignored rather than failed, so it never lands in the DLQ.
MEETING_MINUTES_PUBLISHED = "meeting.minutes_published"
MEETING_CHECKED_IN = "meeting.checked_in"
MEETING_EVENTS = (MEETING_MINUTES_PUBLISHED, MEETING_CHECKED_IN)

_DOC_KINDS = {DOC_DELIVERED: "received", DOC_RECEIVED: "registered", DOC_REFUSED: "refused",
              DOC_ASSIGNED: "assigned", DOC_COMPLETED: "completed", DOC_OVERDUE: "overdue"}

KPI_FIELDS = ("documents_received", "documents_registered", "documents_refused", "documents_assigned",
              "documents_completed", "documents_on_time", "documents_overdue", "on_time_rate",
              "average_processing_days", "meetings_held", "meetings_paperless", "paperless_share",
              "attendance_rate")


def occurred_at(envelope: dict) -> datetime:
    text = str(envelope.get("occurred_at") or "")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = datetime.now(timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def month_of(moment: datetime) -> str:
    """The monthly period (by Decree 09 cut-off) a moment counts in."""
    return periods.cutoff_period(periods.MONTHLY, periods.local_day(moment)).id


def facts_from_event(envelope: dict) -> list[dict]:
    """The facts an event establishes (possibly none)."""
    event_type = envelope.get("type")
    data = envelope.get("data") or {}
    moment = occurred_at(envelope)
    base = {"month": month_of(moment), "at": moment.astimezone(timezone.utc).replace(tzinfo=None),
            "event_id": envelope.get("event_id"), "source": event_type}
    if event_type in _DOC_KINDS:
        return _document_facts(event_type, data, base)
    if event_type == MEETING_MINUTES_PUBLISHED:
        return _meeting_held(data, base)
    if event_type == MEETING_CHECKED_IN:
        return _meeting_checkin(data, base)
    return []


def _document_facts(event_type: str, data: dict, base: dict) -> list[dict]:
    item_id, unit = data.get("item_id"), data.get("recipient_unit")
    if not item_id or not unit:
        return []
    kind = _DOC_KINDS[event_type]
    fact = {**base, "_id": f"doc:{kind}:{item_id}", "kind": kind, "unit": unit, "item_id": item_id}
    if kind == "completed":
        fact["on_time"] = bool(data.get("on_time", True))
        days = data.get("processing_days")
        fact["days"] = float(days) if isinstance(days, (int, float)) and not isinstance(days, bool) else None
    return [fact]


def _first(data: dict, *names):
    for name in names:
        if data.get(name) not in (None, ""):
            return data[name]
    return None


def _meeting_held(data: dict, base: dict) -> list[dict]:
    meeting_id = _first(data, "meeting_id", "id")
    unit = _first(data, "unit_code", "host_unit", "organizer_unit", "owner_unit")
    if not meeting_id or not unit:
        return []
    attendance = data.get("attendance") if isinstance(data.get("attendance"), dict) else {}
    present = _int(_first(attendance, "present", "present_count"))
    if present is None:
        present = _int(_first(data, "present_count", "present"))
    expected = _int(_first(attendance, "expected", "invited", "members", "expected_count"))
    if expected is None:
        expected = _int(_first(data, "expected_count", "participant_count", "member_count"))
    return [{**base, "_id": f"meeting:held:{meeting_id}", "kind": "meeting_held", "unit": unit,
             "meeting_id": meeting_id, "paperless": bool(data.get("paperless", True)),
             "present": present, "expected": expected}]


def _meeting_checkin(data: dict, base: dict) -> list[dict]:
    meeting_id = _first(data, "meeting_id")
    person = _first(data, "user_id", "participant_id", "delegate_id")
    if not meeting_id or not person:
        return []
    return [{**base, "_id": f"meeting:checkin:{meeting_id}:{person}", "kind": "meeting_checkin",
             "unit": _first(data, "unit_code", "host_unit"), "meeting_id": meeting_id}]


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- counters

def summarize(facts: list[dict], checkins: dict[str, int] | None = None) -> dict:
    """KPIs over ``facts`` (one unit or many). ``checkins``: meeting id → people
    checked in, used when a meeting's minutes did not carry the attendance."""
    counts = {k: 0 for k in ("received", "registered", "refused", "assigned", "completed", "overdue")}
    on_time, days, held, paperless, present, expected = 0, [], 0, 0, 0, 0
    for f in facts:
        kind = f["kind"]
        if kind in counts:
            counts[kind] += 1
            if kind == "completed":
                on_time += 1 if f.get("on_time") else 0
                if f.get("days") is not None:
                    days.append(f["days"])
        elif kind == "meeting_held":
            held += 1
            paperless += 1 if f.get("paperless") else 0
            came = f.get("present")
            if came is None and checkins is not None:
                came = checkins.get(f["meeting_id"])
            if f.get("expected") and came is not None:
                present += came
                expected += f["expected"]
    return {
        "documents_received": counts["received"], "documents_registered": counts["registered"],
        "documents_refused": counts["refused"], "documents_assigned": counts["assigned"],
        "documents_completed": counts["completed"], "documents_on_time": on_time,
        "documents_overdue": counts["overdue"],
        "on_time_rate": _pct(on_time, counts["completed"]),
        "average_processing_days": round(sum(days) / len(days), 2) if days else None,
        "meetings_held": held, "meetings_paperless": paperless, "paperless_share": _pct(paperless, held),
        "attendance_rate": _pct(present, expected),
    }


def _pct(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 2) if whole else None


def months_of(period: periods.Period) -> list[str]:
    return [m.id for m in period.reporting_months()]
