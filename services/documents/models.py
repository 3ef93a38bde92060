"""Documents persistence (database ``<prefix>documents``)."""
from __future__ import annotations

import uuid

from mongoengine import (BooleanField, DateTimeField, DictField, Document, EmbeddedDocument,
                         EmbeddedDocumentField, EmbeddedDocumentListField, IntField, ListField,
                         StringField)

from services.common.clock import iso, utcnow
from services.common.files import Attachment  # noqa: F401 (the shared file record)

ALIAS = "documents"


def new_id() -> str:
    return uuid.uuid4().hex


class Signer(EmbeddedDocument):
    authority = StringField(default="")    # TM. / KT. / Q. / TL. / TUQ.
    position = StringField(required=True)  # "PHÓ TRƯỞNG PHÒNG"
    full_name = StringField(required=True)
    on_behalf_of = StringField()           # "TRƯỞNG PHÒNG" after "KT."; derived when empty

    def as_dict(self):
        return {"authority": self.authority, "position": self.position, "full_name": self.full_name,
                "on_behalf_of": self.on_behalf_of}


class HistoryEntry(EmbeddedDocument):
    """One step of the audit trail: who did what, when, from which status to which."""
    at = DateTimeField(default=utcnow)
    by = StringField()
    action = StringField(required=True)
    from_status = StringField()
    to_status = StringField()
    note = StringField()

    def as_dict(self):
        return {"at": iso(self.at), "by": self.by, "action": self.action, "from": self.from_status,
                "to": self.to_status, "note": self.note}


class ChangeRequest(EmbeddedDocument):
    """A recall / update / replace request from the sender (edXML 13)."""
    request_id = StringField(required=True)
    kind = StringField(required=True)
    reason = StringField()
    changes = DictField()
    replacement_id = StringField()
    requested_at = DateTimeField(default=utcnow)
    requested_by = StringField()

    def as_dict(self):
        return {"request_id": self.request_id, "kind": self.kind, "reason": self.reason, "changes": self.changes,
                "replacement_id": self.replacement_id, "requested_at": iso(self.requested_at),
                "requested_by": self.requested_by}


class OutgoingDocument(Document):
    """A document drafted and issued by a unit (văn bản đi)."""
    document_id = StringField(primary_key=True, default=new_id)
    unit_code = StringField(required=True)
    unit_name = StringField()
    status = StringField(default="draft", choices=("draft", "issuing", "issued"))
    issuing_since = DateTimeField()         # when an issue claimed the draft (released if it never finished)
    # the "issued" event, saved with the issue itself and cleared once in the outbox:
    # a crash between the two cannot lose the delivery
    pending_events = ListField(DictField())
    type_code = StringField(required=True)
    summary = StringField(required=True)    # trích yếu
    body = StringField()
    urgency = IntField(default=0)
    confidentiality = IntField(default=0)
    section = StringField()                 # drafting section, in a công văn's symbol and "Lưu: VT, ..."
    signer = EmbeddedDocumentField(Signer)
    recipients = ListField(StringField())
    recipient_names = ListField(StringField())
    attachments = EmbeddedDocumentListField(Attachment)
    response_deadline = DateTimeField()
    copies = IntField(default=1)
    number = IntField()
    symbol = StringField()
    year = IntField()
    series = StringField()
    place = StringField()
    issued_at = DateTimeField()
    issued_by = StringField()
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    change_requests = EmbeddedDocumentListField(ChangeRequest)
    history = EmbeddedDocumentListField(HistoryEntry)
    search_text = StringField()

    meta = {"db_alias": ALIAS, "collection": "outgoing",
            "indexes": [("unit_code", "-issued_at"), ("unit_code", "year", "series", "number")]}


class Assignment(EmbeddedDocument):
    lead_user_id = StringField(required=True)
    coordinator_ids = ListField(StringField())
    deadline = DateTimeField()
    direction = StringField()      # ý kiến chỉ đạo
    assigned_by = StringField()
    assigned_at = DateTimeField(default=utcnow)

    def as_dict(self):
        return {"lead_user_id": self.lead_user_id, "coordinator_ids": list(self.coordinator_ids),
                "deadline": iso(self.deadline), "direction": self.direction, "assigned_by": self.assigned_by,
                "assigned_at": iso(self.assigned_at)}


class ChangeState(EmbeddedDocument):
    request_id = StringField(required=True)
    kind = StringField(required=True)
    status = StringField(required=True)   # 13 requested, 15 accepted, 16 refused
    reason = StringField()
    requested_at = DateTimeField()
    answered_at = DateTimeField()
    answered_by = StringField()
    note = StringField()

    def as_dict(self):
        return {"request_id": self.request_id, "kind": self.kind, "status": self.status, "reason": self.reason,
                "requested_at": iso(self.requested_at), "answered_at": iso(self.answered_at),
                "answered_by": self.answered_by, "note": self.note}


class IncomingItem(Document):
    """One recipient unit's copy of an issued document (văn bản đến)."""
    item_id = StringField(primary_key=True, default=new_id)
    document_id = StringField(required=True)
    recipient_unit = StringField(required=True)
    sender_unit = StringField(required=True)
    sender_name = StringField()
    number = IntField()
    symbol = StringField()
    type_code = StringField()
    summary = StringField()
    body = StringField()
    urgency = IntField(default=0)
    confidentiality = IntField(default=0)
    signer = EmbeddedDocumentField(Signer)
    issued_at = DateTimeField()
    response_deadline = DateTimeField()
    attachments = EmbeddedDocumentListField(Attachment)
    integrity_ok = BooleanField()
    status = StringField(required=True)
    received_at = DateTimeField(default=utcnow)   # ngày đến
    incoming_number = IntField()                  # số đến
    incoming_year = IntField()
    registered_at = DateTimeField()
    registered_by = StringField()
    refusal_reason = StringField()
    assignment = EmbeddedDocumentField(Assignment)
    started_at = DateTimeField()
    completed_at = DateTimeField()
    reply_symbol = StringField()
    overdue = BooleanField(default=False)
    overdue_at = DateTimeField()
    active = BooleanField(default=True)           # false once a recall/replace is accepted
    change = EmbeddedDocumentField(ChangeState)
    history = EmbeddedDocumentListField(HistoryEntry)
    search_text = StringField()

    meta = {"db_alias": ALIAS, "collection": "incoming",
            "indexes": [{"fields": ("document_id", "recipient_unit"), "unique": True},
                        ("recipient_unit", "active", "-received_at"),
                        ("status", "overdue", "assignment.deadline")]}


class ExportRecord(Document):
    """A register export kept in S3 (so it can be downloaded again)."""
    export_id = StringField(primary_key=True, default=new_id)
    unit_code = StringField(required=True)
    kind = StringField(required=True)
    year = IntField(required=True)
    file = DictField()
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    meta = {"db_alias": ALIAS, "collection": "exports"}
