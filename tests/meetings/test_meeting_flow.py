"""A whole paperless meeting over the real broker and S3, with the directory and
documents services: schedule → giấy mời delivered to the invitees' units →
answers and a delegation → materials approved → check-in with quorum → speakers
→ an open and a secret vote → written opinions → biên bản .docx → thông báo kết
luận issued to the units. Then: nothing stored links a secret voter to a choice."""
import io
from datetime import timedelta

import pytest
import requests
from docx import Document as Docx
from mongoengine.connection import get_db

from services.common.clock import utcnow
from services.common.errors import (Conflict, InvalidTransition, NotFound, PermissionDenied,
                                    ValidationFailed)
from services.meetings import models
from services.meetings.exceptions import AlreadyVoted, MeetingNotFound
from tests.integration.helpers import events_emitted, wait_for

from .conftest import pdf, soon, upload

pytestmark = pytest.mark.integration

SCHOOL_KINDS = ["MN", "TH", "TH&THCS", "THCS"]


def docx_text(url: str) -> str:
    body = requests.get(url, timeout=30)
    assert body.status_code == 200
    doc = Docx(io.BytesIO(body.content))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells]
    return "\n".join(texts)


def inbox_item(rpc, clerk, type_code):
    items = rpc.documents.inbox(clerk, {"type_code": type_code})["items"]
    return items[0] if items else None


