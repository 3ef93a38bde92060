"""Consolidation, completeness and reminder decisions (pure)."""
from datetime import date, datetime, timedelta

from services.common.clock import VN
from services.reporting import seed
from services.reporting.domain import aggregation, completeness, forms, reminders, workflow

import pytest
from services.common.errors import InvalidTransition


def spec():
    return forms.build({
        "code": "T-1", "title": "Thử", "period_types": ["quarterly"], "assigned_kinds": ["TH"],
        "sections": [{"code": "I", "title": "Mục I", "fields": [
            {"code": "n", "label": "Số", "type": "integer"},
            {"code": "d", "label": "Kinh phí", "type": "decimal"},
            {"code": "avg_n", "label": "Số (bình quân)", "type": "integer", "aggregation": "average"},
            {"code": "p", "label": "Tỷ lệ", "type": "percent"},
            {"code": "y", "label": "Có kế hoạch", "type": "yes_no"},
            {"code": "s", "label": "Xếp loại", "type": "select",
             "options": [{"value": "tot", "label": "Tốt"}, {"value": "kha", "label": "Khá"}]},
            {"code": "t", "label": "Ghi chú", "type": "text"},
            {"code": "dt", "label": "Ngày", "type": "date", "aggregation": "count"},
        ]}]})


ROWS = [
    {"n": 10, "d": 0.1, "avg_n": 3, "p": 90.0, "y": True, "s": "tot", "t": "A", "dt": "2026-03-01"},
    {"n": 5, "d": 0.2, "avg_n": 4, "p": 80.5, "y": False, "s": "kha"},
    {"n": 0, "avg_n": 4, "y": True, "s": "tot", "t": ""},
    {},
]


def by_code(results):
    return {r["code"]: r for r in results}


def test_consolidation_per_aggregation():
    r = by_code(aggregation.consolidate(spec(), ROWS))
    assert r["n"]["value"] == 10 + 5 + 0 and isinstance(r["n"]["value"], int) and r["n"]["reporting_units"] == 3
    assert r["d"]["value"] == 0.3 and r["d"]["reporting_units"] == 2      # exact: Decimal, not 0.30000000000000004
    assert r["avg_n"]["value"] == round(11 / 3, 2)
    assert r["p"]["value"] == 85.25 and r["p"]["reporting_units"] == 2
    assert r["y"]["value"] == 2 and r["y"]["reporting_units"] == 3        # yes counted, among those who answered
    assert r["s"]["value"] == 3 and r["s"]["option_counts"] == [
        {"value": "tot", "label": "Tốt", "count": 2}, {"value": "kha", "label": "Khá", "count": 1}]
    assert r["t"]["value"] is None and r["t"]["texts"] == ["A"]
    assert r["dt"]["value"] == 1


def test_consolidation_of_nothing():
    r = by_code(aggregation.consolidate(spec(), []))
    assert r["n"]["value"] is None and r["n"]["reporting_units"] == 0
    assert r["y"]["value"] == 0


def test_fields_an_older_version_had_are_ignored():
    r = aggregation.consolidate(spec(), [{"n": 1, "gone": 99}])
    assert "gone" not in {x["code"] for x in r}


def test_by_section_keeps_the_form_order():
    sections = aggregation.by_section(spec(), aggregation.consolidate(spec(), ROWS))
    assert [f["code"] for f in sections[0]["fields"]] == [f.code for f in spec().fields]


def test_cchc_sums_documents_over_thirty_schools():
    cchc = forms.build(seed.CCHC)
    rows = [{"documents_received": 100 + i, "documents_on_time": 90 + i, "satisfaction_rate": 90 + i % 10}
            for i in range(30)]
    r = by_code(aggregation.consolidate(cchc, rows))
    assert r["documents_received"]["value"] == sum(100 + i for i in range(30))
    assert r["satisfaction_rate"]["value"] == round(sum(90 + i % 10 for i in range(30)) / 30, 2)


# ---------------------------------------------------------------- completeness

UNITS = [{"code": f"U{i}", "name": f"Trường {i}", "kind": "TH" if i < 3 else "MN"} for i in range(6)]


def test_completeness_counts_each_state_once():
    rows = {
        "U0": {"status": workflow.APPROVED, "first_submitted_at": "x", "late": False, "submission_id": "a"},
        "U1": {"status": workflow.SUBMITTED, "first_submitted_at": "x", "late": True, "submission_id": "b"},
        "U2": {"status": workflow.RETURNED, "first_submitted_at": "x", "late": False, "submission_id": "c"},
        "U3": {"status": workflow.DRAFT, "first_submitted_at": None, "late": None, "submission_id": "d"},
        "U4": {"status": workflow.REOPENED, "first_submitted_at": "x", "late": True, "submission_id": "e"},
    }
    result = completeness.completeness(UNITS, rows)
    t = result["totals"]
    assert (t["expected"], t["submitted"], t["on_time"], t["late"], t["missing"]) == (6, 4, 2, 2, 2)
    assert (t["approved"], t["returned"], t["awaiting_approval"], t["in_progress"]) == (1, 1, 1, 1)
    assert t["submitted_rate"] == round(4 / 6 * 100, 2) and t["on_time_rate"] == round(2 / 6 * 100, 2)
    assert [u["code"] for u in result["missing_units"]] == ["U3", "U5"]
    kinds = {k["kind"]: k for k in result["by_kind"]}
    assert [k["kind"] for k in result["by_kind"]] == ["MN", "TH"]          # the office's order of levels
    assert kinds["TH"]["submitted"] == 3 and kinds["MN"]["missing"] == 2 and kinds["MN"]["label"] == "Mầm non"
    states = {u["code"]: u for u in result["units"]}
    assert states["U5"]["status"] == "not_started" and states["U5"]["status_label"] == "Chưa thực hiện"
    assert states["U1"]["late"] is True and states["U3"]["late"] is None


