"""Meeting rules: participants, delegation, quorum, check-in, speakers, opinions,
schedule transitions, agenda materials."""
from datetime import datetime, timedelta

import pytest

from services.common.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from services.meetings.domain import (agenda, checkin, delegation, opinions, participants, quorum, schedule,
                                      speakers)
from services.meetings.domain.wording import duration_text, lower_first, when_text

T0 = datetime(2030, 3, 5, 1, 0)   # 08:00 in Vietnam, a Tuesday


def user(uid, unit="U1"):
    return {"user_id": uid, "full_name": uid.upper(), "position": "", "unit_code": unit}


# ---------------------------------------------------------------- participants
def test_each_person_once_in_their_strongest_role_with_voting_rights():
    rows = participants.merge(user("chair"), user("sec"), [user("a"), user("chair"), user("sec")],
                              [user("g"), user("a")])
    by = {r["user_id"]: r for r in rows}
    assert len(rows) == 4
    assert by["chair"]["role"] == "chair" and by["chair"]["voting"]
    assert by["sec"]["role"] == "secretary" and by["sec"]["voting"]          # also named a member
    assert by["a"]["role"] == "member" and by["a"]["voting"]
    assert by["g"]["role"] == "guest" and not by["g"]["voting"]
    alone = participants.merge(user("chair"), user("sec"), [], [])
    assert [r["voting"] for r in alone] == [True, False]                      # a secretary alone has no vote


def test_answers_decline_needs_a_reason_and_leads_cannot_decline():
    participants.check_response({"role": "member"}, "attend", None)
    with pytest.raises(ValidationFailed):
        participants.check_response({"role": "member"}, "decline", " ")
    with pytest.raises(ValidationFailed):
        participants.check_response({"role": "chair"}, "decline", "Bận")
    assert participants.demoted_role(True) == "member" and participants.demoted_role(False) is None


# ---------------------------------------------------------------- delegation
def member(uid, role="member", voting=True):
    return {"user_id": uid, "role": role, "voting": voting}


def mandate(member_id, delegate_id, status="active", used=False):
    return {"mandate_id": f"m-{member_id}", "member_id": member_id, "delegate_id": delegate_id, "status": status,
            "used": used}


def test_a_member_may_delegate_once_to_someone_else():
    delegation.check_grant(member("a"), "x", [], 1)
    with pytest.raises(ValidationFailed):
        delegation.check_grant(member("a"), "a", [], 1)
    with pytest.raises(Conflict):
        delegation.check_grant(member("a"), "y", [mandate("a", "x")], 1)      # one active mandate per member


def test_mandates_cannot_be_chained():
    with pytest.raises(PermissionDenied):
        delegation.check_grant(member("x", role="delegate", voting=False), "y", [mandate("a", "x")], 1)
    with pytest.raises(Conflict):   # b holds a's mandate: b delegating their own place would strand it
        delegation.check_grant(member("b"), "y", [mandate("a", "b")], 2)
    with pytest.raises(ValidationFailed):   # c gave their place away: they will not be there to hold one
        delegation.check_grant(member("a"), "c", [mandate("c", "z")], 1)


def test_chair_and_secretary_cannot_delegate_and_outsiders_cannot_either():
    for role in ("chair", "secretary"):
        with pytest.raises(PermissionDenied):
            delegation.check_grant(member("a", role=role), "x", [], 1)
    with pytest.raises(PermissionDenied):
        delegation.check_grant(None, "x", [], 1)


def test_a_delegate_holds_at_most_the_configured_number_of_mandates():
    with pytest.raises(ValidationFailed):
        delegation.check_grant(member("b"), "x", [mandate("a", "x")], 1)
    delegation.check_grant(member("b"), "x", [mandate("a", "x")], 2)
    delegation.check_grant(member("b"), "x", [mandate("a", "x")], 0)   # 0: no limit


def test_revocable_until_used():
    delegation.check_revoke(mandate("a", "x"))
    with pytest.raises(Conflict):
        delegation.check_revoke(mandate("a", "x", used=True))
    with pytest.raises(Conflict):
        delegation.check_revoke(mandate("a", "x", status="revoked"))
    with pytest.raises(Conflict):
        delegation.check_revoke(None)


