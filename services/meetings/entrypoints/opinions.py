"""Written opinions (lấy ý kiến bằng văn bản): the secretary circulates a draft
(text and/or a file) with a deadline; each recipient agrees or comments; the
secretary sees who answered and a consolidation."""
from __future__ import annotations

from services.common.actor import Actor
from services.common.clock import iso, parse_datetime, utcnow
from services.common.errors import NotFound, PermissionDenied, ValidationFailed
from services.common.rpc import rpc

from .. import events, models, schemas, views
from ..domain import opinions, schedule
from .base import MeetingsBase


class OpinionEntrypoints(MeetingsBase):

    @rpc
    def request_opinions(self, actor: dict, meeting_id: str, data: dict) -> dict:
        """Circulate a draft; recipients default to every participant but the requester."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "lấy ý kiến")
        schedule.require_status(meeting.status, schedule.OPINIONS_OPEN, "lấy ý kiến")
        spec = schemas.parse(schemas.OpinionIn, data)
        deadline = parse_datetime(spec.deadline)
        opinions.check_deadline(deadline, utcnow())
        everyone = self._participant_ids(meeting.meeting_id)
        if spec.recipient_ids is None:
            recipients = [u for u in everyone if u != actor.user_id]
        else:
            recipients = list(dict.fromkeys(spec.recipient_ids))
            strangers = set(recipients) - set(everyone)
            if strangers:
                raise ValidationFailed("Người nhận phải là người dự họp.", {"recipient_ids": "not_participant"})
        if not recipients:
            raise ValidationFailed("Chưa có người nhận.", {"recipient_ids": "empty"})
        file = self._accept_upload(spec.file.model_dump()) if spec.file else {}
        request = models.OpinionRequest(meeting_id=meeting.meeting_id, title=spec.title, text=spec.text, file=file,
                                        deadline=deadline, recipient_ids=recipients, created_by=actor.user_id)
        request.save(force_insert=True)
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "request_opinions", request_id=request.request_id,
                    title=request.title, deadline=iso(deadline), recipients=len(recipients))
        self._event(events.OPINION_REQUESTED, meeting, actor.user_id, request_id=request.request_id,
                    request_title=request.title, deadline=iso(deadline), recipient_ids=recipients)
        return views.opinion_view(request)

    @rpc
    def answer_opinion(self, actor: dict, meeting_id: str, request_id: str, data: dict) -> dict:
        """Agree, or disagree with comments; an answer may be changed until the deadline."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        request = self._request(meeting, request_id)
        if actor.user_id not in request.recipient_ids:
            raise PermissionDenied("Bạn không được lấy ý kiến về dự thảo này.")
        answer = schemas.parse(schemas.AnswerIn, data)
        now = utcnow()
        opinions.check_answer(request.status, request.deadline, now, answer.agree, answer.comment)
        key = f"{request.request_id}:{actor.user_id}"
        models.OpinionAnswer.objects(answer_id=key).update_one(
            upsert=True, set__request_id=request.request_id, set__meeting_id=meeting.meeting_id,
            set__user_id=actor.user_id, set__agree=answer.agree, set__comment=answer.comment, set__answered_at=now)
        answered = models.OpinionAnswer.objects(request_id=request.request_id).count()
        self._record_changed(meeting.meeting_id)
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "answer_opinion", request_id=request.request_id,
                    agree=answer.agree)
        self._event(events.OPINION_RECEIVED, meeting, actor.user_id, request_id=request.request_id,
                    request_title=request.title, user_id=actor.user_id, agree=answer.agree, answered=answered,
                    expected=len(request.recipient_ids))
        return {"request_id": request.request_id, "agree": answer.agree, "comment": answer.comment,
                "answered_at": iso(now)}

    @rpc
    def close_opinions(self, actor: dict, meeting_id: str, request_id: str) -> dict:
        """Stop collecting before the deadline."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "kết thúc lấy ý kiến")
        request = self._request(meeting, request_id)
        models.OpinionRequest.objects(request_id=request.request_id, status=opinions.OPEN).update_one(
            set__status=opinions.CLOSED, set__closed_at=utcnow())
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "close_opinions", request_id=request.request_id)
        return views.opinion_view(request.reload())

    @rpc
    def opinion_summary(self, actor: dict, meeting_id: str, request_id: str) -> dict:
        """For the chair and secretary: who answered, who did not, the comments, the counts."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "xem tổng hợp ý kiến")
        request = self._request(meeting, request_id)
        people = {p.user_id: p for p in models.Participant.objects(meeting_id=meeting.meeting_id,
                                                                   user_id__in=request.recipient_ids)}
        recipients = [{"user_id": u, "full_name": people[u].full_name if u in people else u,
                       "unit_code": people[u].unit_code if u in people else None} for u in request.recipient_ids]
        answers = [{"user_id": a.user_id, "agree": a.agree, "comment": a.comment, "answered_at": iso(a.answered_at)}
                   for a in models.OpinionAnswer.objects(request_id=request.request_id)]
        return {"request": views.opinion_view(request), **opinions.consolidate(recipients, answers)}

    @rpc
    def list_opinions(self, actor: dict, meeting_id: str) -> list:
        """Requests the actor is asked about (all, for the chair and secretary), with their own answer."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        sees_all = self._can_manage(actor, meeting)
        out = []
        for request in models.OpinionRequest.objects(meeting_id=meeting.meeting_id).order_by("-created_at"):
            if not (sees_all or actor.user_id in request.recipient_ids):
                continue
            mine = models.OpinionAnswer.objects(answer_id=f"{request.request_id}:{actor.user_id}").first()
            out.append({**views.opinion_view(request), "open": request.status == opinions.OPEN
                        and utcnow() <= request.deadline,
                        "my_answer": {"agree": mine.agree, "comment": mine.comment,
                                      "answered_at": iso(mine.answered_at)} if mine else None})
        return out

    @rpc
    def opinion_file_url(self, actor: dict, meeting_id: str, request_id: str) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        request = self._request(meeting, request_id)
        if not (self._can_manage(actor, meeting) or actor.user_id in request.recipient_ids) or not request.file:
            raise NotFound("Không tìm thấy tệp dự thảo.")
        return self._link(dict(request.file))

    @staticmethod
    def _request(meeting: models.Meeting, request_id: str) -> models.OpinionRequest:
        request = models.OpinionRequest.objects(request_id=str(request_id), meeting_id=meeting.meeting_id).first()
        if request is None:
            raise NotFound("Không tìm thấy phiếu lấy ý kiến.")
        return request
