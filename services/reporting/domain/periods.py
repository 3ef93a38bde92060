"""Reporting periods (Decree 09/2019/NĐ-CP on the reporting regime of state bodies).

Pure date arithmetic, no I/O. A period has:
- an id: ``2026-M03`` (month), ``2026-Q1`` (quarter), ``2026-H1``/``2026-H2`` (6 months),
  ``2026-9M`` (first 9 months), ``2026-Y`` (year);
- a calendar span (first day of its first month → last day of its last month);
- a data cut-off window (Decree 09, art. 12): from the 15th of the month *before*
  the period to the 14th of the period's last month; for a year, 15 Dec of the
  previous year → 14 Dec;
- deadlines, from a rule "day D of the period's last month (+ N months)": the
  office's plan asks schools to report by the 25th, the default here.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from services.common.clock import VN, to_local

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"     # 6 tháng
NINE_MONTHS = "nine_months"     # 9 tháng
YEARLY = "yearly"

# type -> (id marker, months per period, number of periods in a year)
_SHAPES = {
    MONTHLY: ("M", 1, 12),
    QUARTERLY: ("Q", 3, 4),
    HALF_YEARLY: ("H", 6, 2),
    NINE_MONTHS: ("9M", 9, 1),
    YEARLY: ("Y", 12, 1),
}
PERIOD_TYPES = tuple(_SHAPES)
PERIOD_TYPE_LABELS = {MONTHLY: "Tháng", QUARTERLY: "Quý", HALF_YEARLY: "6 tháng", NINE_MONTHS: "9 tháng",
                      YEARLY: "Năm"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

CUTOFF_START_DAY = 15   # Decree 09: data from the 15th of the month before the period
CUTOFF_END_DAY = 14     # ... to the 14th of the period's last month
DEFAULT_DEADLINE_DAY = 25  # the office's plan: schools report by the 25th of the last month

MIN_YEAR, MAX_YEAR = 2000, 2100
_ID = re.compile(r"^(\d{4})-(?:M(\d{2})|Q([1-4])|H([12])|(9M)|(Y))$")


class PeriodError(ValueError):
    """A malformed period id or an impossible period."""


@dataclass(frozen=True)
class Period:
    type: str
    year: int
    index: int  # month 1-12, quarter 1-4, half 1-2, or 1 for 9M and Y

    def __post_init__(self):
        if self.type not in _SHAPES:
            raise PeriodError(f"unknown period type {self.type!r}")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(f"year {self.year} outside {MIN_YEAR}-{MAX_YEAR}")
        if not 1 <= self.index <= _SHAPES[self.type][2]:
            raise PeriodError(f"{self.type} period index {self.index} out of range")

    # ---- identity
    @property
    def id(self) -> str:
        marker = _SHAPES[self.type][0]
        if self.type == MONTHLY:
            return f"{self.year}-M{self.index:02d}"
        if self.type in (QUARTERLY, HALF_YEARLY):
            return f"{self.year}-{marker}{self.index}"
        return f"{self.year}-{marker}"

    def __str__(self) -> str:
        return self.id

    @property
    def label(self) -> str:
        """How people read the period: "Quý I năm 2026", "6 tháng đầu năm 2026"."""
        if self.type == MONTHLY:
            return f"Tháng {self.index} năm {self.year}"
        if self.type == QUARTERLY:
            return f"Quý {ROMAN[self.index]} năm {self.year}"
        if self.type == HALF_YEARLY:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.type == NINE_MONTHS:
            return f"9 tháng đầu năm {self.year}"
        return f"Năm {self.year}"

    # ---- calendar span
    @property
    def months(self) -> int:
        return _SHAPES[self.type][1]

    @property
    def first_month(self) -> int:
        return 1 if self.type in (NINE_MONTHS, YEARLY) else (self.index - 1) * self.months + 1

    @property
    def last_month(self) -> int:
        return self.first_month + self.months - 1

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.last_month, month_length(self.year, self.last_month))

    # ---- Decree 09 data cut-off
    @property
    def cutoff_start(self) -> date:
        year, month = add_months(self.year, self.first_month, -1)
        return date(year, month, CUTOFF_START_DAY)

    @property
    def cutoff_end(self) -> date:
        return date(self.year, self.last_month, CUTOFF_END_DAY)

    def in_cutoff(self, day: date) -> bool:
        return self.cutoff_start <= day <= self.cutoff_end

    # ---- composition
    def reporting_months(self) -> list["Period"]:
        """The monthly periods whose cut-off windows tile this period's window
        (Q1 = M01 + M02 + M03: 15 Dec→14 Jan, 15 Jan→14 Feb, 15 Feb→14 Mar)."""
        return [Period(MONTHLY, self.year, m) for m in range(self.first_month, self.last_month + 1)]

    def next(self) -> "Period":
        count = _SHAPES[self.type][2]
        if self.index < count:
            return Period(self.type, self.year, self.index + 1)
        return Period(self.type, self.year + 1, 1)

    def previous(self) -> "Period":
        if self.index > 1:
            return Period(self.type, self.year, self.index - 1)
        return Period(self.type, self.year - 1, _SHAPES[self.type][2])

    def as_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "year": self.year, "index": self.index, "label": self.label,
                "start": self.start.isoformat(), "end": self.end.isoformat(),
                "cutoff_start": self.cutoff_start.isoformat(), "cutoff_end": self.cutoff_end.isoformat()}


# ---------------------------------------------------------------- parsing and listing

def parse(period_id: str) -> Period:
    """``2026-Q1`` → Period; ``PeriodError`` for anything else."""
    match = _ID.match(str(period_id or "").strip())
    if not match:
        raise PeriodError(f"invalid period id {period_id!r}")
    year = int(match.group(1))
    month, quarter, half, nine, whole = match.groups()[1:]
    if month:
        return Period(MONTHLY, year, int(month))
    if quarter:
        return Period(QUARTERLY, year, int(quarter))
    if half:
        return Period(HALF_YEARLY, year, int(half))
    if nine:
        return Period(NINE_MONTHS, year, 1)
    return Period(YEARLY, year, 1)


def is_valid_id(period_id: str) -> bool:
    try:
        parse(period_id)
        return True
    except PeriodError:
        return False


def periods_of_year(period_type: str, year: int) -> list[Period]:
    if period_type not in _SHAPES:
        raise PeriodError(f"unknown period type {period_type!r}")
    return [Period(period_type, year, i) for i in range(1, _SHAPES[period_type][2] + 1)]


def schedule(period_types: list[str] | tuple[str, ...], year: int, longest_wins: bool = False) -> list[Period]:
    """The periods a form with these types is reported for in ``year``, ordered by
    their last month then length.

    ``longest_wins`` follows the Decree 09 rhythm for multi-period reports: when
    periods end in the same month only the longest is asked for — the 6-month
    report replaces Q2, the 9-month report Q3, the yearly report Q4 (so a CCHC
    report set to quarterly + 6-month + yearly is due for Q1, 6T, Q3, Năm)."""
    found = [p for t in dict.fromkeys(period_types) for p in periods_of_year(t, year)]
    if longest_wins:
        by_end: dict[int, Period] = {}
        for p in found:
            kept = by_end.get(p.last_month)
            if kept is None or p.months > kept.months:
                by_end[p.last_month] = p
        found = list(by_end.values())
    return sorted(found, key=lambda p: (p.last_month, p.months))


def calendar_period(period_type: str, day: date) -> Period:
    """The period of this type whose calendar span contains ``day``. A 9-month
    period exists only for January-September."""
    if period_type == NINE_MONTHS and day.month > 9:
        raise PeriodError("no 9-month period covers October-December")
    return _period_for_month(period_type, day.year, day.month)


def cutoff_period(period_type: str, day: date) -> Period | None:
    """The period of this type whose Decree 09 cut-off window contains ``day``
    (15 March falls in Q2's window, 14 March in Q1's). None for a 9-month period
    after its window (15 Sep - 14 Dec belongs to no 9-month report)."""
    year, month = (day.year, day.month) if day.day <= CUTOFF_END_DAY else add_months(day.year, day.month, 1)
    if period_type == NINE_MONTHS and month > 9:
        return None
    return _period_for_month(period_type, year, month)


def _period_for_month(period_type: str, year: int, month: int) -> Period:
    size = _SHAPES[period_type][1] if period_type in _SHAPES else None
    if size is None:
        raise PeriodError(f"unknown period type {period_type!r}")
    if period_type in (NINE_MONTHS, YEARLY):
        return Period(period_type, year, 1)
    return Period(period_type, year, (month - 1) // size + 1)


# ---------------------------------------------------------------- deadlines

@dataclass(frozen=True)
class DeadlineRule:
    """Day ``day`` (clipped to the month's length: 31 = the last day) of the month
    ``month_offset`` months after the period's last month, end of that day in
    Vietnam (23:59:59)."""
    day: int = DEFAULT_DEADLINE_DAY
    month_offset: int = 0

    def __post_init__(self):
        if not 1 <= self.day <= 31:
            raise PeriodError("deadline day must be 1-31")
        if not 0 <= self.month_offset <= 12:
            raise PeriodError("deadline month offset must be 0-12")

    @classmethod
    def from_dict(cls, value: dict | None, default: "DeadlineRule | None" = None) -> "DeadlineRule":
        if not value:
            return default or cls()
        return cls(day=int(value.get("day", DEFAULT_DEADLINE_DAY)), month_offset=int(value.get("month_offset", 0)))

    def as_dict(self) -> dict:
        return {"day": self.day, "month_offset": self.month_offset}

    def due_date(self, period: Period) -> date:
        year, month = add_months(period.year, period.last_month, self.month_offset)
        return date(year, month, min(self.day, month_length(year, month)))

    def due_at(self, period: Period) -> datetime:
        """The deadline as an aware datetime in Vietnam time."""
        return datetime.combine(self.due_date(period), time(23, 59, 59), tzinfo=VN)


SCHOOL_DEADLINE = DeadlineRule()
# The office's consolidated report goes up (to the district committee) after the
# schools': by default the last day of the period's last month.
OFFICE_DEADLINE = DeadlineRule(day=31)


def is_late(submitted_at: datetime, deadline: datetime) -> bool:
    """Late when submitted after the deadline (both aware, or both naive UTC)."""
    return submitted_at > deadline


# ---------------------------------------------------------------- helpers

def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months, across year boundaries."""
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def local_day(moment: datetime) -> date:
    """The Vietnamese calendar day of an aware datetime or a naive UTC one."""
    return to_local(moment).date()
