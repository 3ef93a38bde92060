"""The meetings API of the gateway over the real stack (directory, documents,
meetings and the gateway on the real broker, real S3): what the web pages call —
scheduling, the list, calendar and .ics, answers and delegation, agenda and
materials (a refused upload leaves nothing in S3), the live room while a meeting
runs (check-in, speakers, votes, results), written opinions, minutes; names
instead of ids; permissions and bad input answered with clear 4xx."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.meetings.service import MeetingsService

from .conftest import seed_district, wait_for
from .helpers import pdf_bytes

pytestmark = pytest.mark.integration

LOGINS = [(0, "lanhdao"), (0, "cv1"), (0, "cv2"), (0, "admin"), (1, "lanhdao"), (2, "lanhdao"), (3, "lanhdao"),
          (4, "lanhdao"), (4, "cv1"), (1, "vanthu"), (2, "cv1")]
OCTETS = {"Content-Type": "application/octet-stream"}


@pytest.fixture
def stack_services():
    return [DirectoryService, DocumentsService, MeetingsService]


@pytest.fixture
def district(stack, rpc):
    return seed_district(rpc, schools=4, logins=LOGINS)


def soon(minutes: int = 10, hours: int = 2) -> tuple[str, str]:
    start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(minutes=minutes)
    return start.isoformat(), (start + timedelta(hours=hours)).isoformat()


def ok(r, status=200) -> dict:
    assert r.status_code == status, (r.status_code, r.text)
    return r.json() if r.content else {}


def error(r, status: int) -> dict:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()["error"]
    assert body["message"] and body["code"]
    return body


def schedule(chair, district, **extra) -> dict:
    starts, ends = soon()
    spec = {"title": "Họp giao ban hiệu trưởng tháng 3", "kind": "giao_ban", "starts_at": starts, "ends_at": ends,
            "place": "Phòng họp tầng 2, Phòng GD&ĐT", "chair_id": district.user_id(0, "lanhdao"),
            "secretary_id": district.user_id(0, "cv1"),
            "members": [{"user_id": district.user_id(i, "lanhdao")} for i in (1, 2, 3)]
            + [{"unit_code": district.schools[3], "role": "lanh_dao"}],
            "agenda": [{"title": "Đánh giá công tác tháng 2", "presenter_id": district.user_id(0, "cv2"),
                        "duration_minutes": 30},
                       {"title": "Kế hoạch tháng 3", "duration_minutes": 20}],
            **extra}
    return ok(chair.post("/api/v1/meetings", json=spec), 201)


def uploads_of_size(storage, size: int, since: datetime) -> list[str]:
    return [o.object_name for o in storage.client.list_objects(storage.bucket, prefix="uploads/", recursive=True)
            if o.size == size and o.last_modified >= since]


def test_schedule_list_calendar_ics_and_names(as_user, district, anonymous):
    chair, principal, outsider = as_user(0, "lanhdao"), as_user(1, "lanhdao"), as_user(2, "cv1")
    meeting = schedule(chair, district)
    mid = meeting["meeting_id"]
    assert meeting["status"] == "scheduled" and meeting["me"]["is_chair"] and meeting["me"]["can_manage"]
    # chair, secretary, 4 principals and the presenter (a guest): everyone shown by name
    assert len(meeting["participants"]) == 7
    people = meeting["people"]
    assert people[district.user_id(0, "lanhdao")] == district.users[district.username(0, "lanhdao")]["full_name"]
    assert people[district.user_id(0, "cv2")]  # the presenter
    assert meeting["quorum"]["total_seats"] == 5 and meeting["quorum"]["reached"] is False
    assert "key" not in str(meeting["invitations"]) and meeting["agenda"][0]["position"] == 1

    # the principal sees it in their list, calendar and .ics; an outsider does not see it at all
    page = ok(principal.get("/api/v1/meetings"))
    assert [m["meeting_id"] for m in page["items"]] == [mid]
    row = page["items"][0]
    assert row["my_role"] == "member" and row["my_response_label"] == "Chưa trả lời" and row["chair_name"]
    week = ok(principal.get("/api/v1/meetings/calendar", params={"view": "week"}))
    assert any(m["meeting_id"] == mid for d in week["days"] for m in d["meetings"]) and len(week["days"]) == 7
    ics = principal.get("/api/v1/meetings/calendar.ics")
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    assert "attachment" in ics.headers["Content-Disposition"]
    assert f"UID:{mid}@eoffice" in ics.text and "BEGIN:VEVENT" in ics.text
    assert ok(outsider.get("/api/v1/meetings"))["total"] == 0
    assert error(outsider.get(f"/api/v1/meetings/{mid}"), 404)["code"] == "NOT_FOUND"
    assert error(anonymous.get(f"/api/v1/meetings/{mid}"), 401)
    # the unit view is for leaders
    assert ok(chair.get("/api/v1/meetings", params={"scope": "unit"}))["total"] == 1
    assert error(outsider.get("/api/v1/meetings", params={"scope": "unit"}), 403)

    # people to invite: a unit's staff, by role
    staff = ok(chair.get("/api/v1/meetings/people", params={"unit_code": district.schools[0], "role": "lanh_dao"}))
    assert [u["user_id"] for u in staff["items"]] == [district.user_id(1, "lanhdao")]

    # bad input: clear 422s with the field named
    starts, ends = soon()
    bad = {"title": "Họp thử", "starts_at": ends, "ends_at": starts, "place": "P1",
           "chair_id": district.user_id(0, "lanhdao")}
    assert "ends_at" in error(chair.post("/api/v1/meetings", json=bad), 422)["fields"]
    for wrong in ({**bad, "starts_at": "0001-01-01T00:00:00+14:00"}, {**bad, "kind": "tiec"},
                  {**bad, "members": [{"user_id": "x", "unit_code": "y"}]}, {**bad, "online_url": "ftp://x"}):
        error(chair.post("/api/v1/meetings", json=wrong), 422)
    nowhere = {**bad, "starts_at": starts, "ends_at": ends, "place": None}
    error(chair.post("/api/v1/meetings", json=nowhere), 422)
    # a specialist who is not the secretary cannot schedule
    error(outsider.post("/api/v1/meetings", json={**bad, "starts_at": starts, "ends_at": ends}), 403)
    assert error(principal.get("/api/v1/meetings/calendar", params={"date": "0001-01-01"}), 422)

    # edit (only what is sent) and cancel with a reason
    moved = ok(chair.patch(f"/api/v1/meetings/{mid}", json={"place": "Hội trường A"}))
    assert moved["place"] == "Hội trường A" and moved["sequence"] == 1
    error(principal.patch(f"/api/v1/meetings/{mid}", json={"place": "Nhà tôi"}), 403)
    error(chair.post(f"/api/v1/meetings/{mid}/cancel", json={"reason": ""}), 422)
    cancelled = ok(chair.post(f"/api/v1/meetings/{mid}/cancel", json={"reason": "Trùng lịch họp của UBND quận"}))
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "Trùng lịch họp của UBND quận"
    error(chair.post(f"/api/v1/meetings/{mid}/start"), 409)
    ics = principal.get("/api/v1/meetings/calendar.ics").text
    assert "STATUS:CANCELLED" in ics

    # every change is in the gateway's audit log
    admin = as_user(0, "admin")
    audit = ok(admin.get("/api/v1/admin/audit", params={"user_id": chair.user["user_id"]}))["items"]
    actions = {e["action"] for e in audit}
    assert {"meeting.schedule", "meeting.update", "meeting.cancel"} <= actions


def test_invitations_answers_delegation_agenda_and_materials(as_user, district, storage):
    chair, secretary, presenter = as_user(0, "lanhdao"), as_user(0, "cv1"), as_user(0, "cv2")
    p1, p2, p4, stand_in = as_user(1, "lanhdao"), as_user(2, "lanhdao"), as_user(4, "lanhdao"), as_user(4, "cv1")
    meeting = schedule(chair, district)
    mid = meeting["meeting_id"]
    item1, item2 = (i["item_id"] for i in meeting["agenda"])

    invited = ok(chair.post(f"/api/v1/meetings/{mid}/invitations"))
    assert invited["status"] == "invited" and invited["invitations"][0]["symbol"] == "01/GM-GDĐT"
    assert invited["people"][invited["invitations"][0]["sent_by"]]
    assert chair.get(f"/api/v1/meetings/{mid}/files/invitation").status_code == 302
    error(p1.post(f"/api/v1/meetings/{mid}/invitations"), 403)
    # the school's clerk got the giấy mời in the inbox
    clerk = as_user(1, "vanthu")
    wait_for(lambda: clerk.get("/api/v1/inbox", params={"type_code": "GM"}).json()["items"])

    # answers: decline needs a reason; delegation; no chaining
    assert "reason" in error(p1.post(f"/api/v1/meetings/{mid}/response", json={"answer": "decline"}), 422)["fields"]
    answered = ok(p1.post(f"/api/v1/meetings/{mid}/response", json={"answer": "decline", "reason": "Đi công tác Sở"}))
    assert answered["me"]["response"] == "decline"
    ok(p2.post(f"/api/v1/meetings/{mid}/response", json={"answer": "attend"}))
    mandate = ok(p4.post(f"/api/v1/meetings/{mid}/delegation",
                         json={"delegate_id": stand_in.user["user_id"], "note": "Trùng lịch kiểm tra"}), 201)
    assert mandate["delegate_id"] == stand_in.user["user_id"] and mandate["status"] == "active"
    error(p4.post(f"/api/v1/meetings/{mid}/delegation", json={"delegate_id": p2.user["user_id"]}), 409)
    error(stand_in.post(f"/api/v1/meetings/{mid}/delegation", json={"delegate_id": p2.user["user_id"]}), 403)
    held = ok(stand_in.get(f"/api/v1/meetings/{mid}/mandates"))
    assert held["seats"] == [p4.user["user_id"]] and held["people"][p4.user["user_id"]] == p4.user["full_name"]
    seen = ok(stand_in.get(f"/api/v1/meetings/{mid}"))
    assert seen["me"]["role"] == "delegate" and seen["me"]["seats"] == [p4.user["user_id"]]
    rows = {p["user_id"]: p for p in seen["participants"]}
    assert rows[p4.user["user_id"]]["delegated_to"] == stand_in.user["user_id"]
    assert rows[p1.user["user_id"]]["response_reason"] == "Đi công tác Sở"
    # revoke and grant again
    revoked = ok(p4.delete(f"/api/v1/meetings/{mid}/delegation"))
    assert revoked["status"] == "revoked"
    ok(p4.post(f"/api/v1/meetings/{mid}/delegation", json={"delegate_id": stand_in.user["user_id"]}), 201)

    # agenda: add, reorder, remove; only managers
    added = ok(secretary.post(f"/api/v1/meetings/{mid}/agenda", json={"title": "Công tác khác"}), 201)
    error(p2.post(f"/api/v1/meetings/{mid}/agenda", json={"title": "Việc của tôi"}), 403)
    order = [added["item_id"], item2, item1]
    reordered = ok(secretary.put(f"/api/v1/meetings/{mid}/agenda/order", json={"item_ids": order}))
    assert [i["item_id"] for i in reordered["items"]] == order
    error(secretary.put(f"/api/v1/meetings/{mid}/agenda/order", json={"item_ids": [item1]}), 422)
    assert ok(secretary.patch(f"/api/v1/meetings/{mid}/agenda/{item2}", json={"duration_minutes": 25}))[
        "duration_minutes"] == 25
    assert secretary.delete(f"/api/v1/meetings/{mid}/agenda/{added['item_id']}").status_code == 204

    # materials: the presenter submits (pending), participants see it once approved
    path = f"/api/v1/meetings/{mid}/agenda/{item1}/materials"
    content = pdf_bytes(20_000)
    material = ok(presenter.put(path, params={"filename": "Báo cáo tháng 2.pdf", "title": "Báo cáo công tác tháng 2"},
                                data=content, headers=OCTETS), 201)
    assert material["versions"][0]["status"] == "pending" and material["current_version"] is None
    agenda = {i["item_id"]: i for i in ok(p2.get(f"/api/v1/meetings/{mid}"))["agenda"]}
    assert agenda[item1]["materials"] == []
    error(p2.put(path, params={"filename": "x.pdf"}, data=content, headers=OCTETS), 403)
    error(p2.post(f"/api/v1/meetings/{mid}/materials/{material['material_id']}/versions/1/approve"), 403)
    error(secretary.post(f"/api/v1/meetings/{mid}/materials/{material['material_id']}/versions/1/reject",
                         json={"reason": ""}), 422)
    approved = ok(secretary.post(f"/api/v1/meetings/{mid}/materials/{material['material_id']}/versions/1/approve"))
    assert approved["current_version"] == 1
    detail = ok(p2.get(f"/api/v1/meetings/{mid}"))
    mat = next(i for i in detail["agenda"] if i["item_id"] == item1)["materials"][0]
    assert mat["title"] == "Báo cáo công tác tháng 2" and detail["people"][mat["versions"][0]["submitted_by"]]
    link = p2.get(f"/api/v1/meetings/{mid}/materials/{material['material_id']}")
    assert link.status_code == 302 and "X-Amz-Signature" in link.headers["Location"]
    # a new version from the secretary is approved as it is submitted
    v2 = ok(secretary.put(path, params={"filename": "Báo cáo tháng 2 (sửa).pdf",
                                        "material_id": material["material_id"]},
                          data=pdf_bytes(1000), headers=OCTETS), 201)
    assert v2["current_version"] == 2

    # a file the meetings service refuses (unknown material) is removed from S3 again
    since = datetime.now(timezone.utc) - timedelta(seconds=5)
    odd = pdf_bytes(31_337)
    r = secretary.put(path, params={"filename": "Tài liệu.pdf", "material_id": "khong-co"}, data=odd,
                      headers=OCTETS)
    error(r, 404)
    assert uploads_of_size(storage, len(odd), since) == []
    # the wrong kind of content never gets stored
    error(secretary.put(path, params={"filename": "virus.exe"}, data=b"MZ" + os.urandom(100),
                        headers=OCTETS), 422)


def test_the_live_room_check_in_speakers_vote_and_minutes(as_user, district):
    chair, secretary = as_user(0, "lanhdao"), as_user(0, "cv1")
    p1, p2, p3, p4, stand_in = (as_user(1, "lanhdao"), as_user(2, "lanhdao"), as_user(3, "lanhdao"),
                                as_user(4, "lanhdao"), as_user(4, "cv1"))
    meeting = schedule(chair, district)
    mid = meeting["meeting_id"]
    item1, item2 = (i["item_id"] for i in meeting["agenda"])
    ok(p4.post(f"/api/v1/meetings/{mid}/response",
               json={"answer": "delegate", "delegate_id": stand_in.user["user_id"], "reason": "Ốm"}))

    error(p1.post(f"/api/v1/meetings/{mid}/start"), 403)
    started = ok(secretary.post(f"/api/v1/meetings/{mid}/start"))
    assert started["status"] == "in_progress" and started["current_item_id"] == item1

    # the room: first answer in full, then "unchanged" until something happens
    room = ok(p1.get(f"/api/v1/meetings/{mid}/room"))
    assert room["changed"] and room["current_item"]["item_id"] == item1 and room["me"]["present"] is False
    assert room["people"][room["current_item"]["presenter_id"]]
    same = ok(p1.get(f"/api/v1/meetings/{mid}/room", params={"since": room["version"]}))
    assert same["changed"] is False and same["version"] == room["version"] and same["meeting"] is None

    for person in (chair, p1, p2, p3, stand_in):
        result = ok(person.post(f"/api/v1/meetings/{mid}/check-in"))
    assert result["quorum"]["present_seats"] == 5 and result["quorum"]["reached"] is True
    error(p1.post(f"/api/v1/meetings/{mid}/check-in", json={"user_id": p2.user["user_id"]}), 403)
    error(secretary.post(f"/api/v1/meetings/{mid}/absences", json={"user_id": p1.user["user_id"], "reason": "x"}), 422)
    changed = ok(p1.get(f"/api/v1/meetings/{mid}/room", params={"since": room["version"]}))
    assert changed["changed"] and changed["me"]["present"] is True

    # speakers: register, call, start, stop; withdraw
    s1 = ok(p1.post(f"/api/v1/meetings/{mid}/speakers", json={"item_id": item1}), 201)
    s2 = ok(p2.post(f"/api/v1/meetings/{mid}/speakers", json={"item_id": item1}), 201)
    error(p1.post(f"/api/v1/meetings/{mid}/speakers", json={"item_id": item1}), 409)
    ordered = ok(secretary.put(f"/api/v1/meetings/{mid}/speakers/order",
                               json={"item_id": item1, "speaker_ids": [s2["speaker_id"], s1["speaker_id"]]}))
    assert [s["speaker_id"] for s in ordered["items"]] == [s2["speaker_id"], s1["speaker_id"]]
    called = ok(chair.post(f"/api/v1/meetings/{mid}/speakers/call", json={}))
    assert called["speaker_id"] == s2["speaker_id"] and called["status"] == "called"
    ok(chair.post(f"/api/v1/meetings/{mid}/speakers/{s2['speaker_id']}/start"))
    room = ok(p3.get(f"/api/v1/meetings/{mid}/room"))
    assert room["speaking"]["full_name"] == p2.user["full_name"]
    stopped = ok(chair.post(f"/api/v1/meetings/{mid}/speakers/stop", json={}))
    assert stopped["status"] == "done" and stopped["seconds"] >= 0
    assert ok(p1.post(f"/api/v1/meetings/{mid}/speakers/{s1['speaker_id']}/withdraw"))["status"] == "withdrawn"
    error(p1.post(f"/api/v1/meetings/{mid}/speakers/stop", json={}), 403)

    # a vote: only the chair opens it; members and the delegate vote once per seat
    error(secretary.post(f"/api/v1/meetings/{mid}/votes", json={"question": "Thông qua báo cáo"}), 403)
    error(chair.post(f"/api/v1/meetings/{mid}/votes", json={"question": "Chọn", "kind": "options", "options": ["A"]}),
          422)
    vote = ok(chair.post(f"/api/v1/meetings/{mid}/votes", json={"question": "Thông qua báo cáo công tác tháng 2"}), 201)
    vid = vote["vote_id"]
    assert [o["id"] for o in vote["options"]] == ["agree", "disagree", "abstain"]
    mine = ok(stand_in.get(f"/api/v1/meetings/{mid}/votes/{vid}"))
    assert mine["can_vote"] and mine["my_seats"] == [{"seat": p4.user["user_id"], "voted": False}]
    assert mine["people"][p4.user["user_id"]] == p4.user["full_name"]
    for person, choice in ((p1, "agree"), (p2, "agree"), (p3, "disagree"), (stand_in, "agree"), (chair, "abstain")):
        receipt = ok(person.post(f"/api/v1/meetings/{mid}/votes/{vid}/ballots", json={"choices": [choice]}), 201)
        assert receipt["counted"] is True
    assert error(p1.post(f"/api/v1/meetings/{mid}/votes/{vid}/ballots", json={"choices": ["agree"]}), 409)[
        "code"] == "CONFLICT"
    error(p4.post(f"/api/v1/meetings/{mid}/votes/{vid}/ballots", json={"choices": ["agree"]}), 403)
    error(secretary.post(f"/api/v1/meetings/{mid}/votes/{vid}/ballots", json={"choices": ["agree"]}), 403)
    error(p2.post(f"/api/v1/meetings/{mid}/votes/{vid}/ballots", json={"choices": ["maybe"]}), 422)
    live = ok(chair.get(f"/api/v1/meetings/{mid}/room"))
    assert live["vote"]["status"] == "open" and live["vote"]["ballots"] == 5
    error(secretary.post(f"/api/v1/meetings/{mid}/end"), 409)          # a vote is still open
    closed = ok(chair.post(f"/api/v1/meetings/{mid}/votes/{vid}/close"))
    counts = {o["id"]: o["count"] for o in closed["results"]["options"]}
    assert counts == {"agree": 3, "disagree": 1, "abstain": 1} and closed["results"]["passed"] is True
    # everyone sees the same result in the room, with names on an open ballot
    for person in (p1, p2, p3, stand_in, secretary):
        room = ok(person.get(f"/api/v1/meetings/{mid}/room"))
        assert room["vote"]["results"] == closed["results"]
    assert room["people"][p4.user["user_id"]]
    assert len(room["vote"]["named_ballots"]) == 5

    # a secret vote with custom options
    secret = ok(chair.post(f"/api/v1/meetings/{mid}/votes", json={
        "question": "Chọn trường đăng cai hội thi", "kind": "options", "secret": True,
        "options": ["Trường A", "Trường B"]}), 201)
    ok(p1.post(f"/api/v1/meetings/{mid}/votes/{secret['vote_id']}/ballots", json={"choices": ["o2"]}), 201)
    done = ok(chair.post(f"/api/v1/meetings/{mid}/votes/{secret['vote_id']}/close"))
    assert done["secret"] and ok(p1.get(f"/api/v1/meetings/{mid}/votes/{secret['vote_id']}"))["named_ballots"] is None
    assert len(ok(p1.get(f"/api/v1/meetings/{mid}/votes"))["items"]) == 2

    # move to the next item; conclusions; end; minutes
    moved = ok(secretary.post(f"/api/v1/meetings/{mid}/current-item", json={"item_id": item2}))
    assert moved["current_item_id"] == item2
    ok(secretary.put(f"/api/v1/meetings/{mid}/agenda/{item1}/conclusion",
                     json={"text": "Thống nhất thông qua báo cáo công tác tháng 2."}))
    error(p1.put(f"/api/v1/meetings/{mid}/agenda/{item1}/conclusion", json={"text": "Tôi kết luận"}), 403)
    attendance = ok(secretary.get(f"/api/v1/meetings/{mid}/attendance"))
    assert attendance["attendance"]["represented"] == 1
    sheet = ok(secretary.post(f"/api/v1/meetings/{mid}/attendance/export"))
    assert sheet["name"].endswith(".docx") and sheet["url"].startswith("http")
    ended = ok(secretary.post(f"/api/v1/meetings/{mid}/end"))
    assert ended["status"] == "ended"
    minutes = ok(secretary.post(f"/api/v1/meetings/{mid}/minutes"))
    assert minutes["minutes_file"]["name"].endswith(".docx") and minutes["minutes_url"].startswith("http")
    assert p1.get(f"/api/v1/meetings/{mid}/files/minutes").status_code == 404   # not yet published
    error(secretary.post(f"/api/v1/meetings/{mid}/minutes/approve"), 403)
    published = ok(chair.post(f"/api/v1/meetings/{mid}/minutes/approve"))
    assert published["status"] == "published" and published["paperwork"]["notice_symbol"]
    assert p1.get(f"/api/v1/meetings/{mid}/files/minutes").status_code == 302
    assert p1.get(f"/api/v1/meetings/{mid}/files/other").status_code == 404
    audit = ok(chair.get(f"/api/v1/meetings/{mid}/audit"))["items"]
    assert {"open_vote", "close_vote", "approve_minutes"} <= {e["action"] for e in audit}
    assert all(e["by_name"] for e in audit if e["by"] == chair.user["user_id"])
    error(p1.get(f"/api/v1/meetings/{mid}/audit"), 403)


def test_written_opinions_with_a_draft_file(as_user, district):
    chair, secretary, p1, p2 = as_user(0, "lanhdao"), as_user(0, "cv1"), as_user(1, "lanhdao"), as_user(2, "lanhdao")
    mid = schedule(chair, district)["meeting_id"]
    error(p1.put(f"/api/v1/meetings/{mid}/uploads", params={"filename": "Dự thảo.pdf"}, data=pdf_bytes(500),
                 headers=OCTETS), 403)
    up = ok(secretary.put(f"/api/v1/meetings/{mid}/uploads", params={"filename": "Dự thảo quy chế.pdf"},
                          data=pdf_bytes(500), headers=OCTETS), 201)
    deadline = (datetime.now(timezone.utc) + timedelta(days=3)).date().isoformat()
    error(secretary.post(f"/api/v1/meetings/{mid}/opinions", json={"title": "Góp ý", "deadline": deadline}), 422)
    error(secretary.post(f"/api/v1/meetings/{mid}/opinions",
                         json={"title": "Góp ý dự thảo", "deadline": "2001-01-01", "text": "Nội dung"}), 422)
    # someone else's upload cannot be used
    error(chair.post(f"/api/v1/meetings/{mid}/opinions",
                     json={"title": "Góp ý dự thảo", "deadline": deadline, "upload_id": up["upload_id"]}), 404)
    request = ok(secretary.post(f"/api/v1/meetings/{mid}/opinions", json={
        "title": "Góp ý dự thảo quy chế làm việc", "deadline": deadline, "upload_id": up["upload_id"],
        "recipient_ids": [p1.user["user_id"], p2.user["user_id"]]}), 201)
    rid = request["request_id"]
    assert request["file"]["name"] == "Dự thảo quy chế.pdf" and "key" not in request["file"]
    error(secretary.post(f"/api/v1/meetings/{mid}/opinions", json={
        "title": "Lần hai", "deadline": deadline, "upload_id": up["upload_id"]}), 404)   # used already
    listed = ok(p1.get(f"/api/v1/meetings/{mid}/opinions"))["items"]
    assert [o["request_id"] for o in listed] == [rid] and listed[0]["open"] and listed[0]["my_answer"] is None
    assert p1.get(f"/api/v1/meetings/{mid}/opinions/{rid}/file").status_code == 302
    error(p1.post(f"/api/v1/meetings/{mid}/opinions/{rid}/answer", json={"agree": False}), 422)
    ok(p1.post(f"/api/v1/meetings/{mid}/opinions/{rid}/answer", json={"agree": False, "comment": "Sửa điều 3."}))
    ok(p2.post(f"/api/v1/meetings/{mid}/opinions/{rid}/answer", json={"agree": True}))
    summary = ok(secretary.get(f"/api/v1/meetings/{mid}/opinions/{rid}/summary"))
    assert (summary["expected"], summary["answered"], summary["agree"], summary["disagree"]) == (2, 2, 1, 1)
    assert summary["answers"][0]["full_name"]
    error(p1.get(f"/api/v1/meetings/{mid}/opinions/{rid}/summary"), 403)
    assert ok(secretary.post(f"/api/v1/meetings/{mid}/opinions/{rid}/close"))["status"] == "closed"
    error(p2.post(f"/api/v1/meetings/{mid}/opinions/{rid}/answer", json={"agree": True}), 409)
