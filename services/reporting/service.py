"""Reporting service: report forms and periods, submissions and approval,
completeness and reminders, consolidation (.docx/.xlsx), KPIs from other
services' events, and the approved stream the district portal reads.

Entrypoints live in ``entrypoints/`` (one module per concern); this class wires
them to their dependencies. Every command takes the acting user (``actor``)."""
from __future__ import annotations

from nameko.rpc import RpcProxy

from services.common.config import SettingsProvider
from services.common.events import EventOutbox, event_handler
from services.common.storage import S3Storage

from . import clock, config, dependencies, events
from .entrypoints import base, board, forms, kpis, reminders, stream, submissions


class ReportingService(base.Access, forms.FormEntrypoints, submissions.SubmissionEntrypoints,
                       board.BoardEntrypoints, kpis.KpiEntrypoints, reminders.ReminderEntrypoints,
                       stream.StreamEntrypoints):
    name = events.SERVICE

    db = dependencies.ReportingDatabase()
    outbox = EventOutbox()
    storage = S3Storage()
    directory = RpcProxy("directory")
    clock = clock.Clock()
    settings = SettingsProvider(config.ReportingSettings)

    # units are cached for five minutes; the directory's events drop them early
    @event_handler("directory", "unit.created")
    def forget_units_created(self, envelope: dict) -> None:
        base.forget_caches()

    @event_handler("directory", "unit.updated")
    def forget_units_updated(self, envelope: dict) -> None:
        base.forget_caches()

