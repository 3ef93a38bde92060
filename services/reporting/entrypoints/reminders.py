"""Deadline reminders: a timer scans the periods near their deadline and emits
``report.reminder_due`` for units that have not submitted (the notifications
service turns them into messages). ``domain.reminders`` decides; this records
each decision once (a unique key per unit, period and offset), so two scans —
or two service instances — never send the same reminder twice."""
from __future__ import annotations

from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from services.common.actor import LEADER, SPECIALIST
from services.common.clock import iso, local_date, to_local, to_utc_naive
from services.common.events import configured_timer
from services.common.rpc import rpc

from .. import events, models, queries
from ..config import ReportingSettings
from ..domain import reminders, workflow
from ..views import deadline_utc


class ReminderEntrypoints:

    @configured_timer("REPORTING_REMINDER_INTERVAL", settings_class=ReportingSettings)
    def remind_on_timer(self) -> int:
        return self.send_due_reminders()

    @rpc
    def send_due_reminders(self) -> int:
        """Emit every reminder due now; returns how many were sent."""
        now = self.clock.now()
        now_local = to_local(now)
        today = local_date(now)
        sent = 0
        for head in models.FormHead.objects(active=True):
            _, spec = self._version(head.code, head.current_version)
            offsets = spec.reminder_offsets if spec.reminder_offsets is not None else self.settings.reminder_offsets
            if not offsets:
                continue
            before, after = reminders.window(offsets)
            candidates = [p for year in (today.year - 1, today.year, today.year + 1) for p in spec.schedule(year)
                          if today - timedelta(days=after) <= spec.deadline.due_date(p) <= today + timedelta(days=before)]
            if not candidates:
                continue
            units = self._expected_units(spec, head.owner_unit)
            rows = queries.submission_rows(self.db, head.code, [p.id for p in candidates])
            for period in candidates:
                sent += self._remind_period(head, spec, period, units, rows.get(period.id, {}), offsets, now_local)
        return sent

    def _remind_period(self, head, spec, period, units, rows, offsets, now_local) -> int:
        log = self.db[models.REMINDERS_SENT]
        key = {"form": head.code, "period": period.id}
        handled: dict[str, set[int]] = {}
        for row in log.find(key, {"unit": 1, "offset": 1}):
            handled.setdefault(row["unit"], set()).add(row["offset"])
        deadline_day = spec.deadline.due_date(period)
        deadline = deadline_utc(spec.deadline, period)
        sent = 0
        for unit in units:
            decision = reminders.decide(deadline_day, offsets, now_local, handled.get(unit["code"], set()),
                                        submitted=workflow.has_submitted(rows.get(unit["code"])),
                                        hour=self.settings.REPORTING_REMINDER_HOUR)
            for offset in decision.skip:
                _record(log, key, unit["code"], offset, "skipped", now_local)
            if decision.send is None:
                continue
            if not _record(log, key, unit["code"], decision.send, "sent", now_local):
                continue   # another scan got there first
            self.outbox.add(events.REMINDER_DUE, {
                "form_code": head.code, "form_title": spec.title, "period_id": period.id,
                "period_label": period.label, "unit_code": unit["code"], "unit_name": unit["name"],
                "owner_unit": head.owner_unit, "deadline": iso(deadline), "offset_days": decision.send,
                "kind": reminders.kind(decision.send),
                "message": reminders.message(spec.title, period.label, deadline_day, decision.send),
                "roles": [SPECIALIST, LEADER]})
            sent += 1
        return sent


def _record(log, key: dict, unit: str, offset: int, state: str, at) -> bool:
    """Claim (form, period, unit, offset) once; False if it was claimed before."""
    try:
        log.insert_one({"_id": f"{key['form']}|{key['period']}|{unit}|{offset}", **key, "unit": unit,
                        "offset": offset, "state": state, "at": to_utc_naive(at)})
        return True
    except DuplicateKeyError:
        return False