def test_completeness_of_nobody_expected():
    result = completeness.completeness([], {})
    assert result["totals"]["expected"] == 0 and result["totals"]["submitted_rate"] is None


# ---------------------------------------------------------------- workflow

def test_transitions():
    assert workflow.next_status(workflow.DRAFT, workflow.SUBMIT) == workflow.SUBMITTED
    assert workflow.next_status(workflow.RETURNED, workflow.SUBMIT) == workflow.SUBMITTED
    assert workflow.next_status(workflow.REOPENED, workflow.SUBMIT) == workflow.SUBMITTED
    assert workflow.next_status(workflow.SUBMITTED, workflow.APPROVE) == workflow.APPROVED
    assert workflow.next_status(workflow.SUBMITTED, workflow.RETURN) == workflow.RETURNED
    assert workflow.next_status(workflow.APPROVED, workflow.REOPEN) == workflow.REOPENED
    for status, action in ((workflow.APPROVED, workflow.SUBMIT), (workflow.DRAFT, workflow.APPROVE),
                           (workflow.APPROVED, workflow.RETURN), (workflow.SUBMITTED, workflow.REOPEN)):
        with pytest.raises(InvalidTransition):
            workflow.next_status(status, action)
    with pytest.raises(InvalidTransition, match="khóa số liệu"):
        workflow.next_status(workflow.APPROVED, workflow.SUBMIT)


# ---------------------------------------------------------------- reminders

DEADLINE = date(2026, 3, 25)
OFFSETS = (-7, -3, -1, 1, 3, 7)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def test_nothing_is_due_before_the_first_offset():
    assert reminders.decide(DEADLINE, OFFSETS, at(date(2026, 3, 17)), set(), False).send is None


def test_a_reminder_falls_due_at_eight_on_its_day():
    day = date(2026, 3, 18)
    assert reminders.decide(DEADLINE, OFFSETS, at(day, 7), set(), False).send is None
    assert reminders.decide(DEADLINE, OFFSETS, at(day, 8), set(), False).send == -7
    assert reminders.moment(DEADLINE, -7) == datetime(2026, 3, 18, 8, tzinfo=VN)


def test_each_offset_once():
    assert reminders.decide(DEADLINE, OFFSETS, at(date(2026, 3, 19)), {-7}, False).send is None
    assert reminders.decide(DEADLINE, OFFSETS, at(date(2026, 3, 22)), {-7}, False).send == -3


def test_after_downtime_only_the_latest_is_sent_and_the_rest_skipped():
    decision = reminders.decide(DEADLINE, OFFSETS, at(date(2026, 3, 29)), {-7}, False)
    assert decision.send == 3 and decision.skip == (-3, -1, 1)


def test_submitted_units_are_never_reminded():
    assert reminders.decide(DEADLINE, OFFSETS, at(date(2026, 4, 5)), set(), True) == reminders.Decision(None)


def test_reminders_stop_after_the_last_offset():
    handled = set(OFFSETS)
    assert reminders.decide(DEADLINE, OFFSETS, at(date(2026, 6, 1)), handled, False).send is None


def test_the_scan_window_and_labels():
    assert reminders.window(OFFSETS) == (8, 8)
    assert reminders.window((1, 3)) == (1, 4)
    assert reminders.parse_offsets("3, -1,3") == (-1, 3) and reminders.parse_offsets("") == reminders.DEFAULT_OFFSETS
    assert reminders.kind(-1) == "before" and reminders.kind(0) == "on_day" and reminders.kind(2) == "after"
    assert reminders.message("Báo cáo CCHC", "Quý I năm 2026", DEADLINE, -3) == \
        "Còn 3 ngày đến hạn nộp “Báo cáo CCHC” kỳ Quý I năm 2026 (hạn 25/03/2026)."
    assert reminders.message("Báo cáo CCHC", "Quý I năm 2026", DEADLINE, 2).startswith("Đã quá hạn 2 ngày")


def test_reminder_days_cross_month_ends():
    assert reminders.moment(date(2026, 3, 1), -3).date() == date(2026, 2, 26)
    assert reminders.moment(date(2024, 3, 1), -1).date() == date(2024, 2, 29)
    assert reminders.moment(date(2026, 12, 30), 7).date() == date(2027, 1, 6) - timedelta(days=0)
