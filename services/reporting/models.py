"""Reporting persistence (database ``<prefix>reporting``).

Besides these documents the service keeps raw collections (through the injected
pymongo database): ``counters`` (cursor sequence), ``approval_log`` (the
approved stream the portal reads), ``reminders_sent`` and ``kpi_facts``.
"""
from __future__ import annotations

import uuid

from mongoengine import (BooleanField, DateTimeField, DictField, Document, EmbeddedDocument,
                         EmbeddedDocumentListField, IntField, ListField, StringField)

from services.common.clock import iso, utcnow
from services.common.files import Attachment  # noqa: F401 (the shared file record)

ALIAS = "reporting"

APPROVAL_LOG = "approval_log"
COUNTERS = "counters"
REMINDERS_SENT = "reminders_sent"
KPI_FACTS = "kpi_facts"


def new_id() -> str:
    return uuid.uuid4().hex


class FormHead(Document):
    """A form's identity and which version is in force."""
    code = StringField(primary_key=True)
    owner_unit = StringField(required=True)      # the office that collects it
    title = StringField(required=True)
    current_version = IntField(required=True, default=1)
    active = BooleanField(default=True)          # archived forms get no reminders
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "forms", "indexes": ["owner_unit"]}


class FormVersion(Document):
    """One immutable version of a form's definition."""
    version_id = StringField(primary_key=True)   # "<code>@<version>"
    code = StringField(required=True)
    version = IntField(required=True)
    owner_unit = StringField(required=True)
    definition = DictField(required=True)
    fingerprint = StringField(required=True)
    published_by = StringField()
    published_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "form_versions",
            "indexes": [{"fields": ("code", "version"), "unique": True}]}

    @staticmethod
    def key(code: str, version: int) -> str:
        return f"{code}@{version}"


class HistoryEntry(EmbeddedDocument):
    """One step of the audit trail."""
    at = DateTimeField(default=utcnow)
    by = StringField()
    action = StringField(required=True)
    from_status = StringField()
    to_status = StringField()
    note = StringField()

    def as_dict(self) -> dict:
        return {"at": iso(self.at), "by": self.by, "action": self.action, "from": self.from_status,
                "to": self.to_status, "note": self.note}


class Submission(Document):
    """One unit's report for one form and period (unique together)."""
    submission_id = StringField(primary_key=True, default=new_id)
    form_code = StringField(required=True)
    form_version = IntField(required=True)
    period_id = StringField(required=True)
    unit_code = StringField(required=True)
    unit_name = StringField()
    unit_kind = StringField()
    owner_unit = StringField(required=True)
    status = StringField(required=True, default="draft")
    values = DictField()
    attachments = EmbeddedDocumentListField(Attachment)
    deadline = DateTimeField(required=True)        # the unit-level deadline when it was opened
    first_submitted_at = DateTimeField()           # timeliness is judged on this one
    submitted_at = DateTimeField()
    submitted_by = StringField()
    late = BooleanField()
    revision = IntField(default=0)                 # submissions made so far
    approved_at = DateTimeField()
    approved_by = StringField()
    approval_cursor = IntField()                   # its place in the approved stream
    reopen_cursor = IntField()                     # ... and that of its last reopening
    returned_at = DateTimeField()
    returned_by = StringField()
    return_reason = StringField()
    reopen_count = IntField(default=0)
    lock = IntField(default=0)                     # optimistic concurrency: bumped on every write
    history = EmbeddedDocumentListField(HistoryEntry)
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    updated_by = StringField()
    updated_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "submissions",
            "indexes": [{"fields": ("form_code", "period_id", "unit_code"), "unique": True},
                        ("form_code", "period_id", "status"), ("unit_code", "form_code"),
                        "approval_cursor", "reopen_cursor"]}


class Consolidation(Document):
    """A rendered consolidated report (.docx + .xlsx in S3); ``finalized`` marks
    the one the office sent up, judged against the office-level deadline."""
    report_id = StringField(primary_key=True, default=new_id)
    form_code = StringField(required=True)
    form_version = IntField(required=True)
    period_id = StringField(required=True)
    owner_unit = StringField(required=True)
    basis = StringField(default="approved")
    files = DictField()
    units_included = IntField()
    units_expected = IntField()
    generated_by = StringField()
    generated_at = DateTimeField(default=utcnow)
    finalized = BooleanField(default=False)
    finalized_by = StringField()
    finalized_at = DateTimeField()
    late = BooleanField()
    values = ListField(DictField())

    meta = {"db_alias": ALIAS, "collection": "consolidations",
            "indexes": [("form_code", "period_id", "finalized")]}
