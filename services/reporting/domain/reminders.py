"""Which deadline reminders are due. Pure.

A form (or the service default) lists offsets in days from the deadline:
``-7, -3, -1`` before it, ``1, 3, 7`` after. The reminder for an offset falls at
``REMINDER_HOUR`` (Vietnam time) on the deadline's day moved by that offset, and
goes only to units that have not submitted. Each is sent at most once. When
several fell due while the service was down, only the latest is sent and the
older ones are recorded as skipped: one late nudge beats three at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.common.clock import VN

DEFAULT_OFFSETS = (-7, -3, -1, 1, 3, 7)
REMINDER_HOUR = 8


@dataclass(frozen=True)
class Decision:
    send: int | None              # the offset to send now, if any
    skip: tuple[int, ...] = ()    # offsets overtaken by a later one: never sent


def parse_offsets(text: str | None) -> tuple[int, ...]:
    if not text or not str(text).strip():
        return DEFAULT_OFFSETS
    return tuple(sorted({int(x) for x in str(text).split(",") if x.strip()}))


def moment(deadline_day: date, offset: int, hour: int = REMINDER_HOUR) -> datetime:
    """When the reminder for ``offset`` falls (aware, Vietnam time)."""
    return datetime.combine(deadline_day + timedelta(days=offset), time(hour, 0), tzinfo=VN)


def decide(deadline_day: date, offsets: tuple[int, ...], now: datetime, handled: set[int],
           submitted: bool, hour: int = REMINDER_HOUR) -> Decision:
    """What to do for one unit and one period at ``now`` (aware).

    ``handled``: offsets already sent or skipped for this unit and period."""
    if submitted:
        return Decision(send=None)
    due = [o for o in sorted(offsets) if o not in handled and moment(deadline_day, o, hour) <= now]
    if not due:
        return Decision(send=None)
    return Decision(send=due[-1], skip=tuple(due[:-1]))


def window(offsets: tuple[int, ...]) -> tuple[int, int]:
    """(days before, days after) the deadline during which a period can still
    have reminders due: the time range worth scanning."""
    before = max([-o for o in offsets if o < 0], default=0)
    after = max([o for o in offsets if o >= 0], default=0)
    return before + 1, after + 1


def kind(offset: int) -> str:
    return "before" if offset < 0 else "after" if offset > 0 else "on_day"


def message(form_title: str, period_label: str, deadline_day: date, offset: int) -> str:
    """The Vietnamese line a notification shows."""
    due = deadline_day.strftime("%d/%m/%Y")
    if offset < 0:
        return f"Còn {-offset} ngày đến hạn nộp “{form_title}” kỳ {period_label} (hạn {due})."
    if offset == 0:
        return f"Hôm nay là hạn nộp “{form_title}” kỳ {period_label}."
    return f"Đã quá hạn {offset} ngày: đơn vị chưa nộp “{form_title}” kỳ {period_label} (hạn {due})."