def test_seats_a_person_votes_for_never_both_member_and_delegate():
    ms = [mandate("a", "x")]
    assert delegation.seats_of("a", {"voting": True}, ms) == []          # a delegated: no vote
    assert delegation.seats_of("x", None, ms) == ["a"]                   # x votes for a
    assert delegation.seats_of("b", {"voting": True}, ms) == ["b"]
    assert delegation.seats_of("b", {"voting": True}, [mandate("a", "b")]) == ["b", "a"]
    assert delegation.seats_of("g", {"voting": False}, ms) == []         # a guest
    assert delegation.seats_of("a", {"voting": True}, [mandate("a", "x", status="revoked")]) == ["a"]
    assert delegation.holder_of("a", ms) == "x" and delegation.holder_of("b", ms) == "b"
    assert delegation.slot("M", "a") == "M:a" and delegation.revoked_slot("1") == "revoked:1"


# ---------------------------------------------------------------- quorum
@pytest.mark.parametrize("rule, total, need", [
    ("majority", 10, 6), ("majority", 9, 5), ("majority", 1, 1), ("half", 10, 5), ("half", 9, 5),
    ("two_thirds", 9, 6), ("two_thirds", 10, 7), ("three_quarters", 8, 6), ("majority", 0, 1),
])
def test_quorum_requirements(rule, total, need):
    assert quorum.required(total, rule) == need


def test_a_member_represented_by_a_present_delegate_counts():
    seats = ["a", "b", "c", "d"]
    ms = [mandate("a", "x"), mandate("b", "y")]
    assert quorum.represented(seats, {"x", "c"}, ms) == {"a", "c"}      # y absent: b is not represented
    assert quorum.represented(seats, {"a"}, ms) == {"a"}                 # present member still counts once
    assert quorum.represented(seats, {"x"}, [mandate("a", "x", status="revoked")]) == set()
    live = quorum.status(4, 2, "majority")
    assert live == {"rule": "majority", "rule_label": "Quá nửa tổng số đại biểu", "total_seats": 4,
                    "present_seats": 2, "required": 3, "reached": False}
    assert quorum.status(4, 3, "majority")["reached"] is True
    assert quorum.status(0, 0, "majority")["reached"] is True           # nothing to decide
    with pytest.raises(ValidationFailed):
        quorum.check_rule("most")


# ---------------------------------------------------------------- check-in
def test_self_check_in_window():
    ends = T0 + timedelta(hours=2)
    checkin.check_self(T0 - timedelta(minutes=30), T0, ends, 30)
    checkin.check_self(ends, T0, ends, 30)
    with pytest.raises(InvalidTransition) as early:
        checkin.check_self(T0 - timedelta(minutes=31), T0, ends, 30)
    assert early.value.message == "Chưa đến giờ điểm danh: mở từ 07 giờ 30 phút, thứ Ba, ngày 05/03/2030."
    with pytest.raises(InvalidTransition):
        checkin.check_self(ends + timedelta(seconds=1), T0, ends, 30)


def test_late_after_the_grace():
    assert not checkin.is_late(T0 + timedelta(minutes=10), T0, 10)
    assert checkin.is_late(T0 + timedelta(minutes=10, seconds=1), T0, 10)
    assert checkin.minutes_late(T0 + timedelta(minutes=17, seconds=50), T0) == 17
    assert checkin.minutes_late(T0 - timedelta(minutes=5), T0) == 0


# ---------------------------------------------------------------- speakers
def test_speaker_transitions_and_timing():
    assert speakers.next_status("waiting", "call") == "called"
    assert speakers.next_status("called", "start") == "speaking"
    assert speakers.next_status("waiting", "start") == "speaking"
    assert speakers.next_status("speaking", "stop") == "done"
    assert speakers.next_status("called", "withdraw") == "withdrawn"
    for current, action in (("done", "start"), ("waiting", "stop"), ("speaking", "withdraw"), ("called", "call")):
        with pytest.raises(InvalidTransition):
            speakers.next_status(current, action)
    assert speakers.spoken_seconds(T0, T0 + timedelta(minutes=3, seconds=20, milliseconds=900)) == 200
    assert duration_text(200) == "3 phút 20 giây" and duration_text(120) == "2 phút" and duration_text(9) == "9 giây"


def test_speaker_order_and_next():
    entries = [{"speaker_id": "a", "status": "waiting", "position": 3},
               {"speaker_id": "b", "status": "waiting", "position": 1},
               {"speaker_id": "c", "status": "called", "position": 0}]
    assert speakers.next_to_call(entries)["speaker_id"] == "b"
    assert speakers.next_to_call([]) is None
    assert speakers.check_order(["a", "b"], ["b", "a"]) == ["b", "a"]
    for bad in (["a"], ["a", "a"], ["a", "b", "c"]):
        with pytest.raises(ValidationFailed):
            speakers.check_order(["a", "b"], bad)


