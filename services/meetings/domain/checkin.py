"""Check-in (điểm danh): when a person may check themselves in, and lateness.

Self check-in opens a configurable number of minutes before the start and closes
at the end; the secretary may check anyone in while the meeting is live (someone
without a device, a late correction). Arriving after start + grace is late.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from services.common.clock import iso
from services.common.errors import InvalidTransition

from .wording import clock_time, day_text


def window(starts_at: datetime, ends_at: datetime, before_minutes: int) -> tuple[datetime, datetime]:
    return starts_at - timedelta(minutes=before_minutes), ends_at


def check_self(now: datetime, starts_at: datetime, ends_at: datetime, before_minutes: int) -> None:
    opens, closes = window(starts_at, ends_at, before_minutes)
    if now < opens:
        raise InvalidTransition(f"Chưa đến giờ điểm danh: mở từ {clock_time(opens)}, {day_text(opens)}.",
                                {"opens_at": iso(opens)})
    if now > closes:
        raise InvalidTransition("Cuộc họp đã kết thúc, không thể điểm danh.", {"closed_at": iso(closes)})


def is_late(checked_in_at: datetime, starts_at: datetime, grace_minutes: int) -> bool:
    return checked_in_at > starts_at + timedelta(minutes=grace_minutes)


def minutes_late(checked_in_at: datetime, starts_at: datetime) -> int:
    """Whole minutes after the start (0 when on time)."""
    return max(int((checked_in_at - starts_at).total_seconds() // 60), 0)
