"""Cuộc họp: my meetings (list, calendar, .ics), a meeting's detail, the live
room (current item, speakers, votes) and the chair's and secretary's controls.
Every call passes the signed-in person's actor; the meetings service decides
who may do what (chair, secretary, member, delegate)."""
from __future__ import annotations

import logging
from urllib.parse import quote

from werkzeug.wrappers import Response

from services.common.errors import NotFound, PermissionDenied

from ..http import api
from ..schemas import meetings as schemas
from ..uploads import HeldUploads, store_upload

log = logging.getLogger(__name__)

TAG = "Cuộc họp"
BASE = "/api/v1/meetings"
MEETING = BASE + "/<meeting_id>"
ITEM = MEETING + "/agenda/<item_id>"
MATERIAL = MEETING + "/materials/<material_id>"
SPEAKER = MEETING + "/speakers/<speaker_id>"
VOTE = MEETING + "/votes/<vote_id>"
OPINION = MEETING + "/opinions/<opinion_id>"
UPLOADS = "meeting_uploads"     # files for written opinions, held by the gateway until used


# ---------------------------------------------------------------- names for ids
def _meeting_ids(view: dict) -> set:
    """Every user id a meeting view mentions outside its participant list."""
    ids = {view.get("chair_id"), view.get("secretary_id")}
    for item in view.get("agenda") or ():
        ids |= {item.get("presenter_id"), item.get("concluded_by")}
        for material in item.get("materials") or ():
            for v in material.get("versions") or ():
                ids |= {v.get("submitted_by"), v.get("decided_by")}
    ids |= {i.get("sent_by") for i in view.get("invitations") or ()}
    paperwork = view.get("paperwork") or {}
    ids |= {paperwork.get("generated_by"), paperwork.get("approved_by")}
    return ids


def _me_ids(me: dict | None) -> set:
    me = me or {}
    return {me.get("delegated_to"), *(me.get("seats") or ()), *(me.get("holds_mandates_of") or ())}


def _vote_ids(vote: dict | None) -> set:
    ids = set()
    for ballot in (vote or {}).get("named_ballots") or ():
        ids |= {ballot.get("seat"), ballot.get("cast_by")}
    return ids


