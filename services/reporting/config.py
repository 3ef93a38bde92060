"""Settings of the reporting service (on top of the shared ones)."""
from __future__ import annotations

from dataclasses import dataclass

from services.common.config import Settings

from .domain import reminders


@dataclass(frozen=True)
class ReportingSettings(Settings):
    # Days from the deadline when units that have not submitted are reminded
    # (negative: before it). A form may set its own list.
    REPORTING_REMINDER_OFFSETS: str = "-7,-3,-1,1,3,7"
    # Seconds between reminder scans (reminders are day-grained: hourly is plenty).
    REPORTING_REMINDER_INTERVAL: float = 3600.0
    # Hour of the day (Vietnam time) at which a reminder falls due.
    REPORTING_REMINDER_HOUR: int = reminders.REMINDER_HOUR
    # Seconds a presigned download link of an export or attachment stays valid.
    REPORTING_LINK_SECONDS: int = 600

    @property
    def reminder_offsets(self) -> tuple[int, ...]:
        return reminders.parse_offsets(self.REPORTING_REMINDER_OFFSETS)