# ---------------------------------------------------------------- schedule
def test_meeting_status_transitions():
    assert schedule.next_status("scheduled", "invite") == "invited"
    assert schedule.next_status("invited", "invite") == "invited"
    assert schedule.next_status("invited", "start") == "in_progress"
    assert schedule.next_status("in_progress", "end") == "ended"
    assert schedule.next_status("ended", "publish") == "published"
    with pytest.raises(InvalidTransition) as err:
        schedule.next_status("in_progress", "cancel")
    assert err.value.message == "Không thể hủy cuộc họp đang ở trạng thái “Đang họp”."
    with pytest.raises(InvalidTransition):
        schedule.next_status("cancelled", "start")


def test_times_must_make_sense():
    schedule.check_times(T0, T0 + timedelta(hours=2), T0 - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        schedule.check_times(T0, T0, T0 - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        schedule.check_times(T0, T0 + timedelta(days=6), T0 - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        schedule.check_times(T0, T0 + timedelta(hours=1), T0 + timedelta(hours=1))


def test_vietnamese_wording():
    assert when_text(T0, T0 + timedelta(hours=2)) == "08 giờ 00 phút, thứ Ba, ngày 05/03/2030"
    assert lower_first("Họp giao ban") == "họp giao ban" and lower_first("THCS Ngọc Hải") == "THCS Ngọc Hải"


# ---------------------------------------------------------------- materials, opinions
def test_material_versions_and_visibility():
    versions = [{"version": 1, "status": "approved"}, {"version": 2, "status": "pending"},
                {"version": 3, "status": "rejected"}]
    assert agenda.next_version(versions) == 4
    assert agenda.visible_versions(versions, sees_all=False) == [{"version": 1, "status": "approved"}]
    assert [v["version"] for v in agenda.visible_versions(versions, sees_all=True)] == [3, 2, 1]
    assert agenda.visible_versions([{"version": 1, "status": "pending"}], sees_all=False) == []
    agenda.check_decision(versions[1], True, None)
    with pytest.raises(ValidationFailed):
        agenda.check_decision(versions[1], False, "")
    with pytest.raises(InvalidTransition):
        agenda.check_decision(versions[0], True, None)


def test_opinions_answers_and_consolidation():
    deadline = T0 + timedelta(days=2)
    opinions.check_answer("open", deadline, T0, True, None)
    with pytest.raises(ValidationFailed):
        opinions.check_answer("open", deadline, T0, False, "")
    with pytest.raises(InvalidTransition):
        opinions.check_answer("open", deadline, deadline + timedelta(seconds=1), True, None)
    with pytest.raises(InvalidTransition):
        opinions.check_answer("closed", deadline, T0, True, None)
    with pytest.raises(ValidationFailed):
        opinions.check_deadline(T0, T0)
    summary = opinions.consolidate(
        [{"user_id": "a", "full_name": "A"}, {"user_id": "b", "full_name": "B"}, {"user_id": "c", "full_name": "C"}],
        [{"user_id": "b", "agree": False, "comment": "Sửa mục 2"}, {"user_id": "a", "agree": True, "comment": None}])
    assert (summary["expected"], summary["answered"], summary["agree"], summary["disagree"]) == (3, 2, 1, 1)
    assert [m["user_id"] for m in summary["missing"]] == ["c"]
    assert summary["comments"] == [{"user_id": "b", "full_name": "B", "agree": False, "comment": "Sửa mục 2"}]
    assert summary["percent_agree"] == 50.0


@pytest.mark.parametrize("ref, problem", [
    ({"user_id": "u1"}, None),
    ({"unit_code": "000.01.31.H26", "role": "van_thu"}, None),
    ({"unit_kinds": ["MN", "TH"], "role": "lanh_dao"}, None),
    ({}, "Chỉ định đúng một trong"),
    ({"user_id": "u1", "unit_code": "X"}, "Chỉ định đúng một trong"),
    ({"user_id": "u1", "role": "lanh_dao"}, "Vai trò chỉ dùng khi mời theo đơn vị"),
])
def test_an_invitee_is_one_user_or_a_unit_or_unit_kinds(ref, problem):
    found = participants.person_ref_problem(ref.get("user_id"), ref.get("unit_code"), ref.get("unit_kinds"),
                                            ref.get("role"))
    assert (found is None) if problem is None else found.startswith(problem)
