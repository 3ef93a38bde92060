"""Decree 09/2019 periods: ids, calendar spans, data cut-off windows, deadlines,
schedules — exhaustively over years around the present, leap years and year
boundaries included."""
from datetime import date, datetime, timedelta, timezone

import pytest

from services.common.clock import VN
from services.reporting.domain import periods as P
from services.reporting.domain.periods import DeadlineRule, Period, PeriodError

YEARS = range(2019, 2032)
ALL_TYPES = P.PERIOD_TYPES


def days(start: date, end: date):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


# ---------------------------------------------------------------- ids

@pytest.mark.parametrize("period_id,ptype,index", [
    ("2026-M01", P.MONTHLY, 1), ("2026-M03", P.MONTHLY, 3), ("2026-M12", P.MONTHLY, 12),
    ("2026-Q1", P.QUARTERLY, 1), ("2026-Q4", P.QUARTERLY, 4), ("2026-H1", P.HALF_YEARLY, 1),
    ("2026-H2", P.HALF_YEARLY, 2), ("2026-9M", P.NINE_MONTHS, 1), ("2026-Y", P.YEARLY, 1),
])
def test_parse_known_ids(period_id, ptype, index):
    p = P.parse(period_id)
    assert (p.type, p.year, p.index) == (ptype, 2026, index)
    assert p.id == period_id and str(p) == period_id


@pytest.mark.parametrize("bad", ["", None, "2026", "2026-M13", "2026-M00", "2026-M3", "2026-Q0", "2026-Q5",
                                 "2026-H0", "2026-H3", "2026-9M1", "2026-9", "2026-y", "2026-q1", "26-Q1",
                                 "1999-Y", "2101-Y", " 2026-Q1x", "2026/Q1", "2026-Y1"])
def test_parse_rejects_malformed_ids(bad):
    with pytest.raises(PeriodError):
        P.parse(bad)
    assert not P.is_valid_id(bad)


def test_every_period_round_trips_through_its_id():
    for year in range(P.MIN_YEAR, P.MAX_YEAR + 1):
        for ptype in ALL_TYPES:
            for p in P.periods_of_year(ptype, year):
                assert P.parse(p.id) == p


def test_period_constructor_checks_its_index_and_year():
    with pytest.raises(PeriodError):
        Period(P.MONTHLY, 2026, 13)
    with pytest.raises(PeriodError):
        Period(P.QUARTERLY, 2026, 0)
    with pytest.raises(PeriodError):
        Period(P.NINE_MONTHS, 2026, 2)
    with pytest.raises(PeriodError):
        Period("weekly", 2026, 1)
    with pytest.raises(PeriodError):
        Period(P.YEARLY, 1999, 1)


def test_counts_per_year():
    assert [len(P.periods_of_year(t, 2026)) for t in ALL_TYPES] == [12, 4, 2, 1, 1]


# ---------------------------------------------------------------- labels

@pytest.mark.parametrize("period_id,label", [
    ("2026-M03", "Tháng 3 năm 2026"), ("2026-Q1", "Quý I năm 2026"), ("2026-Q4", "Quý IV năm 2026"),
    ("2026-H1", "6 tháng đầu năm 2026"), ("2026-H2", "6 tháng cuối năm 2026"),
    ("2026-9M", "9 tháng đầu năm 2026"), ("2026-Y", "Năm 2026"),
])
def test_labels_read_as_people_write_them(period_id, label):
    assert P.parse(period_id).label == label


# ---------------------------------------------------------------- calendar spans