class MeetingEndpoints:

    def _names(self, ids, known: dict | None = None) -> dict:
        """user id -> full name; ``known`` (from the participant list) saves a directory call."""
        known = dict(known or {})
        missing = sorted({i for i in ids if i and i not in known and not i.startswith("system:")})
        if missing:
            known.update({uid: u["full_name"] for uid, u in self.directory.get_users(missing).items()})
        return known

    def _with_people(self, view: dict) -> dict:
        known = {p["user_id"]: p["full_name"] for p in view.get("participants") or ()}
        ids = _meeting_ids(view) | _me_ids(view.get("me"))
        for vote in view.get("votes") or ():
            ids |= _vote_ids(vote)
        return {**view, "people": self._names(ids, known)}

    def _rows_with_chairs(self, rows: list[dict]) -> list[dict]:
        names = self._names({r["chair_id"] for r in rows})
        return [{**r, "chair_name": names.get(r["chair_id"])} for r in rows]

    # ================================================================ lists and calendar
    @api("GET", BASE, "Cuộc họp của tôi (hoặc của đơn vị tôi, với lãnh đạo)", tag=TAG, query=schemas.MeetingsQuery,
         response=schemas.MeetingPage)
    def list_meetings(self, call):
        page = self.meetings.my_meetings(call.actor, call.query.model_dump(mode="json", exclude_none=True))
        return {**page, "items": self._rows_with_chairs(page["items"])}

    @api("POST", BASE, "Lên lịch cuộc họp (lãnh đạo đơn vị, hoặc người làm thư ký)", tag=TAG, body=schemas.ScheduleIn,
         response=schemas.Meeting, status=201, audit="meeting.schedule")
    def schedule_meeting(self, call):
        meeting = self.meetings.schedule(call.actor, call.body.model_dump(mode="json", exclude_none=True))
        call.target = f"meeting_id={meeting['meeting_id']}"
        return self._with_people(meeting)

    @api("GET", BASE + "/calendar", "Lịch họp của tôi theo ngày, tuần hoặc tháng", tag=TAG,
         query=schemas.CalendarQuery, response=schemas.CalendarView)
    def meeting_calendar(self, call):
        view = self.meetings.calendar(call.actor, call.query.model_dump(mode="json", exclude_none=True))
        chairs = self._names({m["chair_id"] for d in view["days"] for m in d["meetings"]})
        for day in view["days"]:
            day["meetings"] = [{**m, "chair_name": chairs.get(m["chair_id"])} for m in day["meetings"]]
        return view

    @api("GET", BASE + "/calendar.ics", "Lịch họp của tôi dạng iCalendar (.ics)", tag=TAG, query=schemas.IcsQuery,
         in_schema=False)
    def meeting_calendar_ics(self, call):
        # a file for Outlook/Google Calendar, not JSON: outside the JSON contract
        ics = self.meetings.export_ics(call.actor, call.query.model_dump(mode="json", exclude_none=True))
        name = ics.get("filename") or "lich-hop.ics"
        return Response(ics["content"], status=200, headers={
            "Content-Type": ics.get("content_type") or "text/calendar; charset=utf-8",
            "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store"})

    @api("GET", BASE + "/people", "Cán bộ của một đơn vị, để mời họp", tag=TAG, query=schemas.PeopleQuery,
         response=schemas.UserList)
    def meeting_people(self, call):
        code = call.query.unit_code or call.actor["unit_id"]
        users = self.directory.users_of_unit(code, role=call.query.role)
        return {"items": [u for u in users if u.get("active", True)]}

    # ================================================================ one meeting
    @api("GET", MEETING, "Chi tiết cuộc họp", tag=TAG, response=schemas.Meeting)
    def get_meeting(self, call, meeting_id):
        return self._with_people(self.meetings.get_meeting(call.actor, meeting_id))

    @api("PATCH", MEETING, "Sửa cuộc họp (chỉ các trường gửi lên)", tag=TAG, body=schemas.MeetingPatch,
         response=schemas.Meeting, audit="meeting.update")
    def update_meeting(self, call, meeting_id):
        changes = call.body.model_dump(mode="json", exclude_unset=True)
        return self._with_people(self.meetings.update(call.actor, meeting_id, changes))

    @api("POST", MEETING + "/cancel", "Hủy cuộc họp (nêu lý do); giấy mời đã gửi được thu hồi", tag=TAG,
         body=schemas.CancelIn, response=schemas.Meeting, audit="meeting.cancel")
    def cancel_meeting(self, call, meeting_id):
        return self._with_people(self.meetings.cancel(call.actor, meeting_id, call.body.reason))

    @api("POST", MEETING + "/participants", "Mời thêm đại biểu, khách mời", tag=TAG, body=schemas.ParticipantsIn,
         response=schemas.Meeting, audit="meeting.add_participants")
    def add_meeting_participants(self, call, meeting_id):
        data = call.body.model_dump(mode="json", exclude_none=True)
        return self._with_people(self.meetings.add_participants(call.actor, meeting_id, data))

    @api("DELETE", MEETING + "/participants/<user_id>", "Bớt người dự họp", tag=TAG, response=schemas.Meeting,
         audit="meeting.remove_participant")
    def remove_meeting_participant(self, call, meeting_id, user_id):
        return self._with_people(self.meetings.remove_participant(call.actor, meeting_id, user_id))

    @api("POST", MEETING + "/invitations", "Gửi giấy mời (phát hành văn bản GM tới các đơn vị)", tag=TAG,
         response=schemas.Meeting, audit="meeting.send_invitations")
    def send_meeting_invitations(self, call, meeting_id):
        return self._with_people(self.meetings.send_invitations(call.actor, meeting_id))

    @api("POST", MEETING + "/start", "Bắt đầu cuộc họp (chủ trì, thư ký)", tag=TAG, response=schemas.Meeting,
         audit="meeting.start")
    def start_meeting(self, call, meeting_id):
        return self._with_people(self.meetings.start(call.actor, meeting_id))

    @api("POST", MEETING + "/end", "Kết thúc cuộc họp (chủ trì, thư ký)", tag=TAG, response=schemas.Meeting,
         audit="meeting.end")
    def end_meeting(self, call, meeting_id):
        return self._with_people(self.meetings.end(call.actor, meeting_id))

    @api("POST", MEETING + "/current-item", "Chuyển nội dung đang họp", tag=TAG, body=schemas.CurrentItemIn,
         response=schemas.Meeting, audit="meeting.set_current_item")
    def set_current_meeting_item(self, call, meeting_id):
        return self._with_people(self.meetings.set_current_item(call.actor, meeting_id, call.body.item_id))

    @api("GET", MEETING + "/room", "Phòng họp trực tuyến (gọi định kỳ; since = phiên bản lần trước)", tag=TAG,
         query=schemas.RoomQuery, response=schemas.Room)
    def meeting_room(self, call, meeting_id):
        room = self.meetings.room(call.actor, meeting_id, call.query.since)
        if not room.get("changed"):
            return room
        ids = _me_ids(room.get("me")) | _vote_ids(room.get("vote"))
        ids.add((room.get("current_item") or {}).get("presenter_id"))
        known = {s["user_id"]: s["full_name"] for s in room.get("speakers") or () if s.get("full_name")}
        return {**room, "people": self._names(ids, known)}

    @api("GET", MEETING + "/audit", "Nhật ký cuộc họp (chủ trì, thư ký, lãnh đạo đơn vị)", tag=TAG,
         response=schemas.AuditList)
    def meeting_audit(self, call, meeting_id):
        entries = self.meetings.audit_log(call.actor, meeting_id)
        names = self._names({e.get("by") for e in entries})
        return {"items": [{**e, "by_name": names.get(e.get("by"))} for e in entries]}

    # ================================================================ answers and delegation
    @api("POST", MEETING + "/response", "Trả lời giấy mời: tham dự, không tham dự (lý do), ủy quyền", tag=TAG,
         body=schemas.RespondIn, response=schemas.Meeting, audit="meeting.respond")
    def respond_to_meeting(self, call, meeting_id):
        data = call.body.model_dump(mode="json", exclude_none=True)
        return self._with_people(self.meetings.respond(call.actor, meeting_id, data))

    @api("POST", MEETING + "/delegation", "Ủy quyền dự họp (và biểu quyết) cho người khác", tag=TAG,
         body=schemas.DelegateIn, response=schemas.Mandate, status=201, audit="meeting.delegate")
    def delegate_meeting(self, call, meeting_id):
        return self.meetings.delegate(call.actor, meeting_id, call.body.delegate_id, call.body.note)

    @api("DELETE", MEETING + "/delegation", "Thu hồi ủy quyền chưa sử dụng", tag=TAG, query=schemas.RevokeQuery,
         response=schemas.Mandate, audit="meeting.revoke_delegation")
    def revoke_meeting_delegation(self, call, meeting_id):
        return self.meetings.revoke_delegation(call.actor, meeting_id, call.query.member_id)

    @api("GET", MEETING + "/mandates", "Ủy quyền tôi đã giao, tôi đang giữ và các phiếu tôi biểu quyết", tag=TAG,
         response=schemas.MyMandates)
    def my_meeting_mandates(self, call, meeting_id):
        found = self.meetings.my_mandates(call.actor, meeting_id)
        ids = {m[k] for m in found["given"] + found["held"] for k in ("member_id", "delegate_id")}
        return {**found, "people": self._names(ids | set(found["seats"]))}

    # ================================================================ agenda and materials
    @api("POST", MEETING + "/agenda", "Thêm nội dung vào chương trình họp", tag=TAG, body=schemas.AgendaItemIn,
         response=schemas.AgendaItem, status=201, audit="meeting.add_item")
    def add_agenda_item(self, call, meeting_id):
        data = call.body.model_dump(mode="json", exclude_none=True)
        return self.meetings.add_item(call.actor, meeting_id, data)

    @api("PATCH", ITEM, "Sửa nội dung chương trình họp", tag=TAG, body=schemas.AgendaItemPatch,
         response=schemas.AgendaItem, audit="meeting.update_item")
    def update_agenda_item(self, call, meeting_id, item_id):
        data = call.body.model_dump(mode="json", exclude_unset=True)
        return self.meetings.update_item(call.actor, meeting_id, item_id, data)

    @api("DELETE", ITEM, "Xóa nội dung (chưa có tài liệu, phát biểu, biểu quyết)", tag=TAG, status=204,
         audit="meeting.remove_item")
    def remove_agenda_item(self, call, meeting_id, item_id):
        self.meetings.remove_item(call.actor, meeting_id, item_id)

    @api("PUT", MEETING + "/agenda/order", "Sắp xếp lại chương trình họp", tag=TAG, body=schemas.OrderIn,
         response=schemas.AgendaList, audit="meeting.reorder_items")
    def reorder_agenda(self, call, meeting_id):
        return {"items": self.meetings.reorder_items(call.actor, meeting_id, list(call.body.item_ids))}

    @api("PUT", ITEM + "/materials", "Nộp tài liệu họp (hoặc phiên bản mới của tài liệu)", tag=TAG,
         query=schemas.MaterialUploadQuery, upload=True, response=schemas.Material, status=201,
         audit="meeting.submit_material",
         description="Thân yêu cầu là nội dung tệp (application/octet-stream), tên tệp ở tham số filename; "
                     "tệp được truyền theo luồng tới kho S3. Tài liệu của người trình bày chờ chủ trì/thư ký duyệt.")
    def submit_meeting_material(self, call, meeting_id, item_id):
        # refuse before storing a byte: an unknown meeting or item, someone who may not submit
        meeting = self.meetings.get_meeting(call.actor, meeting_id)
        item = next((i for i in meeting["agenda"] if i["item_id"] == item_id), None)
        if item is None:
            raise NotFound("Không tìm thấy nội dung trong chương trình họp.")
        me = meeting["me"]
        if not (me["is_chair"] or me["is_secretary"] or item.get("presenter_id") == me["user_id"]):
            raise PermissionDenied("Chỉ người trình bày nội dung, chủ trì hoặc thư ký mới được nộp tài liệu.")
        stored = store_upload(self.storage, call)
        data = {"file": stored.as_dict()}
        if call.query.title:
            data["title"] = call.query.title
        if call.query.material_id:
            data["material_id"] = call.query.material_id
        try:
            return self.meetings.submit_material(call.actor, meeting_id, item_id, data)
        except BaseException:
            self._discard(stored.key)
            raise

    def _discard(self, key: str) -> None:
        """A file the service refused is of no use to anyone: remove it from S3."""
        try:
            self.storage.delete(key)
        except Exception:   # the refusal is what the person needs to see
            log.exception("could not delete refused upload %s", key)

    @api("GET", MATERIAL, "Tải tài liệu họp (chuyển hướng tới đường dẫn có thời hạn)", tag=TAG,
         query=schemas.VersionQuery, redirect=True)
    def download_meeting_material(self, call, meeting_id, material_id):
        return self.meetings.material_url(call.actor, meeting_id, material_id, call.query.version)["url"]

    @api("POST", MATERIAL + "/versions/<int:version>/approve", "Duyệt tài liệu họp (chủ trì, thư ký)", tag=TAG,
         response=schemas.Material, audit="meeting.approve_material")
    def approve_meeting_material(self, call, meeting_id, material_id, version):
        return self.meetings.approve_material(call.actor, meeting_id, material_id, version)

    @api("POST", MATERIAL + "/versions/<int:version>/reject", "Không duyệt tài liệu họp (nêu lý do)", tag=TAG,
         body=schemas.RejectIn, response=schemas.Material, audit="meeting.reject_material")
    def reject_meeting_material(self, call, meeting_id, material_id, version):
        return self.meetings.reject_material(call.actor, meeting_id, material_id, version, call.body.reason)

    @api("PUT", ITEM + "/conclusion", "Ghi kết luận của chủ trì về nội dung", tag=TAG, body=schemas.ConclusionIn,
         response=schemas.AgendaItem, audit="meeting.set_conclusion")
    def set_item_conclusion(self, call, meeting_id, item_id):
        return self.meetings.set_conclusion(call.actor, meeting_id, item_id, {"text": call.body.text})

    # ================================================================ attendance
    @api("POST", MEETING + "/check-in", "Điểm danh (bản thân, hoặc chủ trì/thư ký điểm danh hộ)", tag=TAG,
         body=schemas.CheckInIn, response=schemas.CheckInResult, audit="meeting.check_in")
    def check_in_meeting(self, call, meeting_id):
        return self.meetings.check_in(call.actor, meeting_id, call.body.user_id)

    @api("POST", MEETING + "/absences", "Ghi nhận vắng mặt có lý do (thư ký)", tag=TAG, body=schemas.AbsenceIn,
         response=schemas.Participant, audit="meeting.record_absence")
    def record_meeting_absence(self, call, meeting_id):
        return self.meetings.record_absence(call.actor, meeting_id, call.body.user_id, call.body.reason)

    @api("GET", MEETING + "/attendance", "Điểm danh, trả lời và túc số", tag=TAG, response=schemas.AttendanceView)
    def meeting_attendance(self, call, meeting_id):
        return self.meetings.attendance(call.actor, meeting_id)

    @api("POST", MEETING + "/attendance/export", "Xuất danh sách điểm danh (.docx)", tag=TAG,
         response=schemas.FileLink, audit="meeting.export_attendance")
    def export_meeting_attendance(self, call, meeting_id):
        return self.meetings.export_attendance(call.actor, meeting_id)

    # ================================================================ speakers
    @api("GET", MEETING + "/speakers", "Danh sách đăng ký phát biểu của một nội dung", tag=TAG,
         query=schemas.SpeakersQuery, response=schemas.SpeakerList)
    def list_meeting_speakers(self, call, meeting_id):
        return {"items": self.meetings.list_speakers(call.actor, meeting_id, call.query.item_id)}

    @api("POST", MEETING + "/speakers", "Đăng ký phát biểu", tag=TAG, body=schemas.SpeakerIn,
         response=schemas.Speaker, status=201, audit="meeting.register_speaker")
    def register_meeting_speaker(self, call, meeting_id):
        return self.meetings.register_speaker(call.actor, meeting_id, call.body.item_id, call.body.user_id)

    @api("PUT", MEETING + "/speakers/order", "Sắp xếp thứ tự phát biểu (chủ trì, thư ký)", tag=TAG,
         body=schemas.SpeakerOrderIn, response=schemas.SpeakerList, audit="meeting.order_speakers")
    def order_meeting_speakers(self, call, meeting_id):
        return {"items": self.meetings.order_speakers(call.actor, meeting_id, call.body.item_id,
                                                      list(call.body.speaker_ids))}

    @api("POST", MEETING + "/speakers/call", "Mời người phát biểu (người được chọn, hoặc người kế tiếp)", tag=TAG,
         body=schemas.CallSpeakerIn, response=schemas.Speaker, audit="meeting.call_speaker")
    def call_meeting_speaker(self, call, meeting_id):
        return self.meetings.call_speaker(call.actor, meeting_id, call.body.speaker_id, call.body.item_id)

    @api("POST", MEETING + "/speakers/stop", "Dừng lượt phát biểu đang diễn ra", tag=TAG, body=schemas.StopSpeakerIn,
         response=schemas.Speaker, audit="meeting.stop_speaker")
    def stop_meeting_speaker(self, call, meeting_id):
        return self.meetings.stop_speaker(call.actor, meeting_id, call.body.speaker_id)

    @api("POST", SPEAKER + "/start", "Bắt đầu lượt phát biểu", tag=TAG, response=schemas.Speaker,
         audit="meeting.start_speaker")
    def start_meeting_speaker(self, call, meeting_id, speaker_id):
        return self.meetings.start_speaker(call.actor, meeting_id, speaker_id)

    @api("POST", SPEAKER + "/withdraw", "Rút đăng ký phát biểu", tag=TAG, response=schemas.Speaker,
         audit="meeting.withdraw_speaker")
    def withdraw_meeting_speaker(self, call, meeting_id, speaker_id):
        return self.meetings.withdraw_speaker(call.actor, meeting_id, speaker_id)

    # ================================================================ votes
    @api("GET", MEETING + "/votes", "Các biểu quyết của cuộc họp", tag=TAG, response=schemas.VoteList)
    def list_meeting_votes(self, call, meeting_id):
        return {"items": self.meetings.list_votes(call.actor, meeting_id)}

    @api("POST", MEETING + "/votes", "Mở biểu quyết (chủ trì)", tag=TAG, body=schemas.VoteIn, response=schemas.Vote,
         status=201, audit="meeting.open_vote")
    def open_meeting_vote(self, call, meeting_id):
        return self.meetings.open_vote(call.actor, meeting_id, call.body.model_dump(mode="json", exclude_none=True))

    @api("GET", VOTE, "Một biểu quyết: phiếu của tôi; kết quả khi đã kết thúc", tag=TAG,
         response=schemas.VoteDetailWithPeople)
    def get_meeting_vote(self, call, meeting_id, vote_id):
        vote = self.meetings.get_vote(call.actor, meeting_id, vote_id)
        ids = _vote_ids(vote) | {s["seat"] for s in vote.get("my_seats") or ()}
        return {**vote, "people": self._names(ids)}

    @api("POST", VOTE + "/ballots", "Biểu quyết (một lần cho mỗi đại biểu, kể cả khi nhận ủy quyền)", tag=TAG,
         body=schemas.BallotIn, response=schemas.BallotReceipt, status=201, audit="meeting.cast_vote")
    def cast_meeting_vote(self, call, meeting_id, vote_id):
        return self.meetings.cast_vote(call.actor, meeting_id, vote_id, list(call.body.choices), call.body.seat)

    @api("POST", VOTE + "/close", "Kết thúc biểu quyết và công bố kết quả (chủ trì)", tag=TAG,
         response=schemas.Vote, audit="meeting.close_vote")
    def close_meeting_vote(self, call, meeting_id, vote_id):
        return self.meetings.close_vote(call.actor, meeting_id, vote_id)

    # ================================================================ written opinions
    @api("PUT", MEETING + "/uploads", "Tải lên tệp dự thảo để lấy ý kiến (chủ trì, thư ký)", tag=TAG,
         query=schemas.UploadQuery, upload=True, response=schemas.MeetingUpload, status=201,
         audit="meeting.upload",
         description="Thân yêu cầu là nội dung tệp (application/octet-stream), tên tệp ở tham số filename. "
                     "Dùng upload_id trả về khi gửi lấy ý kiến.")
    def upload_meeting_file(self, call, meeting_id):
        meeting = self.meetings.get_meeting(call.actor, meeting_id)
        if not (meeting["me"]["is_chair"] or meeting["me"]["is_secretary"]):
            raise PermissionDenied("Chỉ chủ trì hoặc thư ký cuộc họp mới được lấy ý kiến.")
        stored = store_upload(self.storage, call)
        upload_id = HeldUploads(self.db, UPLOADS).hold(call.actor, stored, meeting_id=meeting_id)
        call.target = f"meeting_id={meeting_id},upload_id={upload_id}"
        return {"upload_id": upload_id, "name": stored.name, "size": stored.size,
                "content_type": stored.content_type}

    @api("GET", MEETING + "/opinions", "Phiếu lấy ý kiến (của tôi; tất cả với chủ trì, thư ký)", tag=TAG,
         response=schemas.OpinionList)
    def list_meeting_opinions(self, call, meeting_id):
        return {"items": self.meetings.list_opinions(call.actor, meeting_id)}

    @api("POST", MEETING + "/opinions", "Lấy ý kiến bằng văn bản (chủ trì, thư ký)", tag=TAG, body=schemas.OpinionIn,
         response=schemas.Opinion, status=201, audit="meeting.request_opinions")
    def request_meeting_opinions(self, call, meeting_id):
        data = call.body.model_dump(mode="json", exclude_none=True)
        upload_id = data.pop("upload_id", None)
        if not upload_id:
            return self.meetings.request_opinions(call.actor, meeting_id, data)
        with HeldUploads(self.db, UPLOADS).claimed(upload_id, call.actor, "Không tìm thấy tệp đã tải lên (hoặc tệp "
                                                   "đã được dùng).", meeting_id=meeting_id) as file:
            return self.meetings.request_opinions(call.actor, meeting_id, {**data, "file": file})

    @api("POST", OPINION + "/answer", "Góp ý: đồng ý, hoặc không đồng ý kèm ý kiến", tag=TAG, body=schemas.AnswerIn,
         response=schemas.OpinionAnswer, audit="meeting.answer_opinion")
    def answer_meeting_opinion(self, call, meeting_id, opinion_id):
        return self.meetings.answer_opinion(call.actor, meeting_id, opinion_id, call.body.model_dump(mode="json"))

    @api("POST", OPINION + "/close", "Kết thúc lấy ý kiến trước hạn", tag=TAG, response=schemas.Opinion,
         audit="meeting.close_opinions")
    def close_meeting_opinions(self, call, meeting_id, opinion_id):
        return self.meetings.close_opinions(call.actor, meeting_id, opinion_id)

    @api("GET", OPINION + "/summary", "Tổng hợp ý kiến (chủ trì, thư ký, lãnh đạo đơn vị)", tag=TAG,
         response=schemas.OpinionSummary)
    def meeting_opinion_summary(self, call, meeting_id, opinion_id):
        return self.meetings.opinion_summary(call.actor, meeting_id, opinion_id)

    @api("GET", OPINION + "/file", "Tải tệp dự thảo lấy ý kiến", tag=TAG, redirect=True)
    def download_meeting_opinion_file(self, call, meeting_id, opinion_id):
        return self.meetings.opinion_file_url(call.actor, meeting_id, opinion_id)["url"]

    # ================================================================ minutes
    @api("POST", MEETING + "/minutes", "Lập (lại) biên bản và thông báo kết luận (.docx)", tag=TAG,
         response=schemas.GeneratedMinutes, audit="meeting.generate_minutes")
    def generate_meeting_minutes(self, call, meeting_id):
        return self.meetings.generate_minutes(call.actor, meeting_id)

    @api("POST", MEETING + "/minutes/approve", "Duyệt biên bản, ban hành thông báo kết luận (chủ trì)", tag=TAG,
         response=schemas.Meeting, audit="meeting.approve_minutes")
    def approve_meeting_minutes(self, call, meeting_id):
        return self._with_people(self.meetings.approve_minutes(call.actor, meeting_id))

    @api("GET", MEETING + "/files/<which>", "Tải giấy mời (invitation), biên bản (minutes), thông báo (notice)",
         tag=TAG, redirect=True)
    def download_meeting_file(self, call, meeting_id, which):
        if which not in ("invitation", "minutes", "notice"):
            raise NotFound("Không có loại tệp này.")
        return self.meetings.file_url(call.actor, meeting_id, which)["url"]
