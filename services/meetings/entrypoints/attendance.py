"""Check-in (điểm danh), absences and the live quorum."""
from __future__ import annotations

from services.common.actor import Actor
from services.common.clock import iso, utcnow
from services.common.errors import Conflict, ValidationFailed
from services.common.rpc import rpc

from .. import events, models, render, views
from ..domain import checkin, schedule
from .base import MeetingsBase


class AttendanceEntrypoints(MeetingsBase):

    @rpc
    def check_in(self, actor: dict, meeting_id: str, user_id: str | None = None) -> dict:
        """Check oneself in (inside the window), or — for the secretary or chair —
        check someone in. Checking in twice changes nothing."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "điểm danh")
        target = user_id or actor.user_id
        self_service = target == actor.user_id
        now = utcnow()
        if self_service:
            checkin.check_self(now, meeting.starts_at, meeting.ends_at, self.settings.MEETING_CHECKIN_BEFORE_MINUTES)
        else:
            self._require_operator(actor, meeting, "điểm danh cho người khác")
        row = self._participant(meeting.meeting_id, target)
        if row is None:
            raise ValidationFailed("Người này không có trong danh sách dự họp.", {"user_id": "not_participant"})
        late = checkin.is_late(now, meeting.starts_at, self.settings.MEETING_LATE_GRACE_MINUTES)
        minutes_late = checkin.minutes_late(now, meeting.starts_at) if late else None
        first_time = models.Participant.objects(participant_id=row.participant_id, checked_in_at=None).update_one(
            set__checked_in_at=now, set__checked_in_by=actor.user_id, set__late=late, set__minutes_late=minutes_late,
            unset__absence_reason=True)
        if first_time:
            row.checked_in_at, row.checked_in_by, row.late, row.minutes_late = now, actor.user_id, late, minutes_late
            row.absence_reason = None
        else:
            row.reload()   # checked in before: show what was recorded then
        attendance, quorum = self._attendance(meeting)
        if first_time:
            self._touch(meeting.meeting_id)
            self._audit(meeting.meeting_id, actor.user_id, "check_in", user_id=target, late=late,
                        self_service=self_service)
            self._event(events.CHECKED_IN, meeting, actor.user_id, user_id=target, role=row.role,
                        checked_in_at=iso(row.checked_in_at), late=row.late, minutes_late=row.minutes_late,
                        self_service=self_service, attendance=attendance, quorum=quorum)
        return {"participant": views.participant_view(row, self._mandates(meeting.meeting_id)),
                "attendance": attendance, "quorum": quorum}

    @rpc
    def record_absence(self, actor: dict, meeting_id: str, user_id: str, reason: str) -> dict:
        """The secretary notes why someone is absent (for the minutes)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "ghi nhận vắng mặt")
        schedule.require_status(meeting.status, schedule.LIVE + (schedule.ENDED,), "ghi nhận vắng mặt")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed("Cần nêu lý do vắng mặt.", {"reason": "required"})
        row = self._participant(meeting.meeting_id, user_id)
        if row is None:
            raise ValidationFailed("Người này không có trong danh sách dự họp.", {"user_id": "not_participant"})
        if not models.Participant.objects(participant_id=row.participant_id, checked_in_at=None).update_one(
                set__absence_reason=reason, set__absence_recorded_by=actor.user_id):
            raise Conflict("Người này đã điểm danh có mặt.")
        self._record_changed(meeting.meeting_id)
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "record_absence", user_id=user_id, reason=reason)
        return views.participant_view(row.reload(), self._mandates(meeting.meeting_id))

    @rpc
    def attendance(self, actor: dict, meeting_id: str) -> dict:
        """Everyone's answer and presence, the counts and the live quorum."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        rows = list(models.Participant.objects(meeting_id=meeting.meeting_id))
        mandates = self._mandates(meeting.meeting_id)
        attendance, quorum = self._attendance(meeting, mandates)
        return {"participants": [views.participant_view(p, mandates) for p in views.ordered(rows)],
                "attendance": attendance, "quorum": quorum}

    @rpc
    def export_attendance(self, actor: dict, meeting_id: str) -> dict:
        """The attendance sheet (danh sách đại biểu dự họp) as .docx, with a download link."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "xuất danh sách điểm danh")
        rows = views.ordered(list(models.Participant.objects(meeting_id=meeting.meeting_id)))
        units = self.people.units({p.unit_code for p in rows})
        given = {m["member_id"]: m["delegate_id"] for m in self._mandates(meeting.meeting_id)}
        names = {p.user_id: p.full_name for p in rows}
        sheet = []
        for p in rows:
            if p.checked_in_at:
                note = f"Đến muộn {p.minutes_late} phút" if p.late else ""
            elif p.user_id in given:
                note = f"Ủy quyền cho {names.get(given[p.user_id], given[p.user_id])}"
            else:
                note = "Vắng" + (f": {p.absence_reason or p.response_reason}" if (p.absence_reason or
                                                                                   p.response_reason) else "")
            sheet.append({"full_name": p.full_name, "position": p.position,
                          "unit_name": (units.get(p.unit_code) or {}).get("name"), "role": p.role,
                          "checked_in_at": p.checked_in_at, "note": note})
        content = render.attendance_sheet(meeting.title, meeting.unit_name or meeting.unit_code, meeting.starts_at,
                                          meeting.place, sheet)
        stored = self.storage.put_bytes(content, render.docx_name("Danh sách điểm danh", meeting.title),
                                        render.DOCX_TYPE, prefix="generated")
        self._audit(meeting.meeting_id, actor.user_id, "export_attendance", key=stored.key)
        return {"file": stored.as_dict(), **self._link(stored.as_dict())}
