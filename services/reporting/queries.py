"""Read-side queries for boards and consolidation: one projected query per call
(no mongoengine objects: a district-wide board touches thousands of rows),
then the pure domain functions. The RPCs and the benchmark both call these."""
from __future__ import annotations

from collections import defaultdict

from services.common.clock import iso

from .domain import aggregation, completeness, workflow
from .domain.forms import FormSpec

SUBMISSIONS = "submissions"
_STATE = {"_id": 1, "period_id": 1, "unit_code": 1, "status": 1, "first_submitted_at": 1, "late": 1}


def submission_rows(db, form_code: str, period_ids: list[str], statuses: tuple[str, ...] | None = None,
                    with_values: bool = False) -> dict[str, dict[str, dict]]:
    """period id → unit code → {submission_id, status, first_submitted_at, late[, values]}."""
    query: dict = {"form_code": form_code, "period_id": {"$in": list(period_ids)}}
    if statuses:
        query["status"] = {"$in": list(statuses)}
    projection = {**_STATE, "values": 1} if with_values else _STATE
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in db[SUBMISSIONS].find(query, projection):
        row["submission_id"] = row.pop("_id")
        row["first_submitted_at"] = iso(row.get("first_submitted_at"))   # answers travel as JSON
        found[row["period_id"]][row["unit_code"]] = row
    return found


def completeness_for(db, spec: FormSpec, units: list[dict], period_ids: list[str],
                     include_units: bool = True) -> dict[str, dict]:
    rows = submission_rows(db, spec.code, period_ids)
    return {pid: completeness.completeness(units, rows.get(pid, {}), include_units) for pid in period_ids}


def basis_statuses(basis: str) -> tuple[str, ...]:
    """Which submissions a consolidation counts: the approved ones (what the
    portal sees), or also those still awaiting approval (an early look)."""
    if basis == "submitted":
        return (workflow.APPROVED, workflow.SUBMITTED)
    return (workflow.APPROVED,)


def consolidation_for(db, spec: FormSpec, units: list[dict], period_ids: list[str],
                      basis: str = "approved") -> dict[str, dict]:
    """period id → {fields: per-field results, units: the included units with values}.
    Only expected units count: a unit no longer assigned does not skew the sums."""
    expected = {u["code"]: u for u in units}
    rows = submission_rows(db, spec.code, period_ids, basis_statuses(basis), with_values=True)
    result = {}
    for pid in period_ids:
        included = [r for code, r in rows.get(pid, {}).items() if code in expected]
        included.sort(key=lambda r: (completeness._kind_order(expected[r["unit_code"]].get("kind") or ""),
                                     expected[r["unit_code"]].get("name") or ""))
        fields = aggregation.consolidate(spec, [r.get("values") or {} for r in included])
        result[pid] = {"fields": fields, "units": [
            {"code": r["unit_code"], "name": expected[r["unit_code"]].get("name"),
             "kind": expected[r["unit_code"]].get("kind"), "status": r["status"], "late": r.get("late"),
             "first_submitted_at": r.get("first_submitted_at"), "values": r.get("values") or {}}
            for r in included]}
    return result
