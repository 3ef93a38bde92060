"""Meetings service: the nameko class. Its entrypoints live in one mixin per area
(``entrypoints/``); the rules they apply are in ``domain/``.

``nameko run`` inspects this module's attributes: a Document class among them
would query the database at import, and a mixin class with entrypoints would be
taken for a service. So models and mixins are imported as modules.
"""
from __future__ import annotations

from nameko.rpc import RpcProxy

from services.common.config import SettingsProvider
from services.common.events import EventOutbox, event_handler
from services.common.mongo import MongoDatabase
from services.common.storage import S3Storage

from . import events, people
from .config import MeetingSettings
# modules, not classes: `nameko run` takes every class with entrypoints found
# in this module for a service, and the mixins are not services
from .entrypoints import (agenda, attendance, delegation, invitations, minutes, opinions, queries, scheduling,
                          speakers, voting)


class MeetingsService(scheduling.SchedulingEntrypoints, invitations.InvitationEntrypoints,
                      delegation.DelegationEntrypoints, agenda.AgendaEntrypoints, attendance.AttendanceEntrypoints,
                      speakers.SpeakerEntrypoints, voting.VotingEntrypoints, opinions.OpinionEntrypoints,
                      minutes.MinutesEntrypoints, queries.QueryEntrypoints):
    name = events.SERVICE

    db = MongoDatabase()
    outbox = EventOutbox()
    storage = S3Storage()
    settings = SettingsProvider(MeetingSettings)
    directory = RpcProxy("directory")
    documents = RpcProxy("documents")

    # people and units are cached a minute; the directory's events drop them early
    @event_handler("directory", "user.updated")
    def forget_user(self, envelope: dict) -> None:
        people.forget_user((envelope.get("data") or {}).get("user", {}).get("user_id"))

    @event_handler("directory", "unit.updated")
    def forget_unit(self, envelope: dict) -> None:
        people.forget_unit((envelope.get("data") or {}).get("unit", {}).get("code"))
