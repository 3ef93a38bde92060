"""Meetings persistence (database ``<prefix>meetings``).

Import this module as a module (``from . import models``): ``nameko run``
inspects the service module's attributes, and a Document class found there
would query the database at import time.

What changes concurrently lives in its own collection, one document per thing
that changes (a participant's answer and presence, a mandate, a speaker, a
ballot receipt), so concurrent writes never overwrite each other; the meeting
document holds what its operators edit.
"""
from __future__ import annotations

import uuid

from mongoengine import (BooleanField, DateTimeField, DictField, Document, EmbeddedDocument,
                         EmbeddedDocumentField, EmbeddedDocumentListField, IntField, ListField,
                         StringField)

from services.common.clock import utcnow

ALIAS = "meetings"


def new_id() -> str:
    return uuid.uuid4().hex


class AgendaItem(EmbeddedDocument):
    item_id = StringField(required=True, default=new_id)
    title = StringField(required=True)
    description = StringField()
    presenter_id = StringField()
    duration_minutes = IntField(default=0)
    conclusion = StringField()          # kết luận of the chair, written by the secretary
    concluded_by = StringField()
    concluded_at = DateTimeField()


class Invitation(EmbeddedDocument):
    """One giấy mời sent for the meeting (again after a change of time or place)."""
    document_id = StringField()         # the official document (documents service), if any
    symbol = StringField()              # 05/GM-GDĐT
    recipients = ListField(StringField())   # unit codes it was issued to
    file = DictField()                  # the rendered .docx in S3
    sequence = IntField(default=0)      # the meeting's sequence it announced: older means outdated
    sent_at = DateTimeField(default=utcnow)
    sent_by = StringField()


class Paperwork(EmbeddedDocument):
    """The generated minutes and conclusion notice, then their approval."""
    minutes_file = DictField()          # biên bản .docx
    notice_file = DictField()           # thông báo kết luận .docx
    revision = IntField(default=0)
    stale = BooleanField(default=False)  # the record changed after generation: generate again before approval
    generated_at = DateTimeField()
    generated_by = StringField()
    approved_at = DateTimeField()
    approved_by = StringField()
    notice_document_id = StringField()
    notice_symbol = StringField()       # 07/TB-GDĐT
    notice_recipients = ListField(StringField())


class Meeting(Document):
    meeting_id = StringField(primary_key=True, default=new_id)
    unit_code = StringField(required=True)      # the organising unit
    unit_name = StringField()
    title = StringField(required=True)
    kind = StringField(required=True)
    description = StringField()
    starts_at = DateTimeField(required=True)
    ends_at = DateTimeField(required=True)
    place = StringField()
    online_url = StringField()
    paperless = BooleanField(default=True)
    chair_id = StringField(required=True)
    secretary_id = StringField()
    member_refs = ListField(DictField())        # as scheduled: users, units by role, kinds of unit
    guest_refs = ListField(DictField())
    quorum_rule = StringField(required=True)
    vote_threshold = StringField(required=True)
    status = StringField(required=True)
    cancel_reason = StringField()
    cancelled_at = DateTimeField()
    cancelled_by = StringField()
    sequence = IntField(default=0)              # iCalendar SEQUENCE: grows with each change of time/place
    version = IntField(default=0)               # grows with every change: live room polling
    agenda = EmbeddedDocumentListField(AgendaItem)
    current_item_id = StringField()
    started_at = DateTimeField()
    ended_at = DateTimeField()
    invitations = EmbeddedDocumentListField(Invitation)
    invitation_claim = DateTimeField()          # set while a giấy mời is being issued: no double sending
    paperwork = EmbeddedDocumentField(Paperwork)
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    search_text = StringField()

    meta = {"db_alias": ALIAS, "collection": "meetings",
            "indexes": [("unit_code", "starts_at"), "starts_at", "status"]}


class Participant(Document):
    """One person in one meeting: role, answer to the invitation, presence."""
    participant_id = StringField(primary_key=True)    # <meeting_id>:<user_id>
    meeting_id = StringField(required=True)
    user_id = StringField(required=True)
    full_name = StringField()
    position = StringField()
    unit_code = StringField()
    role = StringField(required=True)
    voting = BooleanField(default=False)
    named_member = BooleanField(default=False)   # also named among the members (keeps a vote if replaced as chair)
    response = StringField(default="pending")
    response_reason = StringField()
    responded_at = DateTimeField()
    checked_in_at = DateTimeField()
    checked_in_by = StringField()
    late = BooleanField(default=False)
    minutes_late = IntField()
    absence_reason = StringField()
    absence_recorded_by = StringField()
    added_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "participants",
            "indexes": [{"fields": ("meeting_id", "user_id"), "unique": True}, "user_id"]}

    @staticmethod
    def key(meeting_id: str, user_id: str) -> str:
        return f"{meeting_id}:{user_id}"