def test_calendar_spans():
    assert (P.parse("2026-Q2").start, P.parse("2026-Q2").end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert (P.parse("2026-H2").start, P.parse("2026-H2").end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert (P.parse("2026-9M").start, P.parse("2026-9M").end) == (date(2026, 1, 1), date(2026, 9, 30))
    assert (P.parse("2026-Y").start, P.parse("2026-Y").end) == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize("year,feb_end", [(2024, 29), (2025, 28), (2026, 28), (2028, 29), (2000, 29), (2100, 28)])
def test_february_ends_on_the_leap_day_only_in_leap_years(year, feb_end):
    assert P.parse(f"{year}-M02").end == date(year, 2, feb_end)


def test_calendar_periods_tile_every_year():
    for year in YEARS:
        for ptype in (P.MONTHLY, P.QUARTERLY, P.HALF_YEARLY, P.YEARLY):
            spans = P.periods_of_year(ptype, year)
            assert spans[0].start == date(year, 1, 1) and spans[-1].end == date(year, 12, 31)
            for a, b in zip(spans, spans[1:]):
                assert b.start == a.end + timedelta(days=1)


def test_calendar_period_of_a_day():
    for year in (2024, 2026):
        for day in days(date(year, 1, 1), date(year, 12, 31)):
            for ptype in (P.MONTHLY, P.QUARTERLY, P.HALF_YEARLY, P.YEARLY):
                p = P.calendar_period(ptype, day)
                assert p.start <= day <= p.end
            if day.month <= 9:
                assert P.calendar_period(P.NINE_MONTHS, day).id == f"{year}-9M"
            else:
                with pytest.raises(PeriodError):
                    P.calendar_period(P.NINE_MONTHS, day)


# ---------------------------------------------------------------- Decree 09 cut-off

@pytest.mark.parametrize("period_id,start,end", [
    ("2026-M01", date(2025, 12, 15), date(2026, 1, 14)),
    ("2026-M03", date(2026, 2, 15), date(2026, 3, 14)),
    ("2026-M12", date(2026, 11, 15), date(2026, 12, 14)),
    ("2026-Q1", date(2025, 12, 15), date(2026, 3, 14)),
    ("2026-Q2", date(2026, 3, 15), date(2026, 6, 14)),
    ("2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
    ("2026-Q4", date(2026, 9, 15), date(2026, 12, 14)),
    ("2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
    ("2026-H2", date(2026, 6, 15), date(2026, 12, 14)),
    ("2026-9M", date(2025, 12, 15), date(2026, 9, 14)),
    ("2026-Y", date(2025, 12, 15), date(2026, 12, 14)),
])
def test_cutoff_windows_follow_decree_09(period_id, start, end):
    p = P.parse(period_id)
    assert (p.cutoff_start, p.cutoff_end) == (start, end)
    assert p.in_cutoff(start) and p.in_cutoff(end)
    assert not p.in_cutoff(start - timedelta(days=1)) and not p.in_cutoff(end + timedelta(days=1))


def test_consecutive_cutoff_windows_touch_without_gap_or_overlap():
    for ptype in (P.MONTHLY, P.QUARTERLY, P.HALF_YEARLY, P.YEARLY):
        p = Period(ptype, YEARS[0], 1)
        while p.year < YEARS[-1]:
            nxt = p.next()
            assert nxt.cutoff_start == p.cutoff_end + timedelta(days=1), (p, nxt)
            p = nxt


def test_every_day_falls_in_exactly_one_window_per_type():
    for day in days(date(2023, 12, 1), date(2029, 1, 31)):
        for ptype in (P.MONTHLY, P.QUARTERLY, P.HALF_YEARLY, P.YEARLY):
            p = P.cutoff_period(ptype, day)
            assert p.in_cutoff(day)
            for other in (p.previous(), p.next()):
                assert not other.in_cutoff(day)
        nine = P.cutoff_period(P.NINE_MONTHS, day)
        if nine is None:
            assert date(day.year, 9, 15) <= day <= date(day.year, 12, 14)
        else:
            assert nine.in_cutoff(day)


@pytest.mark.parametrize("day,expected", [
    (date(2026, 3, 14), "2026-Q1"), (date(2026, 3, 15), "2026-Q2"),
    (date(2025, 12, 14), "2025-Q4"), (date(2025, 12, 15), "2026-Q1"),
    (date(2025, 12, 31), "2026-Q1"), (date(2026, 1, 1), "2026-Q1"),
])
def test_cutoff_period_at_the_boundaries(day, expected):
    assert P.cutoff_period(P.QUARTERLY, day).id == expected


def test_yearly_window_crosses_the_new_year():
    assert P.cutoff_period(P.YEARLY, date(2025, 12, 15)).id == "2026-Y"
    assert P.cutoff_period(P.YEARLY, date(2025, 12, 14)).id == "2025-Y"
    assert P.cutoff_period(P.MONTHLY, date(2024, 12, 31)).id == "2025-M01"


def test_leap_day_counts_in_march():
    # 29 Feb 2024 is after the 14th: it belongs to March's window, and Q1's
    assert P.cutoff_period(P.MONTHLY, date(2024, 2, 29)).id == "2024-M03"
    assert P.cutoff_period(P.QUARTERLY, date(2024, 2, 29)).id == "2024-Q1"


def test_reporting_months_tile_the_period_window():
    for ptype in ALL_TYPES:
        for p in P.periods_of_year(ptype, 2026):
            months = p.reporting_months()
            assert months[0].cutoff_start == p.cutoff_start and months[-1].cutoff_end == p.cutoff_end
            assert len(months) == p.months
    assert [m.id for m in P.parse("2026-Q1").reporting_months()] == ["2026-M01", "2026-M02", "2026-M03"]


# ---------------------------------------------------------------- next / previous

def test_next_and_previous_cross_years():
    assert P.parse("2026-M12").next().id == "2027-M01"
    assert P.parse("2026-M01").previous().id == "2025-M12"
    assert P.parse("2026-Q4").next().id == "2027-Q1"
    assert P.parse("2026-H1").previous().id == "2025-H2"
    assert P.parse("2026-Y").next().id == "2027-Y"
    assert P.parse("2026-9M").previous().id == "2025-9M"
    for ptype in ALL_TYPES:
        for p in P.periods_of_year(ptype, 2026):
            assert p.next().previous() == p


# ---------------------------------------------------------------- deadlines

def test_default_deadline_is_the_25th_of_the_last_month_end_of_day_in_vietnam():
    rule = DeadlineRule()
    assert rule.due_date(P.parse("2026-Q1")) == date(2026, 3, 25)
    assert rule.due_date(P.parse("2026-H1")) == date(2026, 6, 25)
    assert rule.due_date(P.parse("2026-9M")) == date(2026, 9, 25)
    assert rule.due_date(P.parse("2026-Y")) == date(2026, 12, 25)
    assert rule.due_date(P.parse("2026-M02")) == date(2026, 2, 25)
    assert rule.due_at(P.parse("2026-Q1")) == datetime(2026, 3, 25, 23, 59, 59, tzinfo=VN)


@pytest.mark.parametrize("period_id,day,offset,expected", [
    ("2024-M02", 31, 0, date(2024, 2, 29)), ("2026-M02", 31, 0, date(2026, 2, 28)),
    ("2026-M02", 30, 0, date(2026, 2, 28)), ("2026-Q2", 31, 0, date(2026, 6, 30)),
    ("2026-Q4", 10, 1, date(2027, 1, 10)), ("2026-Y", 31, 2, date(2027, 2, 28)),
    ("2027-Y", 31, 2, date(2028, 2, 29)), ("2026-M11", 5, 12, date(2027, 11, 5)),
])
def test_deadline_rules_clip_to_month_length_and_cross_years(period_id, day, offset, expected):
    assert DeadlineRule(day, offset).due_date(P.parse(period_id)) == expected


def test_deadline_rule_bounds_and_defaults():
    for bad in ((0, 0), (32, 0), (25, -1), (25, 13)):
        with pytest.raises(PeriodError):
            DeadlineRule(*bad)
    assert DeadlineRule.from_dict(None) == DeadlineRule(25, 0)
    assert DeadlineRule.from_dict({"day": 10}) == DeadlineRule(10, 0)
    assert DeadlineRule.from_dict({}, P.OFFICE_DEADLINE) == P.OFFICE_DEADLINE


def test_lateness_compares_instants():
    deadline = DeadlineRule().due_at(P.parse("2026-Q1"))
    assert not P.is_late(deadline, deadline)
    assert P.is_late(deadline + timedelta(seconds=1), deadline)
    # 00:30 on the 26th in Vietnam is still the 25th in UTC, and late
    assert P.is_late(datetime(2026, 3, 26, 0, 30, tzinfo=VN), deadline)
    assert not P.is_late(datetime(2026, 3, 25, 16, 0, tzinfo=timezone.utc), deadline)


# ---------------------------------------------------------------- schedules

def test_cchc_rhythm_quarter_i_six_months_quarter_iii_year():
    ids = [p.id for p in P.schedule([P.QUARTERLY, P.HALF_YEARLY, P.YEARLY], 2026, longest_wins=True)]
    assert ids == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]


def test_nine_month_report_replaces_quarter_iii():
    ids = [p.id for p in P.schedule([P.QUARTERLY, P.HALF_YEARLY, P.NINE_MONTHS, P.YEARLY], 2026, True)]
    assert ids == ["2026-Q1", "2026-H1", "2026-9M", "2026-Y"]


def test_schedule_without_replacement_lists_every_period_in_end_order():
    ids = [p.id for p in P.schedule([P.YEARLY, P.QUARTERLY, P.HALF_YEARLY], 2026)]
    assert ids == ["2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-Q4", "2026-H2", "2026-Y"]
    assert len(P.schedule([P.MONTHLY, P.MONTHLY], 2026)) == 12


def test_add_months():
    assert P.add_months(2026, 1, -1) == (2025, 12)
    assert P.add_months(2026, 12, 1) == (2027, 1)
    assert P.add_months(2026, 3, -15) == (2024, 12)
    assert P.add_months(2026, 3, 24) == (2028, 3)
