"""How meetings and their parts are shown in RPC answers (plain JSON-able dicts)."""
from __future__ import annotations

from services.common.clock import iso

from . import models
from .domain import agenda, schedule, speakers
from .domain.participants import RESPONSE_LABELS, ROLE_LABELS


def file_view(f: dict | None) -> dict | None:
    if not f:
        return None
    return {k: f.get(k) for k in ("key", "name", "size", "sha256", "content_type")}


def meeting_summary(m: models.Meeting) -> dict:
    return {"meeting_id": m.meeting_id, "title": m.title, "kind": m.kind, "kind_label": schedule.KINDS[m.kind],
            "status": m.status, "status_label": schedule.STATUS_LABELS[m.status], "unit_code": m.unit_code,
            "unit_name": m.unit_name, "starts_at": iso(m.starts_at), "ends_at": iso(m.ends_at), "place": m.place,
            "online_url": m.online_url, "paperless": m.paperless, "chair_id": m.chair_id,
            "secretary_id": m.secretary_id, "cancel_reason": m.cancel_reason, "version": m.version}


def invitation_view(inv: models.Invitation) -> dict:
    return {"document_id": inv.document_id, "symbol": inv.symbol, "recipients": list(inv.recipients),
            "file": file_view(inv.file), "sent_at": iso(inv.sent_at), "sent_by": inv.sent_by}


def paperwork_view(p: models.Paperwork | None) -> dict | None:
    if p is None:
        return None
    return {"minutes_file": file_view(p.minutes_file), "notice_file": file_view(p.notice_file),
            "revision": p.revision, "generated_at": iso(p.generated_at), "generated_by": p.generated_by,
            "approved_at": iso(p.approved_at), "approved_by": p.approved_by,
            "notice_document_id": p.notice_document_id, "notice_symbol": p.notice_symbol,
            "notice_recipients": list(p.notice_recipients)}


def item_view(item: models.AgendaItem, position: int) -> dict:
    return {"item_id": item.item_id, "position": position, "title": item.title, "description": item.description,
            "presenter_id": item.presenter_id, "duration_minutes": item.duration_minutes,
            "conclusion": item.conclusion, "concluded_by": item.concluded_by, "concluded_at": iso(item.concluded_at)}


_ROLE_ORDER = {"chair": 0, "secretary": 1, "member": 2, "delegate": 3, "guest": 4}


def ordered(rows: list) -> list:
    """Participants as lists show them: chair, secretary, members, delegates, guests; by unit, then name."""
    return sorted(rows, key=lambda p: (_ROLE_ORDER.get(p.role, 9), p.unit_code or "", p.full_name or ""))


def participant_view(p: models.Participant, mandates: list[dict]) -> dict:
    gave = next((m for m in mandates if m["member_id"] == p.user_id), None)
    holds = [m["member_id"] for m in mandates if m["delegate_id"] == p.user_id]
    return {"user_id": p.user_id, "full_name": p.full_name, "position": p.position, "unit_code": p.unit_code,
            "role": p.role, "role_label": ROLE_LABELS[p.role], "voting": p.voting, "response": p.response,
            "response_label": RESPONSE_LABELS[p.response], "response_reason": p.response_reason,
            "responded_at": iso(p.responded_at), "present": p.checked_in_at is not None,
            "checked_in_at": iso(p.checked_in_at), "late": p.late, "minutes_late": p.minutes_late,
            "absence_reason": p.absence_reason, "delegated_to": gave["delegate_id"] if gave else None,
            "holds_mandates_of": holds}


def mandate_view(m: models.Mandate) -> dict:
    return {"mandate_id": m.mandate_id, "member_id": m.member_id, "delegate_id": m.delegate_id,
            "status": m.status, "used": m.used, "note": m.note, "granted_at": iso(m.granted_at),
            "revoked_at": iso(m.revoked_at)}


def mandate_row(m: models.Mandate) -> dict:
    """The shape the domain rules take."""
    return {"mandate_id": m.mandate_id, "member_id": m.member_id, "delegate_id": m.delegate_id,
            "status": m.status, "used": m.used}


def version_view(v: models.MaterialVersion) -> dict:
    return {"version": v.version, "name": v.name, "size": v.size, "sha256": v.sha256,
            "content_type": v.content_type, "submitted_by": v.submitted_by, "submitted_at": iso(v.submitted_at),
            "status": v.status, "status_label": agenda.MATERIAL_LABELS[v.status], "decided_by": v.decided_by,
            "decided_at": iso(v.decided_at), "reason": v.reason}


def material_view(mat: models.Material, sees_all: bool) -> dict | None:
    """None when the viewer may not see any version yet (nothing approved)."""
    rows = {v.version: v for v in mat.versions}
    visible = agenda.visible_versions([{"version": v.version, "status": v.status} for v in mat.versions], sees_all)
    if not visible:
        return None
    current = agenda.current_approved([{"version": v.version, "status": v.status} for v in mat.versions])
    return {"material_id": mat.material_id, "item_id": mat.item_id, "title": mat.title,
            "current_version": current["version"] if current else None,
            "versions": [version_view(rows[v["version"]]) for v in visible]}


def speaker_view(s: models.Speaker) -> dict:
    return {"speaker_id": s.speaker_id, "item_id": s.item_id, "user_id": s.user_id, "full_name": s.full_name,
            "status": s.status, "status_label": speakers.STATUS_LABELS[s.status], "position": s.position,
            "registered_at": iso(s.registered_at), "called_at": iso(s.called_at), "started_at": iso(s.started_at),
            "ended_at": iso(s.ended_at), "seconds": s.seconds}


def vote_view(v: models.Vote, show_results: bool = True) -> dict:
    out = {"vote_id": v.vote_id, "meeting_id": v.meeting_id, "item_id": v.item_id, "question": v.question,
           "secret": v.secret, "kind": v.kind, "options": list(v.options), "multiple": v.multiple,
           "min_choices": v.min_choices, "max_choices": v.max_choices, "threshold": v.threshold,
           "status": v.status, "ballots": v.ballots, "opened_at": iso(v.opened_at), "closed_at": iso(v.closed_at)}
    if v.status == "closed" and show_results:
        out["results"] = dict(v.results)
    return out


def opinion_view(r: models.OpinionRequest) -> dict:
    return {"request_id": r.request_id, "meeting_id": r.meeting_id, "title": r.title, "text": r.text,
            "file": file_view(r.file), "deadline": iso(r.deadline), "status": r.status,
            "recipient_ids": list(r.recipient_ids), "created_by": r.created_by, "created_at": iso(r.created_at)}


def audit_view(e: models.AuditEntry) -> dict:
    return {"at": iso(e.at), "by": e.by, "action": e.action, "detail": dict(e.detail)}
