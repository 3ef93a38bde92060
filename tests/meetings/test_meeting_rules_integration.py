"""Meetings over the real broker: changes and cancellation (the giấy mời is
replaced, then recalled, through the documents service), a meeting inside one
unit (no official document), the check-in window, the quorum guard on votes,
and concurrent ballots — each seat counted exactly once, even when a member and
their delegate press at the same moment."""
from datetime import datetime, timedelta, timezone

import pytest

from services.common.clock import utcnow
from services.common.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from services.meetings import models
from services.meetings.exceptions import AlreadyVoted, QuorumNotReached
from tests.integration.helpers import events_emitted, wait_for

from .conftest import pdf, soon, upload

pytestmark = pytest.mark.integration


def schedule(rpc, chair, secretary, members, starts_ends=None, **extra):
    starts, ends = starts_ends or soon(10)
    return rpc.meetings.schedule(chair, {
        "title": "Họp chuyên đề chuyển đổi số", "kind": "chuyen_de", "starts_at": starts, "ends_at": ends,
        "place": "Hội trường", "chair_id": chair["user_id"], "secretary_id": secretary["user_id"],
        "members": [{"user_id": m["user_id"]} for m in members], **extra})


def test_a_change_replaces_the_invitation_and_a_cancellation_recalls_it(district, rpc):
    d = district
    chair, secretary = d.actor(d.office, "lanhdao"), d.actor(d.office, "cv1")
    principals = [d.actor(s, "lanhdao") for s in d.schools[:3]]
    meeting = schedule(rpc, chair, secretary, principals)
    mid = meeting["meeting_id"]
    first = rpc.meetings.send_invitations(chair, mid)["invitations"][0]
    assert first["symbol"] == "01/GM-GDĐT"

    moved_start = datetime.now(timezone.utc) + timedelta(days=1)
    updated = rpc.meetings.update(secretary, mid, {"starts_at": moved_start.isoformat(),
                                                   "ends_at": (moved_start + timedelta(hours=1)).isoformat(),
                                                   "place": "Phòng họp số 3"})
    assert updated["sequence"] == 1 and updated["invitation_outdated"] is True
    change = events_emitted("meetings", "meeting.updated")[0]["data"]
    assert change["changes"] == ["ends_at", "place", "starts_at"] and change["sequence"] == 1
    with pytest.raises(ValidationFailed):
        rpc.meetings.update(chair, mid, {"starts_at": "2000-01-01T08:00:00+07:00"})

    # a second click while the first is issuing finds the claim taken (no second number burnt)
    models.Meeting.objects(meeting_id=mid).update_one(set__invitation_claim=utcnow())
    with pytest.raises(Conflict):
        rpc.meetings.send_invitations(chair, mid)
    models.Meeting.objects(meeting_id=mid).update_one(unset__invitation_claim=True)
    second = rpc.meetings.send_invitations(chair, mid)
    assert second["invitation_outdated"] is False and second["invitations"][1]["symbol"] == "02/GM-GDĐT"
    clerk = d.actor(d.office, "vanthu")
    tracking = rpc.documents.tracking(clerk, first["document_id"])["recipients"]
    assert {r["change"]["kind"] for r in tracking} == {"replace"}      # the old giấy mời is replaced

    with pytest.raises(ValidationFailed):
        rpc.meetings.cancel(chair, mid, "")
    cancelled = rpc.meetings.cancel(chair, mid, "Lãnh đạo Phòng họp đột xuất với UBND quận")
    assert cancelled["status"] == "cancelled"
    tracking = rpc.documents.tracking(clerk, second["invitations"][1]["document_id"])["recipients"]
    assert {r["change"]["kind"] for r in tracking} == {"recall"}
    school_clerk = d.actor(d.schools[0], "vanthu")
    recalled = wait_for(lambda: [i for i in rpc.documents.inbox(school_clerk, {"type_code": "GM"})["items"]
                                 if i["change"] and i["change"]["kind"] == "recall"])
    assert recalled[0]["change"]["reason"].startswith("Hủy cuộc họp:")
    event = events_emitted("meetings", "meeting.cancelled")[0]["data"]
    assert event["reason"] == "Lãnh đạo Phòng họp đột xuất với UBND quận" and len(event["participant_ids"]) == 5
    with pytest.raises(InvalidTransition):
        rpc.meetings.start(chair, mid)
    ics = rpc.meetings.export_ics(principals[0], {})["content"]
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:2" in ics
    day = moved_start.astimezone(timezone(timedelta(hours=7))).date().isoformat()
    assert rpc.meetings.calendar(principals[0], {"view": "day", "date": day})["days"][0]["meetings"][0]["status"] \
        == "cancelled"
    hidden = rpc.meetings.calendar(principals[0], {"view": "day", "date": day, "include_cancelled": False})
    assert hidden["days"][0]["meetings"] == []