def test_a_paperless_meeting_from_invitation_to_issued_conclusions(district, rpc, storage):
    d = district
    office = d.office
    chair = d.actor(office, "lanhdao")
    secretary = d.actor(office, "cv1")
    presenter = d.actor(office, "cv2")
    principals = [d.actor(s, "lanhdao") for s in d.schools]
    p0, p1, p2, p3, p4, p5 = principals
    stand_in = d.actor(d.schools[2], "cv1")           # will hold p2's mandate
    guest = d.actor("000.00.31.H26", "lanhdao")        # UBND quận
    outsider = d.actor(d.schools[0], "vanthu")
    starts, ends = soon(10)

    # ---------------------------------------------------------------- schedule
    meeting = rpc.meetings.schedule(chair, {
        "title": "Họp giao ban hiệu trưởng tháng 3", "kind": "giao_ban", "starts_at": starts, "ends_at": ends,
        "place": "Phòng họp tầng 2, Phòng GD&ĐT", "chair_id": chair["user_id"], "secretary_id": secretary["user_id"],
        "members": [{"unit_kinds": SCHOOL_KINDS, "role": "lanh_dao"}, {"user_id": presenter["user_id"]}],
        "guests": [{"user_id": guest["user_id"]}],
        "agenda": [{"title": "Đánh giá công tác tháng 2", "presenter_id": presenter["user_id"], "duration_minutes": 30},
                   {"title": "Bầu tổ trưởng cụm chuyên môn", "duration_minutes": 20}]})
    mid = meeting["meeting_id"]
    item1, item2 = (i["item_id"] for i in meeting["agenda"])
    assert meeting["status"] == "scheduled" and meeting["unit_code"] == office
    roles = {p["user_id"]: (p["role"], p["voting"]) for p in meeting["participants"]}
    assert len(roles) == 10
    assert roles[chair["user_id"]] == ("chair", True) and roles[secretary["user_id"]] == ("secretary", False)
    assert all(roles[p["user_id"]] == ("member", True) for p in principals)
    assert roles[guest["user_id"]] == ("guest", False)
    assert meeting["quorum"] == {"rule": "majority", "rule_label": "Quá nửa tổng số đại biểu", "total_seats": 8,
                                 "present_seats": 0, "required": 5, "reached": False}
    with pytest.raises(MeetingNotFound):
        rpc.meetings.get_meeting(outsider, mid)
    with pytest.raises(PermissionDenied):
        rpc.meetings.update(p0, mid, {"place": "Hội trường"})
    assert [e["data"]["meeting_id"] for e in events_emitted("meetings", "meeting.scheduled")] == [mid]

    # ---------------------------------------------------------------- invitations
    invited = rpc.meetings.send_invitations(chair, mid)
    invitation = invited["invitations"][0]
    assert invited["status"] == "invited" and invitation["symbol"] == "01/GM-GDĐT"
    assert sorted(invitation["recipients"]) == sorted(d.schools + ["000.00.31.H26"])
    for unit in d.schools + ["000.00.31.H26"]:
        clerk = d.actor(unit, "vanthu")
        item = wait_for(lambda: inbox_item(rpc, clerk, "GM"))
        assert item["symbol"] == "01/GM-GDĐT" and item["summary"] == "Mời dự họp giao ban hiệu trưởng tháng 3"
        assert item["attachments"][0]["name"].endswith(".docx") and item["integrity_ok"] is True
    link = rpc.documents.attachment_url(d.actor(d.schools[0], "vanthu"), item["attachments"][0]["attachment_id"],
                                        item_id=inbox_item(rpc, d.actor(d.schools[0], "vanthu"), "GM")["item_id"])
    text = docx_text(link["url"])
    assert "GIẤY MỜI" in text and "Hiệu trưởng các trường mầm non" in text
    assert "1. Đánh giá công tác tháng 2" in text and "Địa điểm: Phòng họp tầng 2, Phòng GD&ĐT." in text
    assert "Số: 01/GM-GDĐT" in text      # rendered when issued: the number the register gave it
    assert "Số: 01/GM-GDĐT" in docx_text(rpc.meetings.file_url(chair, mid, "invitation")["url"])
    sent = events_emitted("meetings", "meeting.invitation_sent")[0]["data"]
    assert sent["symbol"] == "01/GM-GDĐT" and len(sent["participant_ids"]) == 10 and sent["paperless"] is True

    # ---------------------------------------------------------------- answers and delegation
    rpc.meetings.respond(p0, mid, {"answer": "attend"})
    with pytest.raises(ValidationFailed):
        rpc.meetings.respond(p1, mid, {"answer": "decline"})
    rpc.meetings.respond(p1, mid, {"answer": "decline", "reason": "Đi công tác tại Sở"})
    rpc.meetings.respond(p2, mid, {"answer": "delegate", "delegate_id": stand_in["user_id"],
                                   "reason": "Trùng lịch tiếp đoàn kiểm tra"})
    with pytest.raises(Conflict):           # one active mandate per member
        rpc.meetings.delegate(p2, mid, p3["user_id"])
    with pytest.raises(PermissionDenied):   # no chaining
        rpc.meetings.delegate(stand_in, mid, d.actor(d.schools[2], "cv2")["user_id"])
    with pytest.raises(PermissionDenied):
        rpc.meetings.delegate(chair, mid, p3["user_id"])
    rpc.meetings.delegate(p3, mid, d.actor(d.schools[3], "cv1")["user_id"])
    rpc.meetings.revoke_delegation(p3, mid)          # unused: revocable
    assert rpc.meetings.get_meeting(stand_in, mid)["me"]["seats"] == [p2["user_id"]]
    with pytest.raises(MeetingNotFound):            # the revoked delegate is no longer in the meeting
        rpc.meetings.get_meeting(d.actor(d.schools[3], "cv1"), mid)
    detail = rpc.meetings.get_meeting(chair, mid)
    answers = {p["user_id"]: p for p in detail["participants"]}
    assert answers[p1["user_id"]]["response"] == "decline"
    assert answers[p2["user_id"]]["delegated_to"] == stand_in["user_id"]
    assert answers[stand_in["user_id"]]["role"] == "delegate"
    # (the outbox lists relayed events before pending ones: compare without order)
    assert sorted(e["data"]["action"] for e in events_emitted("meetings", "meeting.delegated")) == \
        ["granted", "granted", "revoked"]

    # ---------------------------------------------------------------- materials
    v1 = upload(storage, pdf("Báo cáo tháng 2, bản 1"), "Báo cáo tháng 2.pdf")
    with pytest.raises(PermissionDenied):
        rpc.meetings.submit_material(p0, mid, item1, {"file": v1})
    material = rpc.meetings.submit_material(presenter, mid, item1, {"file": v1, "title": "Báo cáo công tác tháng 2"})
    mat_id = material["material_id"]
    assert material["versions"][0]["status"] == "pending"
    assert rpc.meetings.materials(p0, mid) == []            # not approved yet
    with pytest.raises(PermissionDenied):
        rpc.meetings.approve_material(presenter, mid, mat_id, 1)
    rpc.meetings.approve_material(secretary, mid, mat_id, 1)
    assert [m["current_version"] for m in rpc.meetings.materials(p0, mid)] == [1]
    v2 = upload(storage, pdf("Báo cáo tháng 2, bản 2 (bổ sung số liệu)"), "Báo cáo tháng 2 - bổ sung.pdf")
    rpc.meetings.submit_material(presenter, mid, item1, {"file": v2, "material_id": mat_id})
    seen = rpc.meetings.materials(p0, mid)[0]
    assert seen["current_version"] == 1 and [v["version"] for v in seen["versions"]] == [1]
    rpc.meetings.approve_material(chair, mid, mat_id, 2)
    seen = rpc.meetings.materials(p0, mid)[0]
    assert seen["current_version"] == 2 and [v["version"] for v in seen["versions"]] == [2]
    assert [v["version"] for v in rpc.meetings.materials(secretary, mid)[0]["versions"]] == [2, 1]   # kept
    got = requests.get(rpc.meetings.material_url(p0, mid, mat_id)["url"], timeout=30).content
    assert got == pdf("Báo cáo tháng 2, bản 2 (bổ sung số liệu)")
    with pytest.raises(NotFound):
        rpc.meetings.material_url(p0, mid, mat_id, 1)      # old versions: the presenter and operators only
    with pytest.raises(ValidationFailed):                  # a key already recorded cannot be reused
        rpc.meetings.submit_material(presenter, mid, item1, {"file": v2})
    assert len(events_emitted("meetings", "meeting.material_approved")) == 2

    # ---------------------------------------------------------------- check-in and quorum
    rpc.meetings.start(secretary, mid)
    for person in (chair, secretary, p0, p3, p4, stand_in):
        rpc.meetings.check_in(person, mid)
    assert rpc.meetings.check_in(p0, mid)["attendance"]["present_in_person"] == 5   # twice: no change
    with pytest.raises(PermissionDenied):
        rpc.meetings.check_in(p0, mid, presenter["user_id"])
    rpc.meetings.check_in(secretary, mid, presenter["user_id"])             # by the secretary
    state = rpc.meetings.attendance(chair, mid)
    assert state["quorum"]["present_seats"] == 6 and state["quorum"]["reached"] is True    # p2 via the delegate
    # p5 arrives late: the meeting started 25 minutes ago
    models.Meeting.objects(meeting_id=mid).update_one(set__starts_at=utcnow() - timedelta(minutes=25))
    late = rpc.meetings.check_in(p5, mid)
    assert late["participant"]["late"] is True and late["participant"]["minutes_late"] == 25
    rpc.meetings.record_absence(secretary, mid, p1["user_id"], "Đi công tác tại Sở")
    state = rpc.meetings.attendance(chair, mid)
    assert state["attendance"] == {"expected": 10, "present": 8, "present_in_person": 7, "represented": 1,
                                   "absent": 2, "late": 1, "people_present": 8}
    assert state["quorum"]["present_seats"] == 7 and state["quorum"]["total_seats"] == 8
    sheet = docx_text(rpc.meetings.export_attendance(secretary, mid)["url"])
    assert "DANH SÁCH ĐẠI BIỂU DỰ HỌP" in sheet and "Đến muộn 25 phút" in sheet
    assert f"Ủy quyền cho {stand_in['full_name']}" in sheet and "Vắng: Đi công tác tại Sở" in sheet
    checked = events_emitted("meetings", "meeting.checked_in")
    assert len(checked) == 8
    assert next(e for e in checked if e["data"]["user_id"] == p5["user_id"])["data"]["quorum"]["reached"] is True

    # ---------------------------------------------------------------- speakers
    s0 = rpc.meetings.register_speaker(p0, mid, item1)
    s3 = rpc.meetings.register_speaker(p3, mid, item1)
    with pytest.raises(Conflict):
        rpc.meetings.register_speaker(p0, mid, item1)
    rpc.meetings.order_speakers(chair, mid, item1, [s3["speaker_id"], s0["speaker_id"]])
    called = rpc.meetings.call_speaker(chair, mid)
    assert called["user_id"] == p3["user_id"] and called["status"] == "called"
    rpc.meetings.start_speaker(chair, mid, s3["speaker_id"])
    rpc.meetings.start_speaker(chair, mid, s0["speaker_id"])          # p3 stops: one speaker at a time
    done = rpc.meetings.stop_speaker(chair, mid)
    assert done["user_id"] == p0["user_id"] and done["status"] == "done" and done["seconds"] >= 0
    assert [s["status"] for s in rpc.meetings.list_speakers(p4, mid, item1)] == ["done", "done"]

    # ---------------------------------------------------------------- an open vote
    with pytest.raises(PermissionDenied):
        rpc.meetings.open_vote(secretary, mid, {"question": "Thông qua báo cáo tháng 2"})
    vote = rpc.meetings.open_vote(chair, mid, {"question": "Thông qua báo cáo công tác tháng 2", "item_id": item1})
    vid = vote["vote_id"]
    with pytest.raises(Conflict):
        rpc.meetings.open_vote(chair, mid, {"question": "Biểu quyết thứ hai"})
    opened = events_emitted("meetings", "meeting.vote_opened")[0]["data"]
    assert sorted(opened["voter_ids"]) == sorted(u["user_id"] for u in (chair, p0, stand_in, p3, p4, p5, presenter))
    for person, choice in ((chair, "agree"), (p0, "agree"), (stand_in, "disagree"), (p3, "agree"),
                           (p4, "abstain"), (presenter, "agree")):
        assert rpc.meetings.cast_vote(person, mid, vid, [choice])["counted"] is True
    with pytest.raises(AlreadyVoted):
        rpc.meetings.cast_vote(p0, mid, vid, ["disagree"])
    with pytest.raises(PermissionDenied):                 # delegated: never both
        rpc.meetings.cast_vote(p2, mid, vid, ["agree"])
    with pytest.raises(PermissionDenied):
        rpc.meetings.cast_vote(secretary, mid, vid, ["agree"])
    with pytest.raises(PermissionDenied):
        rpc.meetings.cast_vote(guest, mid, vid, ["agree"])
    with pytest.raises(ValidationFailed):
        rpc.meetings.cast_vote(p5, mid, vid, ["agree", "disagree"])
    with pytest.raises(Conflict):                         # the mandate was used: no longer revocable
        rpc.meetings.revoke_delegation(p2, mid)
    room = rpc.meetings.room(p5, mid)
    assert room["vote"]["vote_id"] == vid and room["vote"]["can_vote"] is True and room["vote"]["ballots"] == 6
    assert rpc.meetings.room(p5, mid, room["version"]) == {"changed": False, "version": room["version"]}
    closed = rpc.meetings.close_vote(chair, mid, vid)
    res = closed["results"]
    assert [o["count"] for o in res["options"]] == [4, 1, 1]
    assert (res["ballots"], res["present_seats"], res["total_seats"], res["not_voted"]) == (6, 7, 8, 1)
    assert res["options"][0]["percent_of_present"] == 57.14 and res["options"][0]["percent_of_all"] == 50.0
    assert res["passed"] is True and res["required"] == 4
    with pytest.raises(InvalidTransition):
        rpc.meetings.cast_vote(p5, mid, vid, ["agree"])
    named = rpc.meetings.get_vote(p4, mid, vid)["named_ballots"]
    assert {b["seat"]: b["choices"] for b in named}[p2["user_id"]] == ["disagree"]
    assert {b["seat"]: b["cast_by"] for b in named}[p2["user_id"]] == stand_in["user_id"]
    assert events_emitted("meetings", "meeting.vote_closed")[0]["data"]["results"]["passed"] is True

    # ---------------------------------------------------------------- a secret vote (multiple choice)
    rpc.meetings.set_current_item(chair, mid, item2)
    secret = rpc.meetings.open_vote(chair, mid, {
        "question": "Bầu tổ trưởng cụm chuyên môn (chọn tối đa 2)", "secret": True, "kind": "options",
        "options": ["Ứng viên Trần Thu Hà", "Ứng viên Lê Minh Lan", "Ứng viên Phạm Đức Nam"], "multiple": True, "min_choices": 1,
        "max_choices": 2})
    sid = secret["vote_id"]
    assert secret["item_id"] == item2
    secret_ballots = {chair["user_id"]: ["o1"], p0["user_id"]: ["o1", "o2"], stand_in["user_id"]: ["o2"],
                      p3["user_id"]: ["o1", "o3"], p4["user_id"]: ["o2", "o1"], p5["user_id"]: ["o3"],
                      presenter["user_id"]: ["o1"]}
    people = {u["user_id"]: u for u in (chair, p0, stand_in, p3, p4, p5, presenter)}
    with pytest.raises(ValidationFailed):
        rpc.meetings.cast_vote(p0, mid, sid, ["o1", "o2", "o3"])
    for uid, choices in secret_ballots.items():
        rpc.meetings.cast_vote(people[uid], mid, sid, choices)
    assert rpc.meetings.get_vote(p0, mid, sid)["my_seats"] == [{"seat": p0["user_id"], "voted": True}]
    res = rpc.meetings.close_vote(chair, mid, sid)["results"]
    assert [o["count"] for o in res["options"]] == [5, 3, 2] and res["ballots"] == 7
    assert res["adopted"] == ["o1"] and res["options"][0]["percent_of_cast"] == 71.43
    assert "named_ballots" not in rpc.meetings.get_vote(p0, mid, sid)
    assert_no_record_links_a_voter_to_a_secret_choice(sid, set(secret_ballots), secret["options"])

    # ---------------------------------------------------------------- written opinions
    draft = upload(storage, pdf("Dự thảo quy chế phối hợp"), "Dự thảo quy chế.pdf")
    request = rpc.meetings.request_opinions(secretary, mid, {
        "title": "Dự thảo Quy chế phối hợp giữa các trường trong cụm", "text": "Đề nghị góp ý vào dự thảo.",
        "file": draft, "deadline": (utcnow() + timedelta(days=2)).isoformat() + "+00:00",
        "recipient_ids": [u["user_id"] for u in (p0, p3, p4, p5)]})
    rid = request["request_id"]
    rpc.meetings.answer_opinion(p0, mid, rid, {"agree": True})
    with pytest.raises(ValidationFailed):
        rpc.meetings.answer_opinion(p4, mid, rid, {"agree": False})
    rpc.meetings.answer_opinion(p3, mid, rid, {"agree": False, "comment": "Bổ sung trách nhiệm của tổ trưởng cụm."})
    with pytest.raises(PermissionDenied):
        rpc.meetings.answer_opinion(p2, mid, rid, {"agree": True})
    with pytest.raises(PermissionDenied):
        rpc.meetings.opinion_summary(p0, mid, rid)
    summary = rpc.meetings.opinion_summary(secretary, mid, rid)
    assert (summary["expected"], summary["answered"], summary["agree"], summary["disagree"]) == (4, 2, 1, 1)
    assert sorted(m["user_id"] for m in summary["missing"]) == sorted([p4["user_id"], p5["user_id"]])
    assert summary["comments"][0]["comment"] == "Bổ sung trách nhiệm của tổ trưởng cụm."
    assert requests.get(rpc.meetings.opinion_file_url(p5, mid, rid)["url"], timeout=30).content == \
        pdf("Dự thảo quy chế phối hợp")
    assert len(events_emitted("meetings", "meeting.opinion_received")) == 2

    # ---------------------------------------------------------------- conclusions, minutes, notice
    rpc.meetings.set_conclusion(secretary, mid, item1, {"text": "Các trường hoàn thành báo cáo số liệu trước ngày 10/3."})
    with pytest.raises(InvalidTransition):
        rpc.meetings.generate_minutes(secretary, mid)                  # still in progress
    rpc.meetings.end(chair, mid)
    paper = rpc.meetings.generate_minutes(secretary, mid)
    minutes = docx_text(paper["minutes_url"])
    for expected in ("BIÊN BẢN", "Họp giao ban hiệu trưởng tháng 3", "I. THÀNH PHẦN THAM DỰ",
                     "Tổng số đại biểu được triệu tập: 10; có mặt: 7; dự thay theo ủy quyền: 1; vắng mặt: 2; "
                     "đến muộn: 1.",
                     f"{stand_in['full_name']} dự thay {p2['full_name']}", "Đi công tác tại Sở",
                     "đến muộn 25 phút", "Đánh giá công tác tháng 2", "Báo cáo công tác tháng 2 (phiên bản 2)",
                     f"Ý kiến phát biểu: {p3['full_name']}", "Biểu quyết (biểu quyết công khai): Thông qua báo cáo",
                     "Tán thành: 4/7 đại biểu có mặt (57,14%)", "Kết quả: Thông qua",
                     "Biểu quyết (bỏ phiếu kín): Bầu tổ trưởng", "Đạt: Ứng viên Trần Thu Hà",
                     "Kết luận: Các trường hoàn thành báo cáo số liệu trước ngày 10/3.",
                     "Dự thảo Quy chế phối hợp giữa các trường trong cụm: 2/4 ý kiến, 1 đồng ý",
                     "THƯ KÝ", "CHỦ TRÌ", secretary["full_name"], chair["full_name"]):
        assert expected in minutes, expected
    notice = docx_text(paper["notice_url"])
    assert "THÔNG BÁO" in notice and "Các trường hoàn thành báo cáo số liệu trước ngày 10/3." in notice
    with pytest.raises(NotFound):
        rpc.meetings.file_url(p0, mid, "minutes")                      # not approved yet
    rpc.meetings.set_conclusion(secretary, mid, item2, {"text": "Đồng chí Trần Thu Hà làm tổ trưởng cụm."})
    with pytest.raises(InvalidTransition):
        rpc.meetings.approve_minutes(chair, mid)                       # stale: generate again
    rpc.meetings.generate_minutes(secretary, mid)
    with pytest.raises(PermissionDenied):
        rpc.meetings.approve_minutes(secretary, mid)
    published = rpc.meetings.approve_minutes(chair, mid)
    assert published["status"] == "published"
    symbol = published["paperwork"]["notice_symbol"]
    assert symbol == "02/TB-GDĐT"
    for unit in d.schools + ["000.00.31.H26"]:
        item = wait_for(lambda: inbox_item(rpc, d.actor(unit, "vanthu"), "TB"))
        assert item["symbol"] == symbol and item["summary"].startswith("Kết luận của")
    issued_notice = docx_text(rpc.meetings.file_url(p0, mid, "notice")["url"])
    assert "Đồng chí Trần Thu Hà làm tổ trưởng cụm." in issued_notice
    assert f"Số: {symbol}" in issued_notice                           # the numbered copy the units received
    assert "BIÊN BẢN" in docx_text(rpc.meetings.file_url(p0, mid, "minutes")["url"])
    held = events_emitted("meetings", "meeting.minutes_published")[0]["data"]
    assert held["attendance"]["expected"] == 10 and held["attendance"]["present"] == 8
    assert held["notice_symbol"] == symbol and held["invitation_symbol"] == "01/GM-GDĐT"
    assert held["paperless"] is True and held["unit_code"] == office and held["votes_held"] == 2

    # ---------------------------------------------------------------- calendar, .ics, audit
    week = rpc.meetings.calendar(p0, {"view": "week", "date": published["starts_at"][:10]})
    assert any(m["meeting_id"] == mid for day in week["days"] for m in day["meetings"])
    ics = rpc.meetings.export_ics(p0, {})["content"]
    assert f"UID:{mid}@eoffice" in ics and "BEGIN:VCALENDAR" in ics
    assert rpc.meetings.my_meetings(p0, {})["total"] == 1
    assert rpc.meetings.my_meetings(outsider, {})["total"] == 0
    actions = [e["action"] for e in rpc.meetings.audit_log(chair, mid)]
    for action in ("schedule", "send_invitations", "respond", "delegate", "revoke_delegation", "submit_material",
                   "approve_material", "start", "check_in", "record_absence", "register_speaker", "open_vote",
                   "cast_vote", "close_vote", "request_opinions", "answer_opinion", "set_conclusion", "end",
                   "generate_minutes", "approve_minutes"):
        assert action in actions, action
    with pytest.raises(PermissionDenied):
        rpc.meetings.audit_log(p0, mid)


