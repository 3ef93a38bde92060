"""Completeness and timeliness of one form for one period (the DHIS2 measures):
expected = units assigned; submitted; on time = first submitted by the deadline;
late; missing; approved — for the district and per unit kind, with the list of
missing units. Pure: the caller passes the units and their submission rows.

Timeliness is judged on the *first* submission: a report the office returns and
the school corrects later stays on time (the return was the office's call).
"""
from __future__ import annotations

from . import workflow

SCHOOL_KIND_LABELS = {"MN": "Mầm non", "TH": "Tiểu học", "TH&THCS": "Tiểu học và Trung học cơ sở",
                      "THCS": "Trung học cơ sở"}
KIND_ORDER = ("MN", "TH", "TH&THCS", "THCS")
COUNTERS = ("expected", "submitted", "on_time", "late", "missing", "approved", "returned", "awaiting_approval",
            "in_progress")


def unit_state(row: dict | None) -> str:
    return row["status"] if row else workflow.NOT_STARTED


def empty_counts() -> dict:
    return dict.fromkeys(COUNTERS, 0)


def count_into(counts: dict, row: dict | None) -> None:
    state = unit_state(row)
    counts["expected"] += 1
    if workflow.has_submitted(row):
        counts["submitted"] += 1
        counts["late" if row.get("late") else "on_time"] += 1
    else:
        counts["missing"] += 1
        if state != workflow.NOT_STARTED:
            counts["in_progress"] += 1   # a draft exists: started, not sent
    if state == workflow.APPROVED:
        counts["approved"] += 1
    elif state == workflow.RETURNED:
        counts["returned"] += 1
    elif state == workflow.SUBMITTED:
        counts["awaiting_approval"] += 1


def with_rates(counts: dict) -> dict:
    expected = counts["expected"]
    return {**counts,
            "submitted_rate": round(counts["submitted"] / expected * 100, 2) if expected else None,
            "on_time_rate": round(counts["on_time"] / expected * 100, 2) if expected else None,
            "approved_rate": round(counts["approved"] / expected * 100, 2) if expected else None}


def completeness(units: list[dict], rows: dict[str, dict], include_units: bool = True) -> dict:
    """``units``: the expected units ({code, name, kind}); ``rows``: unit code →
    its submission ({status, first_submitted_at, late, ...}) when one exists."""
    total = empty_counts()
    kinds: dict[str, dict] = {}
    missing, listing = [], []
    for unit in units:
        row = rows.get(unit["code"])
        count_into(total, row)
        count_into(kinds.setdefault(unit.get("kind") or "", empty_counts()), row)
        if not workflow.has_submitted(row):
            missing.append(_ref(unit))
        if include_units:
            state = unit_state(row)
            listing.append({**_ref(unit), "status": state, "status_label": workflow.STATUS_LABELS[state],
                            "submission_id": row.get("submission_id") if row else None,
                            "first_submitted_at": row.get("first_submitted_at") if row else None,
                            "late": bool(row and row.get("late")) if workflow.has_submitted(row) else None})
    result = {
        "totals": with_rates(total),
        "by_kind": [{"kind": kind, "label": SCHOOL_KIND_LABELS.get(kind, kind), **with_rates(counts)}
                    for kind, counts in sorted(kinds.items(), key=lambda kv: _kind_order(kv[0]))],
        "missing_units": missing,
    }
    if include_units:
        result["units"] = listing
    return result


def _ref(unit: dict) -> dict:
    return {"code": unit["code"], "name": unit.get("name") or unit["code"], "kind": unit.get("kind") or ""}


def _kind_order(kind: str):
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)
