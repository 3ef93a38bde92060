"""How forms, periods and submissions are shown to callers (plain dicts)."""
from __future__ import annotations

from services.common.clock import iso, to_utc_naive

from .domain import forms, periods, validation, workflow
from .domain.forms import FormSpec


def deadline_utc(rule: periods.DeadlineRule, period: periods.Period):
    return to_utc_naive(rule.due_at(period))


def period_view(period: periods.Period, spec: FormSpec | None = None) -> dict:
    view = period.as_dict()
    if spec is not None:
        view["deadline"] = iso(deadline_utc(spec.deadline, period))
        view["office_deadline"] = iso(deadline_utc(spec.office_deadline, period))
    return view


def form_view(head, version, spec: FormSpec, full: bool = True) -> dict:
    view = {
        "code": spec.code, "version": version.version, "current_version": head.current_version,
        "title": spec.title, "description": spec.description, "owner_unit": head.owner_unit,
        "active": head.active, "period_types": list(spec.period_types), "longest_wins": spec.longest_wins,
        "period_type_labels": [periods.PERIOD_TYPE_LABELS[t] for t in spec.period_types],
        "assigned_kinds": list(spec.assigned_kinds), "assigned_units": list(spec.assigned_units),
        "deadline": spec.deadline.as_dict(), "office_deadline": spec.office_deadline.as_dict(),
        "reminder_offsets": list(spec.reminder_offsets) if spec.reminder_offsets is not None else None,
        "published_at": iso(version.published_at), "field_count": len(spec.fields),
    }
    if full:
        view["sections"] = [s.as_dict() for s in spec.sections]
        view["rules"] = [r.as_dict() for r in spec.rules]
        view["field_types"] = forms.FIELD_TYPE_LABELS
    return view


def submission_view(sub, spec: FormSpec | None = None, full: bool = True) -> dict:
    period = periods.parse(sub.period_id)
    view = {
        "submission_id": sub.submission_id, "form_code": sub.form_code, "form_version": sub.form_version,
        "period_id": sub.period_id, "period_label": period.label, "unit_code": sub.unit_code,
        "unit_name": sub.unit_name, "unit_kind": sub.unit_kind, "owner_unit": sub.owner_unit,
        "status": sub.status, "status_label": workflow.STATUS_LABELS.get(sub.status, sub.status),
        "editable": workflow.is_editable(sub.status), "locked": sub.status == workflow.APPROVED,
        "deadline": iso(sub.deadline), "first_submitted_at": iso(sub.first_submitted_at),
        "submitted_at": iso(sub.submitted_at), "submitted_by": sub.submitted_by, "late": sub.late,
        "revision": sub.revision, "approved_at": iso(sub.approved_at), "approved_by": sub.approved_by,
        "returned_at": iso(sub.returned_at), "return_reason": sub.return_reason,
        "reopen_count": sub.reopen_count, "updated_at": iso(sub.updated_at),
        "attachments": [a.as_dict(with_time=True) for a in sub.attachments],
    }
    if full:
        view["values"] = dict(sub.values or {})
        view["history"] = [h.as_dict() for h in sub.history]
        if spec is not None:
            view["form"] = {"code": spec.code, "title": spec.title, "sections": [s.as_dict() for s in spec.sections],
                            "rules": [r.as_dict() for r in spec.rules]}
            # what would stop a submission now: shown inline while filling
            _, problems = validation.clean(spec, dict(sub.values or {}), complete=True)
            view["problems"] = problems
    return view