class Mandate(Document):
    """Ủy quyền: ``member_id``'s place (and voting seat, if any) held by ``delegate_id``."""
    mandate_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    member_id = StringField(required=True)
    delegate_id = StringField(required=True)
    status = StringField(default="active")
    # "<meeting>:<member>" while active, "revoked:<id>" after: unique, so one active mandate per member
    active_slot = StringField(required=True, unique=True)
    used = BooleanField(default=False)          # a vote was cast with it: no longer revocable
    note = StringField()
    granted_at = DateTimeField(default=utcnow)
    granted_by = StringField()
    revoked_at = DateTimeField()
    revoked_by = StringField()

    meta = {"db_alias": ALIAS, "collection": "mandates", "indexes": ["meeting_id", "delegate_id"]}


class MaterialVersion(EmbeddedDocument):
    version = IntField(required=True)
    name = StringField(required=True)
    key = StringField(required=True)
    size = IntField(required=True)
    sha256 = StringField(required=True)
    content_type = StringField()
    submitted_by = StringField()
    submitted_at = DateTimeField(default=utcnow)
    status = StringField(default="pending")
    decided_by = StringField()
    decided_at = DateTimeField()
    reason = StringField()


class Material(Document):
    """A meeting document (tài liệu họp) of an agenda item, with its versions."""
    material_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    item_id = StringField(required=True)
    title = StringField(required=True)
    versions = EmbeddedDocumentListField(MaterialVersion)
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "materials", "indexes": [("meeting_id", "item_id")]}


class Speaker(Document):
    speaker_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    item_id = StringField(required=True)
    user_id = StringField(required=True)
    full_name = StringField()
    status = StringField(default="waiting")
    # "<item>:<user>" while queued (waiting/called/speaking), "closed:<id>" after: one live entry per person and item
    queue_slot = StringField(required=True, unique=True)
    position = IntField(default=0)
    registered_at = DateTimeField(default=utcnow)
    registered_by = StringField()
    called_at = DateTimeField()
    started_at = DateTimeField()
    ended_at = DateTimeField()
    seconds = IntField()

    meta = {"db_alias": ALIAS, "collection": "speakers", "indexes": [("meeting_id", "item_id", "position")]}


class Vote(Document):
    """A vote on an agenda item. ``tally`` holds one counter per option and
    ``ballots`` the number of ballots counted, both only ever $inc-ed: for a secret
    vote they are the only record of the choices."""
    vote_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    item_id = StringField()
    question = StringField(required=True)
    secret = BooleanField(default=False)
    kind = StringField(required=True)
    options = ListField(DictField())
    multiple = BooleanField(default=False)
    min_choices = IntField(default=1)
    max_choices = IntField(default=1)
    threshold = StringField(required=True)
    status = StringField(default="open")
    # the meeting id while open, "closed:<id>" after: one open vote per meeting at a time
    open_slot = StringField(required=True, unique=True)
    tally = DictField()
    ballots = IntField(default=0)
    opened_at = DateTimeField(default=utcnow)
    opened_by = StringField()
    closed_at = DateTimeField()
    closed_by = StringField()
    results = DictField()

    meta = {"db_alias": ALIAS, "collection": "votes", "indexes": ["meeting_id"]}

    def spec(self) -> dict:
        return {"kind": self.kind, "options": list(self.options), "multiple": self.multiple,
                "min_choices": self.min_choices, "max_choices": self.max_choices, "threshold": self.threshold}


class VoteReceipt(Document):
    """Who voted for which seat — never what. The key is derived from (vote, seat),
    so a seat votes once; no timestamp, and no ObjectId (which embeds one)."""
    receipt_id = StringField(primary_key=True)    # <vote_id>:<seat>
    vote_id = StringField(required=True)
    seat = StringField(required=True)             # the member whose voting right was used
    cast_by = StringField(required=True)          # the member, or the holder of their mandate

    meta = {"db_alias": ALIAS, "collection": "vote_receipts", "indexes": ["vote_id"]}


class OpenBallot(Document):
    """A named ballot of an open (public) vote."""
    ballot_id = StringField(primary_key=True)     # <vote_id>:<seat>
    vote_id = StringField(required=True)
    seat = StringField(required=True)
    cast_by = StringField(required=True)
    choices = ListField(StringField())
    cast_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "open_ballots", "indexes": ["vote_id"]}


class OpinionRequest(Document):
    """Lấy ý kiến: a draft circulated for written opinions before a deadline."""
    request_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    title = StringField(required=True)
    text = StringField()
    file = DictField()
    deadline = DateTimeField(required=True)
    recipient_ids = ListField(StringField())
    status = StringField(default="open")
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField()

    meta = {"db_alias": ALIAS, "collection": "opinion_requests", "indexes": ["meeting_id"]}


class OpinionAnswer(Document):
    answer_id = StringField(primary_key=True)     # <request_id>:<user_id>
    request_id = StringField(required=True)
    meeting_id = StringField(required=True)
    user_id = StringField(required=True)
    agree = BooleanField(required=True)
    comment = StringField()
    answered_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "opinion_answers", "indexes": ["request_id"]}


class AuditEntry(Document):
    """Who did what, when. Never holds a secret vote's choice."""
    entry_id = StringField(primary_key=True, default=new_id)
    meeting_id = StringField(required=True)
    at = DateTimeField(default=utcnow)
    by = StringField()
    action = StringField(required=True)
    detail = DictField()

    meta = {"db_alias": ALIAS, "collection": "audit", "indexes": [("meeting_id", "at")]}
