"""A person's calendar: the day or the week (Monday to Sunday) in Vietnam time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from services.common.clock import local_date, to_utc_naive
from services.common.errors import ValidationFailed

DAY, WEEK, MONTH = "day", "week", "month"


def period(view: str, day: date) -> tuple[datetime, datetime]:
    """[start, end) in naive UTC of the local day / week / month holding ``day``."""
    if view == DAY:
        first, last = day, day + timedelta(days=1)
    elif view == WEEK:
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=7)
    elif view == MONTH:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
    else:
        raise ValidationFailed("Kiểu xem phải là ngày, tuần hoặc tháng.", {"view": "invalid"})
    return _midnight(first), _midnight(last)


def _midnight(day: date) -> datetime:
    return to_utc_naive(datetime(day.year, day.month, day.day))


def by_day(entries: list[tuple[datetime, datetime, dict]], start: datetime, end: datetime) -> list[dict]:
    """[{date, meetings}] for each local day of [start, end). ``entries``:
    (starts_at, ends_at, row); a meeting is listed on every day it spans."""
    first, last = local_date(start), local_date(end - timedelta(microseconds=1))
    days = []
    current = first
    while current <= last:
        day_start, day_end = _midnight(current), _midnight(current + timedelta(days=1))
        today = sorted((e for e in entries if e[0] < day_end and e[1] > day_start), key=lambda e: e[0])
        days.append({"date": current.isoformat(), "meetings": [row for _, _, row in today]})
        current += timedelta(days=1)
    return days