def test_a_meeting_inside_one_unit_needs_no_official_invitation(district, rpc):
    d = district
    school = d.schools[0]
    head, teacher1, teacher2 = (d.actor(school, w) for w in ("lanhdao", "cv1", "cv2"))
    meeting = schedule(rpc, head, teacher1, [teacher2], title="Họp tổ chuyên môn")
    sent = rpc.meetings.send_invitations(head, meeting["meeting_id"])
    assert sent["invitations"][0]["document_id"] is None and sent["invitations"][0]["symbol"] is None
    assert sent["invitations"][0]["file"]["name"].endswith(".docx")
    assert events_emitted("meetings", "meeting.invitation_sent")[0]["data"]["recipient_units"] == []
    assert rpc.documents.outbox_list(d.actor(school, "vanthu"), {})["total"] == 0


def test_check_in_window_and_the_quorum_guard(district, rpc):
    d = district
    chair, secretary = d.actor(d.office, "lanhdao"), d.actor(d.office, "cv1")
    principals = [d.actor(s, "lanhdao") for s in d.schools[:4]]
    later = datetime.now(timezone.utc) + timedelta(hours=3)
    meeting = schedule(rpc, chair, secretary, principals,
                       starts_ends=(later.isoformat(), (later + timedelta(hours=1)).isoformat()))
    mid = meeting["meeting_id"]
    with pytest.raises(InvalidTransition) as early:
        rpc.meetings.check_in(principals[0], mid)
    assert early.value.message.startswith("Chưa đến giờ điểm danh: mở từ ")
    rpc.meetings.check_in(secretary, mid, principals[0]["user_id"])   # the secretary may, e.g. for a correction
    rpc.meetings.start(chair, mid)
    rpc.meetings.check_in(secretary, mid, chair["user_id"])
    # 5 seats (chair + 4), 2 present: a majority needs 3
    with pytest.raises(QuorumNotReached) as no_quorum:
        rpc.meetings.open_vote(chair, mid, {"question": "Thông qua kế hoạch"})
    assert no_quorum.value.fields["required"] == "3"   # fields cross RPC as text
    vote = rpc.meetings.open_vote(chair, mid, {"question": "Xin ý kiến sơ bộ", "require_quorum": False})
    rpc.meetings.cast_vote(principals[0], mid, vote["vote_id"], ["agree"])
    with pytest.raises(PermissionDenied):
        rpc.meetings.cast_vote(principals[1], mid, vote["vote_id"], ["agree"])   # not checked in
    with pytest.raises(PermissionDenied):
        rpc.meetings.close_vote(secretary, mid, vote["vote_id"])
    with pytest.raises(InvalidTransition):
        rpc.meetings.end(chair, mid)                                         # a vote is still open
    res = rpc.meetings.close_vote(chair, mid, vote["vote_id"])["results"]
    assert res["quorum_reached"] is False and res["passed"] is False
    assert "Không đủ túc số" in res["summary"]


