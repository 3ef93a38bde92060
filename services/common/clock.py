"""Time: stored as naive UTC (what both MongoDB and mongomock return); the
legal calendar (register years, deadlines, dates on documents) is Vietnam's."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    # MongoDB keeps milliseconds: truncate so a value reads back equal.
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def to_local(dt: datetime) -> datetime:
    """A stored (naive UTC) or aware datetime in Vietnam time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(VN)


def to_utc_naive(dt: datetime) -> datetime:
    """Accept aware datetimes (any zone) or naive ones meant as Vietnam time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN)
    return dt.astimezone(timezone.utc).replace(tzinfo=None)


def local_year(dt: datetime) -> int:
    return to_local(dt).year


def local_date(dt: datetime) -> date:
    return to_local(dt).date()


def iso(dt: datetime | None) -> str | None:
    """ISO-8601 with an explicit UTC offset, for RPC answers and events."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.isoformat()


def parse_datetime(value) -> datetime | None:
    """Parse an ISO string/date/datetime into naive UTC; a bare date means the
    end of that day in Vietnam (how people read 'deadline: 30/11')."""
    if value is None or value == "":
        return None
    try:
        return _parse(value)
    except OverflowError:  # e.g. 0001-01-01T00:00+03:00 has no UTC equivalent
        raise ValueError(f"date out of range: {value}") from None


def _parse(value) -> datetime:
    if isinstance(value, datetime):
        return to_utc_naive(value)
    if isinstance(value, date):
        return to_utc_naive(datetime(value.year, value.month, value.day, 23, 59, 59))
    text = str(value).strip()
    if len(text) == 10:
        d = date.fromisoformat(text)
        return to_utc_naive(datetime(d.year, d.month, d.day, 23, 59, 59))
    return to_utc_naive(datetime.fromisoformat(text.replace("Z", "+00:00")))