def _strings(value) -> set[str]:
    """Every string a stored document holds, keys included (recursively)."""
    out = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(str(k))
            out |= _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            out |= _strings(v)
    elif isinstance(value, str):
        out.add(value)
        out |= set(value.split("."))      # "tally.o1"-style paths
    return out


def assert_no_record_links_a_voter_to_a_secret_choice(vote_id: str, voters: set[str], options: list[dict]):
    """Scan every collection of the meetings database. Records that name who voted
    (receipts, audit entries) hold no choice; the only records holding the secret
    vote's choices are aggregates — the vote document's counters and its
    opened/closed events — and those list no ballots or voters."""
    db = get_db("meetings")
    choices = {o["id"] for o in options} | {o["label"] for o in options}
    receipts = list(db["vote_receipts"].find({"vote_id": vote_id}))
    assert {r["seat"] for r in receipts} | {r["cast_by"] for r in receipts} >= voters - {None}
    for r in receipts:
        assert set(r) == {"_id", "vote_id", "seat", "cast_by"}            # no choice, no time
    assert db["open_ballots"].count_documents({"vote_id": vote_id}) == 0
    for name in db.list_collection_names():
        for doc in db[name].find():
            found = _strings(doc)
            if not found & choices:
                continue
            if name == "votes":
                assert doc["_id"] == vote_id or doc["secret"] is False
                assert not {"receipts", "ballots_by", "voters"} & set(doc)
                continue
            assert name in ("outbox", "outbox_sent"), f"{name} holds a secret choice: {doc}"
            envelope = doc["envelope"]
            assert envelope["type"] in ("meeting.vote_opened", "meeting.vote_closed")
            assert envelope["data"]["vote_id"] == vote_id
            results = envelope["data"].get("results") or {}
            assert all(set(o) == {"id", "label", "count", "percent_of_present", "percent_of_all",
                                  "percent_of_cast", "meets_threshold"} for o in results.get("options", []))
    for entry in db["audit"].find({"detail.vote_id": vote_id}):
        assert not _strings(entry["detail"]) & {o["id"] for o in options}
