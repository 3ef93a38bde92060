"""Decree 30 numbering and symbols, the receiving workflow, recall rules, deadlines."""
from datetime import datetime, timedelta

import pytest

from services.common.errors import InvalidTransition, ValidationFailed
from services.documents import domain


@pytest.mark.parametrize("number,text", [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (123, "123"), (1000, "1000")])
def test_numbers_below_ten_have_a_leading_zero(number, text):
    assert domain.format_number(number) == text


def test_number_zero_is_not_a_document_number():
    with pytest.raises(ValueError):
        domain.format_number(0)


@pytest.mark.parametrize("number,type_code,unit,section,symbol", [
    (18, "KH", "GDĐT", None, "18/KH-GDĐT"),
    (5, "KH", "GDĐT", None, "05/KH-GDĐT"),
    (7, "QĐ", "UBND", None, "07/QĐ-UBND"),
    (3, "QyĐ", "GDĐT", "TCCB", "03/QyĐ-GDĐT"),      # the section only shows for công văn
    (12, "TB", "SGDĐT", None, "12/TB-SGDĐT"),
    (2, "GM", "GDĐT", None, "02/GM-GDĐT"),
    (123, "CV", "GDĐT", "TCCB", "123/GDĐT-TCCB"),   # công văn: no type code
    (4, "CV", "GDĐT", None, "04/GDĐT"),
])
def test_symbols_follow_decree_30(number, type_code, unit, section, symbol):
    assert domain.build_symbol(number, type_code, unit, section) == symbol


def test_unknown_type_code_is_refused():
    with pytest.raises(ValidationFailed):
        domain.build_symbol(1, "XX", "GDĐT")


def test_registers_restart_each_year_and_confidential_has_its_own_series():
    assert domain.register_key("U1", 2025, domain.OUTGOING) != domain.register_key("U1", 2026, domain.OUTGOING)
    assert domain.outgoing_series(0) == domain.OUTGOING
    assert domain.outgoing_series(1) == domain.OUTGOING_CONFIDENTIAL
    assert domain.outgoing_series(3) == domain.OUTGOING_CONFIDENTIAL
    assert len({domain.register_key("U1", 2026, s) for s in
                (domain.OUTGOING, domain.OUTGOING_CONFIDENTIAL, domain.INCOMING)}) == 3


STATUSES = ["01", "02", "03", "04", "05", "06"]
ALLOWED = {("register", "01"): "03", ("refuse", "01"): "02", ("assign", "03"): "04", ("assign", "04"): "04",
           ("start", "04"): "05", ("complete", "04"): "06", ("complete", "05"): "06"}


@pytest.mark.parametrize("action", ["register", "refuse", "assign", "start", "complete"])
@pytest.mark.parametrize("status", STATUSES)
def test_every_transition_is_either_allowed_or_refused(action, status):
    if (action, status) in ALLOWED:
        assert domain.next_status(status, action) == ALLOWED[(action, status)]
    else:
        with pytest.raises(InvalidTransition) as err:
            domain.next_status(status, action)
        assert domain.STATUS_LABELS[status] in err.value.message


def test_unknown_action_is_refused():
    with pytest.raises(InvalidTransition):
        domain.next_status("01", "archive")


def test_completed_and_refused_are_final():
    for action in domain.TRANSITIONS:
        for final in ("02", "06"):
            with pytest.raises(InvalidTransition):
                domain.next_status(final, action)


def test_change_requests_are_checked():
    domain.check_change_request("recall", None, None)
    domain.check_change_request("update", {"summary": "Mới"}, None)
    domain.check_change_request("replace", None, "doc2")
    with pytest.raises(ValidationFailed):
        domain.check_change_request("delete", None, None)
    with pytest.raises(ValidationFailed):
        domain.check_change_request("update", None, None)
    with pytest.raises(ValidationFailed):
        domain.check_change_request("update", {"symbol": "99/KH-GDĐT"}, None)
    with pytest.raises(ValidationFailed):
        domain.check_change_request("replace", None, None)


def test_who_can_be_asked_to_recall():
    assert domain.can_receive_change("01", False)
    assert domain.can_receive_change("06", False)
    assert not domain.can_receive_change("02", False)   # it refused the document
    assert not domain.can_receive_change("03", True)    # already answering a request


def test_overdue_only_while_assigned_or_processing():
    now = datetime(2026, 3, 10, 12)
    past, future = now - timedelta(minutes=1), now + timedelta(days=1)
    assert domain.is_overdue("04", past, now)
    assert domain.is_overdue("05", past, now)
    assert not domain.is_overdue("04", future, now)
    assert not domain.is_overdue("06", past, now)
    assert not domain.is_overdue("03", past, now)
    assert not domain.is_overdue("04", None, now)
    assert domain.completed_on_time(future, now)
    assert not domain.completed_on_time(past, now)
    assert domain.completed_on_time(None, now)


def test_receivers_outside_the_system_are_tracked_by_their_edxml_statuses():
    from services.documents.formats.exchange import merge_statuses

    rows = [{"item_id": "i1", "unit_code": "A", "unit_name": "Trường A", "status": "03", "steps": {"03": "t1"}},
            {"unit_code": "B", "unit_name": "Trường B", "status": None, "status_label": "Đang gửi", "steps": {}}]
    statuses = [
        {"from_organ": "A", "from_name": "A", "status_code": "06", "status_label": "Hoàn thành",
         "timestamp": "2026-03-02T01:00:00+00:00"},   # A is in the system: its item speaks for it
        {"from_organ": "B", "from_name": "Trường B", "status_code": "03", "status_label": "Đã vào sổ",
         "timestamp": "2026-03-02T02:00:00+00:00", "description": "Đã vào sổ số 15"},
        {"from_organ": "B", "from_name": "Trường B", "status_code": "01", "status_label": "Đã đến",
         "timestamp": "2026-03-01T02:00:00+00:00"},
        {"from_organ": "SGD", "from_name": "Sở GD&ĐT", "status_code": "01", "status_label": "Đã đến",
         "timestamp": "2026-03-03T02:00:00+00:00"},
    ]
    merged = {r["unit_code"]: r for r in merge_statuses(rows, statuses)}
    assert merged["A"]["status"] == "03" and "via" not in merged["A"]
    assert merged["B"]["status"] == "03" and merged["B"]["via"] == "edxml" and merged["B"]["note"] == "Đã vào sổ số 15"
    assert merged["B"]["steps"] == {"01": "2026-03-01T02:00:00+00:00", "03": "2026-03-02T02:00:00+00:00"}
    assert merged["SGD"]["unit_name"] == "Sở GD&ĐT" and merged["SGD"]["status"] == "01"
