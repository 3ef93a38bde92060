"""The list of speakers (đăng ký phát biểu): participants register on an item;
the chair (or the secretary at the console) orders, calls, starts and stops
them; spoken time is recorded for the minutes."""
from __future__ import annotations

from mongoengine import NotUniqueError

from services.common.actor import Actor
from services.common.clock import utcnow
from services.common.errors import Conflict, NotFound, PermissionDenied
from services.common.rpc import rpc

from .. import models, views
from ..domain import schedule, speakers
from .base import MeetingsBase

_ORDER = {speakers.SPEAKING: 0, speakers.CALLED: 1, speakers.WAITING: 2, speakers.DONE: 3, speakers.WITHDRAWN: 4}


class SpeakerEntrypoints(MeetingsBase):

    @rpc
    def register_speaker(self, actor: dict, meeting_id: str, item_id: str, user_id: str | None = None) -> dict:
        """Ask to speak on an item (or, for the chair/secretary, put someone on the list)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "đăng ký phát biểu")
        self._item(meeting, item_id)
        target = user_id or actor.user_id
        if target != actor.user_id:
            self._require_operator(actor, meeting, "đăng ký phát biểu cho người khác")
        row = self._participant(meeting.meeting_id, target)
        if row is None:
            raise PermissionDenied("Chỉ người dự họp mới được đăng ký phát biểu.")
        last = models.Speaker.objects(meeting_id=meeting.meeting_id, item_id=item_id).order_by("-position").first()
        entry = models.Speaker(meeting_id=meeting.meeting_id, item_id=item_id, user_id=target,
                               full_name=row.full_name, queue_slot=f"{meeting.meeting_id}:{item_id}:{target}",
                               position=(last.position + 1) if last else 1, registered_by=actor.user_id)
        try:
            entry.save(force_insert=True)
        except NotUniqueError:
            raise Conflict("Đã đăng ký phát biểu ở nội dung này.") from None
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "register_speaker", item_id=item_id, user_id=target,
                    speaker_id=entry.speaker_id)
        return views.speaker_view(entry)

    @rpc
    def withdraw_speaker(self, actor: dict, meeting_id: str, speaker_id: str) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        entry = self._speaker(meeting, speaker_id)
        if entry.user_id != actor.user_id:
            self._require_operator(actor, meeting, "rút đăng ký phát biểu của người khác")
        return self._step(actor, meeting, entry, "withdraw", queue_slot=f"closed:{entry.speaker_id}")

    @rpc
    def order_speakers(self, actor: dict, meeting_id: str, item_id: str, speaker_ids: list[str]) -> list:
        """Set the order of those still waiting or called."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "sắp xếp người phát biểu")
        queued = models.Speaker.objects(meeting_id=meeting.meeting_id, item_id=item_id,
                                        status__in=speakers.QUEUED)
        order = speakers.check_order([s.speaker_id for s in queued], list(speaker_ids or []))
        for position, speaker_id in enumerate(order, 1):
            models.Speaker.objects(speaker_id=speaker_id).update_one(set__position=position)
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "order_speakers", item_id=item_id, order=order)
        return self._speaker_list(meeting.meeting_id, item_id)

    @rpc
    def call_speaker(self, actor: dict, meeting_id: str, speaker_id: str | None = None,
                     item_id: str | None = None) -> dict:
        """Invite a speaker to the floor: the one given, or the next waiting on the
        item (default: the current item)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "mời phát biểu")
        schedule.require_status(meeting.status, (schedule.IN_PROGRESS,), "mời phát biểu")
        if speaker_id:
            entry = self._speaker(meeting, speaker_id)
        else:
            item_id = item_id or meeting.current_item_id
            waiting = [{"speaker_id": s.speaker_id, "status": s.status, "position": s.position}
                       for s in models.Speaker.objects(meeting_id=meeting.meeting_id, item_id=item_id,
                                                       status=speakers.WAITING)]
            nxt = speakers.next_to_call(waiting)
            if nxt is None:
                raise NotFound("Không còn ai đăng ký phát biểu ở nội dung này.")
            entry = self._speaker(meeting, nxt["speaker_id"])
        return self._step(actor, meeting, entry, "call", called_at=utcnow())

    @rpc
    def start_speaker(self, actor: dict, meeting_id: str, speaker_id: str) -> dict:
        """Give the floor: whoever was speaking stops (one speaker at a time)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "bắt đầu lượt phát biểu")
        schedule.require_status(meeting.status, (schedule.IN_PROGRESS,), "bắt đầu lượt phát biểu")
        entry = self._speaker(meeting, speaker_id)
        speakers.next_status(entry.status, "start")
        now = utcnow()
        for other in models.Speaker.objects(meeting_id=meeting.meeting_id, status=speakers.SPEAKING):
            self._finish_speaker(other, now)
        return self._step(actor, meeting, entry, "start", started_at=now)

    @rpc
    def stop_speaker(self, actor: dict, meeting_id: str, speaker_id: str | None = None) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "dừng lượt phát biểu")
        if speaker_id:
            entry = self._speaker(meeting, speaker_id)
        else:
            entry = models.Speaker.objects(meeting_id=meeting.meeting_id, status=speakers.SPEAKING).first()
            if entry is None:
                raise NotFound("Không có ai đang phát biểu.")
        speakers.next_status(entry.status, "stop")
        done = self._finish_speaker(entry, utcnow())
        if done is None:
            raise Conflict("Lượt phát biểu vừa kết thúc.")
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "stop_speaker", speaker_id=entry.speaker_id,
                    seconds=done.seconds)
        return views.speaker_view(done)

    @rpc
    def list_speakers(self, actor: dict, meeting_id: str, item_id: str | None = None) -> list:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        return self._speaker_list(meeting.meeting_id, item_id or meeting.current_item_id)

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _speaker_list(meeting_id: str, item_id: str | None) -> list:
        rows = models.Speaker.objects(meeting_id=meeting_id, item_id=item_id)
        ordered = sorted(rows, key=lambda s: (_ORDER[s.status], s.position if s.status in speakers.QUEUED
                                              else (s.started_at or s.registered_at).timestamp()))
        return [views.speaker_view(s) for s in ordered]

    @staticmethod
    def _speaker(meeting: models.Meeting, speaker_id: str) -> models.Speaker:
        entry = models.Speaker.objects(speaker_id=str(speaker_id), meeting_id=meeting.meeting_id).first()
        if entry is None:
            raise NotFound("Không tìm thấy lượt đăng ký phát biểu.")
        return entry

    def _step(self, actor: Actor, meeting: models.Meeting, entry: models.Speaker, action: str, **sets) -> dict:
        to_status = speakers.next_status(entry.status, action)
        if not models.Speaker.objects(speaker_id=entry.speaker_id, status=entry.status).update_one(
                set__status=to_status, **{f"set__{k}": v for k, v in sets.items()}):
            raise Conflict("Lượt phát biểu vừa thay đổi, vui lòng tải lại.")
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, f"{action}_speaker", speaker_id=entry.speaker_id,
                    user_id=entry.user_id)
        return views.speaker_view(entry.reload())

    @staticmethod
    def _finish_speaker(entry: models.Speaker, now) -> models.Speaker | None:
        """Stop a speaker and record the seconds spoken; None if already stopped."""
        seconds = speakers.spoken_seconds(entry.started_at, now)
        if not models.Speaker.objects(speaker_id=entry.speaker_id, status=speakers.SPEAKING).update_one(
                set__status=speakers.DONE, set__ended_at=now, set__seconds=seconds,
                set__queue_slot=f"closed:{entry.speaker_id}"):
            return None
        return entry.reload()
