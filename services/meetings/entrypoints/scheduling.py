"""Scheduling: put a meeting on the calendar, change it, add or remove people,
cancel it; start and end it, and move through its agenda."""
from __future__ import annotations

import logging

from services.common.actor import LEADER, Actor
from services.common.clock import iso, to_utc_naive, utcnow
from services.common.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from services.common.rpc import rpc
from services.common.text import fold

from .. import events, models, schemas
from ..domain import delegation, participants, quorum, schedule, speakers, votes
from ..domain.participants import CHAIR, DELEGATE, GUEST, MEMBER, SECRETARY
from .base import SYSTEM_USER, MeetingsBase, system_actor

log = logging.getLogger(__name__)

_PLAIN_FIELDS = ("title", "kind", "description", "place", "online_url", "paperless", "quorum_rule", "vote_threshold")
_REQUIRED = ("title", "kind", "paperless", "starts_at", "ends_at", "chair_id")
_ANNOUNCED = ("starts_at", "ends_at", "place", "online_url")   # a change here outdates the giấy mời


class SchedulingEntrypoints(MeetingsBase):

    @rpc
    def schedule(self, actor: dict, data: dict) -> dict:
        """Put a meeting on the organising unit's (the actor's unit) calendar.
        Members and guests are users, whole units by role, or every unit of some
        kinds ("all principals"); agenda presenters who are not invited become guests."""
        actor = Actor.parse(actor)
        spec = schemas.parse(schemas.ScheduleIn, data)
        if not (actor.has(LEADER) or spec.secretary_id == actor.user_id):
            raise PermissionDenied("Chỉ lãnh đạo đơn vị hoặc người làm thư ký cuộc họp mới được lên lịch họp.")
        starts, ends = to_utc_naive(spec.starts_at), to_utc_naive(spec.ends_at)
        schedule.check_times(starts, ends, utcnow())
        unit = self.people.unit(actor.unit_id)
        chair = self.people.user(spec.chair_id, "chair_id")
        secretary = self.people.user(spec.secretary_id, "secretary_id") if spec.secretary_id else None
        members = self.people.resolve([r.described() for r in spec.members], "members")
        guests = self.people.resolve([r.described() for r in spec.guests], "guests")
        presenters = [i.presenter_id for i in spec.agenda if i.presenter_id]
        guests += [self.people.user(p, "agenda.presenter_id") for p in dict.fromkeys(presenters)]
        rows = participants.merge(chair, secretary, members, guests)
        meeting = models.Meeting(
            unit_code=actor.unit_id, unit_name=unit["name"], title=spec.title, kind=spec.kind,
            description=spec.description, starts_at=starts, ends_at=ends, place=spec.place,
            online_url=spec.online_url, paperless=spec.paperless, chair_id=chair["user_id"],
            secretary_id=secretary["user_id"] if secretary else None,
            member_refs=[r.described() for r in spec.members], guest_refs=[r.described() for r in spec.guests],
            quorum_rule=quorum.check_rule(spec.quorum_rule or self.settings.MEETING_QUORUM_RULE),
            vote_threshold=votes.check_threshold(spec.vote_threshold or self.settings.MEETING_VOTE_THRESHOLD),
            status=schedule.SCHEDULED, agenda=[models.AgendaItem(**i.model_dump()) for i in spec.agenda],
            created_by=actor.user_id, search_text=fold(spec.title))
        meeting.save(force_insert=True)
        self._insert_participants(meeting.meeting_id, rows)
        self._audit(meeting.meeting_id, actor.user_id, "schedule", title=meeting.title,
                    starts_at=iso(starts), participants=len(rows))
        self._event(events.SCHEDULED, meeting, actor.user_id, agenda=[
            {"item_id": i.item_id, "title": i.title, "presenter_id": i.presenter_id,
             "duration_minutes": i.duration_minutes} for i in meeting.agenda])
        return self._detail(actor, meeting.reload())

    @rpc
    def update(self, actor: dict, meeting_id: str, data: dict) -> dict:
        """Change what was scheduled (only what is sent). Moving the time or place
        raises the iCalendar sequence and marks the giấy mời outdated: send it again."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "sửa cuộc họp")
        schedule.require_status(meeting.status, schedule.EDITABLE, "sửa cuộc họp")
        fields = schemas.parse(schemas.MeetingPatch, data).model_dump(exclude_unset=True)
        empty = [f for f in _REQUIRED if f in fields and fields[f] is None]
        if empty:
            raise ValidationFailed("Dữ liệu không hợp lệ.", {f: "Trường bắt buộc." for f in empty})
        sets = {f: fields[f] for f in _PLAIN_FIELDS if f in fields and fields[f] != getattr(meeting, f)}
        if "quorum_rule" in sets:
            quorum.check_rule(sets["quorum_rule"])
        starts = to_utc_naive(fields["starts_at"]) if "starts_at" in fields else meeting.starts_at
        ends = to_utc_naive(fields["ends_at"]) if "ends_at" in fields else meeting.ends_at
        if (starts, ends) != (meeting.starts_at, meeting.ends_at):
            schedule.check_times(starts, ends, utcnow(), new=False)
            sets.update({k: v for k, v in (("starts_at", starts), ("ends_at", ends)) if v != getattr(meeting, k)})
        if not (sets.get("place", meeting.place) or sets.get("online_url", meeting.online_url)):
            raise ValidationFailed("Cần địa điểm hoặc đường dẫn họp trực tuyến.", {"place": "required"})
        leads = {}   # role -> (old id, new user or None), checked before anything is written
        for role, field in ((CHAIR, "chair_id"), (SECRETARY, "secretary_id")):
            if field in fields and fields[field] != getattr(meeting, field):
                leads[role] = (getattr(meeting, field), self._check_lead(meeting, role, fields[field]))
                sets[field] = fields[field]
        if sets.get("chair_id") and sets.get("chair_id") == sets.get("secretary_id", meeting.secretary_id):
            raise ValidationFailed("Không thể vừa là chủ trì vừa là thư ký.", {"secretary_id": "conflict"})
        if not sets:
            return self._detail(actor, meeting)
        if "title" in sets:
            sets["search_text"] = fold(sets["title"])
        bump = 1 if any(f in sets for f in _ANNOUNCED) else 0
        changed = models.Meeting.objects(meeting_id=meeting.meeting_id, status__in=schedule.EDITABLE).update_one(
            inc__version=1, inc__sequence=bump, set__updated_at=utcnow(), **{f"set__{k}": v for k, v in sets.items()})
        if not changed:
            raise Conflict("Cuộc họp vừa thay đổi trạng thái, vui lòng tải lại.")
        added, removed = [], []
        for role, (old_id, user) in leads.items():
            self._hand_over(meeting, role, old_id, user, added, removed)
        meeting.reload()
        names = sorted(k for k in sets if k != "search_text") + (["participants"] if added or removed else [])
        self._audit(meeting.meeting_id, actor.user_id, "update", changes=names)
        self._event(events.UPDATED, meeting, actor.user_id, changes=names, sequence=meeting.sequence,
                    added_ids=added, removed_ids=removed)
        return self._detail(actor, meeting)

    @rpc
    def add_participants(self, actor: dict, meeting_id: str, data: dict) -> dict:
        """Invite more people (members or guests) until the meeting ends; someone
        already invited as a guest and now named a member gains a vote."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "mời thêm người dự họp")
        schedule.require_status(meeting.status, schedule.LIVE, "mời thêm người dự họp")
        spec = schemas.parse(schemas.ParticipantsIn, data)
        members = self.people.resolve([r.described() for r in spec.members], "members")
        guests = self.people.resolve([r.described() for r in spec.guests], "guests")
        existing = {p.user_id: p for p in models.Participant.objects(meeting_id=meeting.meeting_id)}
        new_rows, added = [], []
        for user in members:
            row = existing.get(user["user_id"])
            if row is None:
                new_rows.append({**self._row(user, MEMBER), "voting": True, "named_member": True})
            elif not row.named_member:
                role = MEMBER if row.role in (GUEST, DELEGATE) else row.role
                models.Participant.objects(participant_id=row.participant_id).update_one(
                    set__role=role, set__voting=True, set__named_member=True)
        for user in guests:
            if user["user_id"] not in existing and user["user_id"] not in {r["user_id"] for r in new_rows}:
                new_rows.append(self._row(user, GUEST))
        if len(existing) + len(new_rows) > participants.MAX_PARTICIPANTS:
            raise ValidationFailed(f"Tối đa {participants.MAX_PARTICIPANTS} người tham dự một cuộc họp.",
                                   {"members": "too_many"})
        self._insert_participants(meeting.meeting_id, new_rows)
        added = [r["user_id"] for r in new_rows]
        models.Meeting.objects(meeting_id=meeting.meeting_id).update_one(
            push_all__member_refs=[r.described() for r in spec.members],
            push_all__guest_refs=[r.described() for r in spec.guests])
        self._touch(meeting.meeting_id)
        meeting.reload()
        self._audit(meeting.meeting_id, actor.user_id, "add_participants", added=added)
        self._event(events.UPDATED, meeting, actor.user_id, changes=["participants"], sequence=meeting.sequence,
                    added_ids=added, removed_ids=[])
        return self._detail(actor, meeting)

    @rpc
    def remove_participant(self, actor: dict, meeting_id: str, user_id: str) -> dict:
        """Take someone off the meeting (not the chair or the secretary, not anyone
        already checked in); their unused mandates are revoked."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "bớt người dự họp")
        schedule.require_status(meeting.status, schedule.LIVE, "bớt người dự họp")
        row = self._participant(meeting.meeting_id, user_id)
        if row is None:
            raise ValidationFailed("Người này không có trong cuộc họp.", {"user_id": "not_found"})
        if row.role in (CHAIR, SECRETARY):
            raise ValidationFailed("Hãy đổi người chủ trì/thư ký thay vì xóa.", {"user_id": "lead"})
        if row.checked_in_at:
            raise Conflict("Người này đã điểm danh, không thể xóa khỏi cuộc họp.")
        removed = [user_id]
        self._leave(meeting, row, actor.user_id, removed)
        self._touch(meeting.meeting_id)
        meeting.reload()
        self._audit(meeting.meeting_id, actor.user_id, "remove_participant", user_id=user_id)
        self._event(events.UPDATED, meeting, actor.user_id, changes=["participants"], sequence=meeting.sequence,
                    added_ids=[], removed_ids=removed)
        return self._detail(actor, meeting)

    @rpc
    def cancel(self, actor: dict, meeting_id: str, reason: str) -> dict:
        """Cancel before it starts, with a reason. An issued giấy mời is recalled
        through the documents service (thu hồi), best effort."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "hủy cuộc họp")
        reason = (reason or "").strip()
        if len(reason) < 3:
            raise ValidationFailed("Cần nêu lý do hủy cuộc họp.", {"reason": "required"})
        to_status = schedule.next_status(meeting.status, "cancel")
        now = utcnow()
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, status=meeting.status).update_one(
                set__status=to_status, set__cancel_reason=reason, set__cancelled_at=now,
                set__cancelled_by=actor.user_id, inc__sequence=1, inc__version=1, set__updated_at=now):
            raise Conflict("Cuộc họp vừa thay đổi trạng thái, vui lòng tải lại.")
        meeting.reload()
        self._audit(meeting.meeting_id, actor.user_id, "cancel", reason=reason)
        for invitation in meeting.invitations:
            self._recall_invitation(meeting, invitation, f"Hủy cuộc họp: {reason}")
        self._event(events.CANCELLED, meeting, actor.user_id, reason=reason)
        return self._detail(actor, meeting)

    # ---------------------------------------------------------------- running the meeting
    @rpc
    def start(self, actor: dict, meeting_id: str) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "bắt đầu cuộc họp")
        to_status = schedule.next_status(meeting.status, "start")
        first = meeting.agenda[0].item_id if meeting.agenda else None
        now = utcnow()
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, status=meeting.status).update_one(
                set__status=to_status, set__started_at=now, set__current_item_id=meeting.current_item_id or first,
                inc__version=1, set__updated_at=now):
            raise Conflict("Cuộc họp vừa thay đổi trạng thái, vui lòng tải lại.")
        self._audit(meeting.meeting_id, actor.user_id, "start")
        return self._detail(actor, meeting.reload())

    @rpc
    def end(self, actor: dict, meeting_id: str) -> dict:
        """End the meeting: no vote may still be open; whoever is speaking stops."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "kết thúc cuộc họp")
        to_status = schedule.next_status(meeting.status, "end")
        if models.Vote.objects(meeting_id=meeting.meeting_id, status="open").first():
            raise InvalidTransition("Còn biểu quyết đang mở: hãy kết thúc biểu quyết trước.")
        now = utcnow()
        for speaker in models.Speaker.objects(meeting_id=meeting.meeting_id, status=speakers.SPEAKING):
            self._finish_speaker(speaker, now)
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, status=meeting.status).update_one(
                set__status=to_status, set__ended_at=now, inc__version=1, set__updated_at=now):
            raise Conflict("Cuộc họp vừa thay đổi trạng thái, vui lòng tải lại.")
        self._audit(meeting.meeting_id, actor.user_id, "end")
        return self._detail(actor, meeting.reload())

    @rpc
    def set_current_item(self, actor: dict, meeting_id: str, item_id: str) -> dict:
        """The item under discussion, shown in the live room."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "chuyển nội dung họp")
        schedule.require_status(meeting.status, (schedule.IN_PROGRESS,), "chuyển nội dung họp")
        self._item(meeting, item_id)
        self._touch(meeting.meeting_id, set__current_item_id=item_id)
        self._audit(meeting.meeting_id, actor.user_id, "set_current_item", item_id=item_id)
        return self._detail(actor, meeting.reload())

    # ---------------------------------------------------------------- helpers
    def _check_lead(self, meeting: models.Meeting, role: str, new_id: str | None) -> dict | None:
        """The user who is to become chair or secretary, if they can."""
        field = "chair_id" if role == CHAIR else "secretary_id"
        if not new_id:
            return None
        user = self.people.user(new_id, field)
        if any(m["member_id"] == new_id for m in self._mandates(meeting.meeting_id)):
            raise Conflict("Người này đã ủy quyền dự họp cho người khác; cần thu hồi ủy quyền trước.")
        row = self._participant(meeting.meeting_id, new_id)
        if row is not None and row.role in (CHAIR, SECRETARY):
            raise ValidationFailed("Không thể vừa là chủ trì vừa là thư ký.", {field: "conflict"})
        return user

    def _hand_over(self, meeting: models.Meeting, role: str, old_id: str | None, user: dict | None,
                   added: list, removed: list) -> None:
        """Hand the chair or the secretary to someone else: the new person takes the
        role (keeping a vote they had as a member); the old one stays as a member
        if they were named one, or leaves the meeting."""
        if user is not None:
            row = self._participant(meeting.meeting_id, user["user_id"])
            if row is None:
                self._insert_participants(meeting.meeting_id, [self._row(user, role)])
                added.append(user["user_id"])
            else:
                models.Participant.objects(participant_id=row.participant_id).update_one(
                    set__role=role, set__voting=role == CHAIR or row.named_member)
        old = self._participant(meeting.meeting_id, old_id) if old_id else None
        if old is not None:
            if participants.demoted_role(old.named_member):
                models.Participant.objects(participant_id=old.participant_id).update_one(
                    set__role=participants.MEMBER, set__voting=True)
            else:
                self._leave(meeting, old, None, removed)
                removed.append(old_id)

    def _leave(self, meeting: models.Meeting, row: models.Participant, by: str | None, removed: list) -> None:
        """Remove a participant: revoke unused mandates they gave or hold, withdraw
        their queued speeches."""
        for mandate in models.Mandate.objects(meeting_id=meeting.meeting_id, status=delegation.ACTIVE):
            if row.user_id not in (mandate.member_id, mandate.delegate_id):
                continue
            if mandate.used:
                raise Conflict("Người này có ủy quyền đã dùng để biểu quyết, không thể xóa khỏi cuộc họp.")
            self._revoke(meeting, mandate, by)
            if mandate.delegate_id != row.user_id:
                removed += self._drop_orphan_delegate(meeting, mandate.delegate_id)
        for entry in models.Speaker.objects(meeting_id=meeting.meeting_id, user_id=row.user_id,
                                            status__in=speakers.QUEUED):
            models.Speaker.objects(speaker_id=entry.speaker_id, status=entry.status).update_one(
                set__status=speakers.WITHDRAWN, set__queue_slot=f"closed:{entry.speaker_id}")
        models.Participant.objects(participant_id=row.participant_id).delete()

    def _recall_invitation(self, meeting: models.Meeting, invitation: models.Invitation, reason: str,
                           replacement_id: str | None = None) -> None:
        """Ask the documents service to recall (or replace) an issued giấy mời.
        Best effort: the meeting's own state never waits on it, the audit says how it went."""
        if not invitation.document_id:
            return
        request = {"kind": "replace", "reason": reason, "replacement_id": replacement_id} if replacement_id \
            else {"kind": "recall", "reason": reason}
        try:
            self.documents.request_change(system_actor(meeting.unit_code), invitation.document_id, request)
            self._audit(meeting.meeting_id, SYSTEM_USER, f"invitation_{request['kind']}",
                        symbol=invitation.symbol)
        except Exception as exc:  # a recipient may have refused it already: nothing to recall there
            log.warning("could not %s invitation %s: %s", request["kind"], invitation.symbol, exc)
            self._audit(meeting.meeting_id, SYSTEM_USER, f"invitation_{request['kind']}_failed",
                        symbol=invitation.symbol, error=str(exc)[:500])