def test_concurrent_ballots_count_each_seat_exactly_once(district, rpc, meetings_config):
    d = district
    chair, secretary = d.actor(d.office, "lanhdao"), d.actor(d.office, "cv1")
    members = [d.actor(s, w) for s in d.schools for w in ("lanhdao", "cv1", "cv2")]     # 18 members
    meeting = schedule(rpc, chair, secretary, members)
    mid = meeting["meeting_id"]
    member, stand_in = members[0], d.actor(d.schools[0], "vanthu")
    rpc.meetings.delegate(member, mid, stand_in["user_id"])
    rpc.meetings.start(chair, mid)
    for person in [chair, stand_in, member] + members[1:]:
        rpc.meetings.check_in(secretary, mid, person["user_id"])
    vote = rpc.meetings.open_vote(chair, mid, {"question": "Thông qua đề án", "secret": True})
    vid = vote["vote_id"]
    voters = [chair] + members[1:]
    choices = ["agree" if i % 3 else "disagree" for i in range(len(voters))]
    # every ballot at once, plus the member and their delegate racing for the same seat
    replies = [rpc.meetings.cast_vote.call_async(p, mid, vid, [c]) for p, c in zip(voters, choices)]
    racing = [rpc.meetings.cast_vote.call_async(stand_in, mid, vid, ["agree"]) for _ in range(3)] + \
             [rpc.meetings.cast_vote.call_async(member, mid, vid, ["disagree"])]
    assert all(r.result()["counted"] for r in replies)
    outcomes = []
    for r in racing:
        try:
            outcomes.append(r.result()["seat"])
        except (AlreadyVoted, PermissionDenied, Conflict) as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes.count(member["user_id"]) == 1                 # the delegate's one ballot for the seat
    assert outcomes[-1] == "PermissionDenied"                     # the member delegated: never both
    res = rpc.meetings.close_vote(chair, mid, vid)["results"]
    agree = choices.count("agree") + 1
    assert res["ballots"] == len(voters) + 1 == 19
    assert [o["count"] for o in res["options"]] == [agree, len(voters) - choices.count("agree"), 0]


