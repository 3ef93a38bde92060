"""Mapping between the documents service's records and edXML messages, and
between its statuses and edXML status codes. No I/O here: callers pass the
records, unit dicts (from the directory) and S3 readers in."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime

from services.common.clock import local_date, to_utc_naive
from services.common.errors import ValidationFailed
from services.common.text import fold, nfc

from .. import domain
from . import decree30 as d30
from .edxml import (AttachmentOut, DocumentMessage, Organ, Signer, StatusMessage, document_id)

_AUTHORITY = re.compile(r"^(tm|kt|q|tl|tuq)\s*\.\s*")

# edXML status codes the documents service knows by name (domain.STATUS_LABELS);
# the standard's other codes are accepted and shown by number.
def status_label(code: str) -> str:
    return domain.STATUS_LABELS.get(code) or f"Trạng thái edXML mã {code}"


def organ(unit: dict | None, code: str) -> Organ:
    unit = unit or {}
    return Organ(organ_id=code, name=unit.get("name") or "", in_charge=unit.get("superior_name") or "",
                 email=unit.get("email") or "")


def signer_of(doc, unit: dict | None) -> Signer:
    if doc.signer is None:
        return Signer()
    line = d30.authority_line(doc.signer.authority, doc.signer.position, None, doc.unit_name,
                              (unit or {}).get("kind"))
    competence = line or (doc.signer.authority or "")
    return Signer(competence=competence, position=d30.upper(doc.signer.position), full_name=doc.signer.full_name)


def document_message(doc, units: dict, reader, now: datetime) -> DocumentMessage:
    """The edXML message of an issued ``OutgoingDocument``. ``units`` maps unit
    codes to directory dicts; ``reader(key)`` yields an S3 object's chunks."""
    if doc.status != "issued":
        raise ValidationFailed("Chỉ xuất edXML văn bản đã phát hành.", {"status": doc.status})
    if doc.confidentiality:
        raise ValidationFailed("Văn bản mật không được gửi qua trục liên thông văn bản.",
                               {"confidentiality": "secret"})
    number, notation = d30.symbol_parts(doc.symbol)
    issued = local_date(doc.issued_at)
    unit = units.get(doc.unit_code)
    return DocumentMessage(
        sender=organ(unit, doc.unit_code),
        receivers=[organ(units.get(code), code) for code in doc.recipients],
        code_number=number, code_notation=notation, place=doc.place, promulgation_date=issued,
        type_name=domain.DOCUMENT_TYPES[doc.type_code], subject=doc.summary, content=doc.body or "",
        signer=signer_of(doc, unit),
        due_date=local_date(doc.response_deadline) if doc.response_deadline else None,
        to_places=list(doc.recipient_names), priority=doc.urgency or 0,
        promulgation_amount=doc.copies or 1, page_amount=1,
        document_id=document_id(doc.unit_code, issued, number, notation),
        trace=[(doc.unit_code, now.strftime("%Y/%m/%d %H:%M:%S"))],
        attachments=[AttachmentOut(content_id=a.attachment_id, name=a.name, content_type=a.content_type,
                                   description=a.name, chunks=(lambda key=a.key: reader(key)))
                     for a in doc.attachments])


def type_code_of(msg: DocumentMessage) -> str:
    """The type from its name ("Kế hoạch"), else from the notation ("KH-GDĐT");
    a notation starting with a unit symbol is a công văn."""
    code = d30.type_code_for_name(msg.type_name)
    if code:
        return code
    token = (msg.code_notation or "").split("-")[0]
    return d30.type_code_for_token(token) or domain.CONG_VAN


def signer_fields(signer: Signer) -> dict | None:
    if not (signer.full_name and signer.position):
        return None
    match = _AUTHORITY.match(fold(signer.competence))
    authority = (match.group(1).upper() + ".") if match else ""
    return {"authority": authority, "position": nfc(signer.position), "full_name": nfc(signer.full_name)}


def incoming_key(msg: DocumentMessage) -> str:
    """A stable id for an imported document: the same message imported twice
    is the same document (so the unique (document, recipient) index refuses it)."""
    ident = msg.document_id or document_id(msg.sender.organ_id, msg.promulgation_date, msg.code_number,
                                           msg.code_notation)
    return "edxml-" + hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]


def item_fields(msg: DocumentMessage) -> dict:
    """IncomingItem fields (without attachments, unit and history) from a message."""
    number = int(msg.code_number) if (msg.code_number or "").isdigit() else None
    symbol = f"{msg.code_number}/{msg.code_notation}" if msg.code_number and msg.code_notation else \
        (msg.code_notation or None)
    issued = msg.promulgation_date
    return {
        "document_id": incoming_key(msg), "sender_unit": msg.sender.organ_id,
        "sender_name": msg.sender.name or msg.sender.organ_id, "number": number, "symbol": symbol,
        "type_code": type_code_of(msg), "summary": nfc(msg.subject), "body": nfc(msg.content) or None,
        "urgency": msg.priority, "confidentiality": 0, "signer": signer_fields(msg.signer),
        # a promulgation date is a calendar day in Vietnam: keep it as its local midnight
        "issued_at": to_utc_naive(datetime(issued.year, issued.month, issued.day)) if issued else None,
        "response_deadline": msg.due_date,
    }


def item_status(item) -> tuple[str, str]:
    """The edXML status to report for an incoming item, with its description:
    an answered recall/update request is reported as such (15/16)."""
    if item.change and item.change.status in (domain.CHANGE_ACCEPTED, domain.CHANGE_REFUSED):
        code = item.change.status
        note = item.change.note
    else:
        code = item.status
        note = item.refusal_reason if item.status == domain.REFUSED else None
    label = status_label(code)
    return code, f"{label}: {note}" if note else label


def status_record(msg: StatusMessage, document_id_: str | None) -> dict:
    """What is kept of a status message received for one of the unit's documents."""
    return {"document_id": document_id_, "from_organ": msg.sender.organ_id, "from_name": msg.sender.name,
            "status_code": msg.status_code, "status_label": status_label(msg.status_code),
            "description": msg.description, "timestamp": to_utc_naive(msg.timestamp),
            "staff": {"department": msg.staff_department, "name": msg.staff_name, "mobile": msg.staff_mobile,
                      "email": msg.staff_email},
            "code": msg.response_for_code,
            "promulgation_date": msg.response_for_date.isoformat() if msg.response_for_date else None}


def merge_statuses(rows: list[dict], statuses: list[dict]) -> list[dict]:
    """The sender's tracking rows with what receivers outside the system reported
    over edXML (``status_record`` rows). A receiver with an item in this system is
    tracked by that item; any other receiver's row follows its status messages:
    the latest gives its status, each one the time of its step."""
    by_unit = {r["unit_code"]: r for r in rows}
    merged = list(rows)
    for record in sorted(statuses, key=lambda s: s["timestamp"]):
        row = by_unit.get(record["from_organ"])
        if row is not None and row.get("item_id"):
            continue
        if row is None:
            row = {"unit_code": record["from_organ"], "unit_name": record.get("from_name") or record["from_organ"],
                   "steps": {}}
            by_unit[row["unit_code"]] = row
            merged.append(row)
        at = record["timestamp"]
        row.update(status=record["status_code"], status_label=record["status_label"], via="edxml",
                   note=record.get("description"))
        row["steps"] = {**row.get("steps", {}), record["status_code"]: at}
    return merged
