"""KPIs from events: documents' and meetings' events become facts (idempotent by
what happened, see ``domain.kpi``); KPIs are sums over facts for a unit and period.

One handler per event type (nameko binds one type per handler). Each handler is
reliable (``event_handler``: skips event ids already processed, retries, DLQ)
and the facts are keyed so a replay or a duplicate under a new id is harmless.
"""
from __future__ import annotations

import logging

from pymongo.errors import DuplicateKeyError

from services.common.actor import ADMIN, Actor
from services.common.events import event_handler
from services.common.rpc import rpc

from .. import models
from ..domain import kpi, periods
from ..exceptions import PermissionDenied, ValidationFailed

log = logging.getLogger(__name__)
DOCUMENTS, MEETINGS = "documents", "meetings"
MAX_REPLAY = 10_000


def _facts_from(source: str, event_type: str):
    """A reliable handler turning one event type of ``source`` into KPI facts."""
    @event_handler(source, event_type)
    def handle(self, envelope: dict) -> None:
        self._record_facts(envelope)
    return handle


class KpiEntrypoints:
    # documents' events (services/documents/events.py)
    on_document_delivered = _facts_from(DOCUMENTS, kpi.DOC_DELIVERED)
    on_document_received = _facts_from(DOCUMENTS, kpi.DOC_RECEIVED)
    on_document_refused = _facts_from(DOCUMENTS, kpi.DOC_REFUSED)
    on_document_assigned = _facts_from(DOCUMENTS, kpi.DOC_ASSIGNED)
    on_document_completed = _facts_from(DOCUMENTS, kpi.DOC_COMPLETED)
    on_document_overdue = _facts_from(DOCUMENTS, kpi.DOC_OVERDUE)
    # meetings' events: read defensively (domain.kpi), the contract being young
    on_meeting_minutes_published = _facts_from(MEETINGS, kpi.MEETING_MINUTES_PUBLISHED)
    on_meeting_checked_in = _facts_from(MEETINGS, kpi.MEETING_CHECKED_IN)

    # ---------------------------------------------------------------- queries
    @rpc
    def kpis(self, actor: dict, period_id: str, unit_codes: list[str] | None = None) -> dict:
        """Per-unit and overall KPIs for a period (any type: 2026-M03 … 2026-Y).
        An office sees its own and its units'; a school its own; the portal all."""
        actor = Actor.parse(actor)
        try:
            period = periods.parse(period_id)
        except periods.PeriodError:
            raise ValidationFailed("Mã kỳ báo cáo không hợp lệ (ví dụ 2026-Q1).", {"period_id": "invalid"}) from None
        months = kpi.months_of(period)
        units = self._kpi_units(actor, unit_codes, months)
        facts = list(self.db[models.KPI_FACTS].find({"unit": {"$in": units}, "month": {"$in": months}},
                                                    {"event_id": 0, "source": 0}))
        meeting_ids = [f["meeting_id"] for f in facts if f["kind"] == "meeting_held"]
        checkins: dict[str, int] = {}
        if meeting_ids:
            for row in self.db[models.KPI_FACTS].find({"kind": "meeting_checkin", "meeting_id": {"$in": meeting_ids}},
                                                      {"meeting_id": 1}):
                checkins[row["meeting_id"]] = checkins.get(row["meeting_id"], 0) + 1
        by_unit: dict[str, list] = {u: [] for u in units}
        for f in facts:
            by_unit[f["unit"]].append(f)
        names = self._units(units)
        return {
            "period": period.as_dict(),
            "units": [{"code": u, "name": names.get(u, {}).get("name", u), "kind": names.get(u, {}).get("kind"),
                       "kpis": kpi.summarize(by_unit[u], checkins)} for u in units],
            "total": kpi.summarize(facts, checkins),
        }

    @rpc
    def kpi_replay(self, actor: dict, envelopes: list[dict]) -> dict:
        """Rebuild or repair the KPI read model from a replay of events (e.g. a
        producer's sent-events archive). Facts already there are left alone,
        so replaying twice changes nothing."""
        actor = Actor.parse(actor)
        if not actor.has(ADMIN):
            raise PermissionDenied("Chỉ quản trị hệ thống mới được nạp lại sự kiện.")
        if len(envelopes or []) > MAX_REPLAY:
            raise ValidationFailed(f"Tối đa {MAX_REPLAY} sự kiện mỗi lần.", {"envelopes": "too_many"})
        added = duplicate = ignored = 0
        for envelope in envelopes or []:
            facts = kpi.facts_from_event(envelope)
            if not facts:
                ignored += 1
            for fact in facts:
                if self._insert_fact(fact):
                    added += 1
                else:
                    duplicate += 1
        return {"added": added, "duplicates": duplicate, "ignored": ignored}

    @rpc
    def kpi_reset(self, actor: dict) -> int:
        """Empty the KPI read model before a full replay. Returns facts removed."""
        actor = Actor.parse(actor)
        if not actor.has(ADMIN):
            raise PermissionDenied("Chỉ quản trị hệ thống mới được xóa dữ liệu chỉ số.")
        return self.db[models.KPI_FACTS].delete_many({}).deleted_count

    # ---------------------------------------------------------------- helpers
    def _record_facts(self, envelope: dict) -> None:
        facts = kpi.facts_from_event(envelope)
        if not facts:
            log.info("no KPI fact in %s %s", envelope.get("type"), envelope.get("event_id"))
        for fact in facts:
            self._insert_fact(fact)

    def _insert_fact(self, fact: dict) -> bool:
        try:
            self.db[models.KPI_FACTS].insert_one(fact)
            return True
        except DuplicateKeyError:
            return False

    def _kpi_units(self, actor: Actor, unit_codes: list[str] | None, months: list[str]) -> list[str]:
        wanted = [str(c) for c in unit_codes or []]
        if self._is_portal(actor) or actor.has(ADMIN):
            if wanted:
                return wanted
            return sorted(self.db[models.KPI_FACTS].distinct(
                "unit", {"month": {"$in": months}, "unit": {"$ne": None}}) or [])
        own = [actor.unit_id] + [u["code"] for u in self._children(actor.unit_id)]
        if not wanted:
            return own
        strangers = [c for c in wanted if c not in own]
        if strangers:
            raise PermissionDenied("Không xem được chỉ số của đơn vị ngoài phạm vi quản lý: " + ", ".join(strangers))
        return wanted
