"""Notifications persistence (database ``<prefix>notifications``)."""
from __future__ import annotations

import uuid

from mongoengine import (BooleanField, DateTimeField, DictField, Document, EmbeddedDocument,
                         EmbeddedDocumentListField, IntField, ListField, StringField)

from services.common.clock import iso, utcnow

ALIAS = "notifications"


def new_id() -> str:
    return uuid.uuid4().hex


class Notification(Document):
    """One notice for one person: what the in-app inbox lists."""
    notification_id = StringField(primary_key=True, default=new_id)
    key = StringField(required=True, unique=True)     # event_id:user_id:kind, so an event notifies once
    user_id = StringField(required=True)
    kind = StringField(required=True)
    title = StringField(required=True)
    text = StringField()
    link = StringField()
    urgent = BooleanField(default=False)
    event_id = StringField()
    event_type = StringField()
    created_at = DateTimeField(default=utcnow)
    read_at = DateTimeField()

    meta = {"db_alias": ALIAS, "collection": "notifications", "indexes": [("user_id", "-created_at")]}

    def as_dict(self):
        return {"notification_id": self.notification_id, "kind": self.kind, "title": self.title, "text": self.text,
                "link": self.link, "urgent": self.urgent, "created_at": iso(self.created_at),
                "read": self.read_at is not None, "read_at": iso(self.read_at)}


class Attempt(EmbeddedDocument):
    at = DateTimeField(default=utcnow)
    ok = BooleanField()
    detail = StringField()

    def as_dict(self):
        return {"at": iso(self.at), "ok": self.ok, "detail": self.detail}


class Delivery(Document):
    """A notice on one channel (email or webhook); in-app notices need none.

    status: queued -> sending -> sent (email accepted by SMTP) / delivered (webhook 2xx)
    or failed (permanent error, or transient errors past the retry limit); digest
    entries wait for the daily digest."""
    delivery_id = StringField(primary_key=True, default=new_id)
    key = StringField(required=True, unique=True)     # idempotency: event_id:recipient:channel
    channel = StringField(required=True)
    notification_id = StringField()
    user_id = StringField()
    subscription_id = StringField()
    address = StringField()
    subject = StringField()
    body = StringField()
    payload = DictField()
    status = StringField(default="queued")
    attempts = EmbeddedDocumentListField(Attempt)
    next_attempt_at = DateTimeField(default=utcnow)
    claimed_until = DateTimeField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "deliveries",
            "indexes": [("status", "next_attempt_at"), "notification_id", ("user_id", "status")]}

    def as_dict(self):
        return {"delivery_id": self.delivery_id, "key": self.key, "channel": self.channel, "status": self.status,
                "address": self.address, "attempts": [a.as_dict() for a in self.attempts],
                "next_attempt_at": iso(self.next_attempt_at), "created_at": iso(self.created_at)}


class Preference(Document):
    user_id = StringField(primary_key=True)
    kinds = DictField()                  # kind -> [channels]
    quiet_start = StringField()          # "22:00" local time
    quiet_end = StringField()            # "06:30"
    digest = BooleanField(default=False)
    updated_at = DateTimeField(default=utcnow)
    meta = {"db_alias": ALIAS, "collection": "preferences"}


class WebhookSubscription(Document):
    """A chat bot or another system that wants notices as signed JSON POSTs."""
    subscription_id = StringField(primary_key=True, default=new_id)
    name = StringField(required=True)
    url = StringField(required=True)
    secret = StringField(required=True)
    kinds = ListField(StringField())     # empty: every kind
    units = ListField(StringField())     # empty: every unit
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    meta = {"db_alias": ALIAS, "collection": "webhooks"}

    def as_dict(self):
        return {"subscription_id": self.subscription_id, "name": self.name, "url": self.url,
                "kinds": list(self.kinds), "units": list(self.units), "active": self.active}


class DeadlineWatch(Document):
    """Read model from document events: assigned items with a processing deadline,
    so a reminder can go out the day before."""
    item_id = StringField(primary_key=True)
    event_context = DictField()
    user_ids = ListField(StringField())
    deadline = DateTimeField()
    open = BooleanField(default=True)
    reminded = BooleanField(default=False)
    meta = {"db_alias": ALIAS, "collection": "deadline_watch", "indexes": [("open", "reminded", "deadline")]}


class Reminder(Document):
    """One row per reminder ever sent: the unique key makes each go out once."""
    key = StringField(primary_key=True)
    sent_at = DateTimeField(default=utcnow)
    count = IntField(default=0)
    meta = {"db_alias": ALIAS, "collection": "reminders"}


class MeetingWatch(Document):
    """Read model from meeting events: upcoming meetings and who takes part, for
    the reminder shortly before they start."""
    meeting_id = StringField(primary_key=True)
    starts_at = DateTimeField()
    user_ids = ListField(StringField())
    open = BooleanField(default=True)
    event_context = DictField()
    meta = {"db_alias": ALIAS, "collection": "meeting_watch", "indexes": [("open", "starts_at")]}
