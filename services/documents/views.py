"""How documents and incoming items are shown to callers (plain dicts)."""
from __future__ import annotations

from services.common.clock import iso

from . import domain
from .models import IncomingItem, OutgoingDocument


def outgoing_view(doc: OutgoingDocument, full: bool = True) -> dict:
    view = {
        "document_id": doc.document_id, "unit_code": doc.unit_code, "unit_name": doc.unit_name,
        "status": doc.status, "type_code": doc.type_code, "type_name": domain.DOCUMENT_TYPES.get(doc.type_code),
        "summary": doc.summary, "urgency": doc.urgency, "urgency_label": domain.URGENCY.get(doc.urgency),
        "confidentiality": doc.confidentiality, "section": doc.section,
        "signer": doc.signer.as_dict() if doc.signer else None,
        "recipients": list(doc.recipients), "recipient_names": list(doc.recipient_names),
        "attachments": [a.as_dict() for a in doc.attachments],
        "response_deadline": iso(doc.response_deadline), "copies": doc.copies,
        "number": doc.number, "symbol": doc.symbol, "year": doc.year, "series": doc.series,
        "place": doc.place, "issued_at": iso(doc.issued_at), "issued_by": doc.issued_by,
        "created_by": doc.created_by, "created_at": iso(doc.created_at), "updated_at": iso(doc.updated_at),
    }
    if full:
        view["body"] = doc.body
        view["change_requests"] = [c.as_dict() for c in doc.change_requests]
        view["history"] = [h.as_dict() for h in doc.history]
    return view


def item_view(item: IncomingItem, full: bool = True) -> dict:
    view = {
        "item_id": item.item_id, "document_id": item.document_id, "recipient_unit": item.recipient_unit,
        "sender_unit": item.sender_unit, "sender_name": item.sender_name, "number": item.number,
        "symbol": item.symbol, "type_code": item.type_code, "type_name": domain.DOCUMENT_TYPES.get(item.type_code),
        "summary": item.summary, "urgency": item.urgency, "urgency_label": domain.URGENCY.get(item.urgency),
        "urgent": item.urgency >= domain.URGENT_FROM, "confidentiality": item.confidentiality,
        "signer": item.signer.as_dict() if item.signer else None, "issued_at": iso(item.issued_at),
        "response_deadline": iso(item.response_deadline), "status": item.status,
        "status_label": domain.STATUS_LABELS.get(item.status), "received_at": iso(item.received_at),
        "incoming_number": item.incoming_number, "incoming_year": item.incoming_year,
        "registered_at": iso(item.registered_at), "refusal_reason": item.refusal_reason,
        "assignment": item.assignment.as_dict() if item.assignment else None,
        "started_at": iso(item.started_at), "completed_at": iso(item.completed_at),
        "reply_symbol": item.reply_symbol, "overdue": item.overdue, "active": item.active,
        "change": item.change.as_dict() if item.change else None,
        "attachments": [a.as_dict() for a in item.attachments], "integrity_ok": item.integrity_ok,
    }
    if full:
        view["body"] = item.body
        view["history"] = [h.as_dict() for h in item.history]
    return view


def tracking_row(item: IncomingItem, unit_name: str | None) -> dict:
    """One recipient's line in the sender's tracking table, with the time of each step."""
    steps = {}
    for entry in item.history:
        if entry.to_status and entry.to_status not in steps:
            steps[entry.to_status] = iso(entry.at)
    return {
        "item_id": item.item_id, "unit_code": item.recipient_unit, "unit_name": unit_name,
        "status": item.status, "status_label": domain.STATUS_LABELS.get(item.status),
        "incoming_number": item.incoming_number, "overdue": item.overdue, "active": item.active,
        "refusal_reason": item.refusal_reason, "reply_symbol": item.reply_symbol,
        "change": item.change.as_dict() if item.change else None, "steps": steps,
    }