def test_managing_people_agenda_materials_speakers_and_opinions(district, rpc, storage):
    d = district
    chair, secretary, other = d.actor(d.office, "lanhdao"), d.actor(d.office, "cv1"), d.actor(d.office, "cv2")
    p = [d.actor(s, "lanhdao") for s in d.schools[:3]]
    meeting = schedule(rpc, chair, secretary, p[:2], agenda=[{"title": "Nội dung A"}, {"title": "Nội dung B"}])
    mid = meeting["meeting_id"]
    a, b = (i["item_id"] for i in meeting["agenda"])

    # people: invite one more, take one off; hand the secretary's role to someone else
    added = rpc.meetings.add_participants(chair, mid, {"members": [{"user_id": p[2]["user_id"]}],
                                                       "guests": [{"unit_code": d.schools[3], "role": "van_thu"}]})
    assert {x["user_id"]: x["role"] for x in added["participants"]}[p[2]["user_id"]] == "member"
    assert added["quorum"]["total_seats"] == 4
    rpc.meetings.remove_participant(chair, mid, p[1]["user_id"])
    with pytest.raises(ValidationFailed):
        rpc.meetings.remove_participant(chair, mid, secretary["user_id"])
    changed = rpc.meetings.update(chair, mid, {"secretary_id": other["user_id"]})
    roles = {x["user_id"]: x["role"] for x in changed["participants"]}
    assert roles[other["user_id"]] == "secretary" and secretary["user_id"] not in roles
    assert p[1]["user_id"] not in roles
    updates = events_emitted("meetings", "meeting.updated")
    assert any(e["data"]["removed_ids"] == [p[1]["user_id"]] for e in updates)
    assert any(sorted(e["data"]["changes"]) == ["participants", "secretary_id"] and
               e["data"]["removed_ids"] == [secretary["user_id"]] and e["data"]["added_ids"] == [other["user_id"]]
               for e in updates)
    secretary = other

    # agenda: add with a presenter from outside (joins as a guest), edit, reorder, remove
    presenter = d.actor(d.schools[4], "cv1")
    c = rpc.meetings.add_item(secretary, mid, {"title": "Nội dung C", "presenter_id": presenter["user_id"],
                                               "duration_minutes": 15})
    assert rpc.meetings.get_meeting(presenter, mid)["me"]["role"] == "guest"
    rpc.meetings.update_item(secretary, mid, c["item_id"], {"title": "Nội dung C (sửa)"})
    order = [c["item_id"], a, b]
    assert [i["item_id"] for i in rpc.meetings.reorder_items(chair, mid, order)] == order
    with pytest.raises(ValidationFailed):
        rpc.meetings.reorder_items(chair, mid, [a, b])
    rpc.meetings.remove_item(chair, mid, b)
    detail = rpc.meetings.get_meeting(chair, mid)
    assert [(i["position"], i["title"]) for i in detail["agenda"]] == [(1, "Nội dung C (sửa)"), (2, "Nội dung A")]

    # a material refused, then a bad upload refused before anything is recorded
    bad = upload(storage, pdf("phiên bản lỗi"), "Tài liệu C.pdf")
    material = rpc.meetings.submit_material(presenter, mid, c["item_id"], {"file": bad})
    with pytest.raises(ValidationFailed):
        rpc.meetings.reject_material(secretary, mid, material["material_id"], 1, "")
    refused = rpc.meetings.reject_material(secretary, mid, material["material_id"], 1, "Thiếu số liệu quý I")
    assert refused["versions"][0]["status"] == "rejected" and refused["versions"][0]["reason"] == "Thiếu số liệu quý I"
    assert rpc.meetings.materials(p[0], mid) == []
    wrong = {**upload(storage, pdf("x"), "x.pdf"), "size": 999}
    with pytest.raises(ValidationFailed):
        rpc.meetings.submit_material(presenter, mid, c["item_id"], {"file": wrong})
    with pytest.raises(ValidationFailed):
        rpc.meetings.submit_material(presenter, mid, c["item_id"], {"file": {**bad, "key": "generated/" + "0" * 32}})
    assert rpc.meetings.export_attendance(chair, mid)["name"].endswith(".docx")
    assert rpc.meetings.my_mandates(p[0], mid) == {"given": [], "held": [], "seats": [p[0]["user_id"]]}

    # speakers: withdraw; the room of a participant
    rpc.meetings.start(chair, mid)
    entry = rpc.meetings.register_speaker(p[0], mid, a)
    with pytest.raises(PermissionDenied):
        rpc.meetings.withdraw_speaker(p[2], mid, entry["speaker_id"])
    assert rpc.meetings.withdraw_speaker(p[0], mid, entry["speaker_id"])["status"] == "withdrawn"
    rpc.meetings.register_speaker(p[0], mid, a)          # may register again after withdrawing
    with pytest.raises(InvalidTransition):
        rpc.meetings.stop_speaker(chair, mid, entry["speaker_id"])
    room = rpc.meetings.room(p[0], mid)
    assert room["current_item"]["title"] == "Nội dung C (sửa)" and room["vote"] is None
    assert room["me"]["seats"] == [p[0]["user_id"]] and room["quorum"]["total_seats"] == 3

    # opinions: a deadline in the past is refused; closing stops answers
    with pytest.raises(ValidationFailed):
        rpc.meetings.request_opinions(secretary, mid, {"title": "Dự thảo", "text": "…", "deadline": "2000-01-01"})
    request = rpc.meetings.request_opinions(secretary, mid, {"title": "Dự thảo kế hoạch", "text": "Nội dung dự thảo",
                                                             "deadline": "2099-12-31"})
    assert [r["request_id"] for r in rpc.meetings.list_opinions(p[0], mid)] == [request["request_id"]]
    rpc.meetings.close_opinions(secretary, mid, request["request_id"])
    with pytest.raises(InvalidTransition):
        rpc.meetings.answer_opinion(p[0], mid, request["request_id"], {"agree": True})
