"""Votes (biểu quyết): the chair opens and closes; present members and present
holders of mandates vote, once per seat; results are exact and published on close.

How a ballot is recorded (``cast_vote``), in this order:
1. a mandate used for the first time is marked used (so it can no longer be
   revoked — and a revocation that won the race makes this ballot fail);
2. a receipt keyed ``<vote>:<seat>`` is inserted: the unique key is what stops a
   seat voting twice, whoever casts it (member or delegate). It says who voted,
   never what, and carries no time (nor an ObjectId, which embeds one);
3. for an open (named) vote, the named ballot with its choices and time;
4. the choices are ``$inc``-ed into the vote's counters, only while the vote is
   open; if it closed meanwhile, steps 1–3 are undone and the ballot refused.
For a secret vote, the counters are the only record of the choices, and the
receipt and the counters are written by separate operations, so no stored
record — not even one database operation — joins a person to a choice.
"""
from __future__ import annotations

from mongoengine import NotUniqueError

from services.common.actor import Actor
from services.common.clock import utcnow
from services.common.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from services.common.rpc import rpc

from .. import events, models, schemas, views
from ..domain import delegation, schedule, votes
from ..exceptions import AlreadyVoted, QuorumNotReached
from .base import MeetingsBase


class VotingEntrypoints(MeetingsBase):

    @rpc
    def open_vote(self, actor: dict, meeting_id: str, data: dict) -> dict:
        """The chair opens a vote (one at a time), if the quorum is reached."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_chair(actor, meeting, "mở biểu quyết")
        schedule.require_status(meeting.status, (schedule.IN_PROGRESS,), "mở biểu quyết")
        spec_in = schemas.parse(schemas.VoteIn, data)
        item_id = spec_in.item_id or meeting.current_item_id
        if item_id:
            self._item(meeting, item_id)
        spec = votes.build_spec(spec_in.kind, spec_in.options, spec_in.multiple, spec_in.min_choices,
                                spec_in.max_choices, spec_in.threshold or meeting.vote_threshold)
        rows = list(models.Participant.objects(meeting_id=meeting.meeting_id))
        mandates = self._mandates(meeting.meeting_id)
        _, quorum = self._attendance(meeting, mandates)
        if spec_in.require_quorum and not quorum["reached"]:
            raise QuorumNotReached(f"Chưa đủ túc số để biểu quyết: có mặt {quorum['present_seats']}/"
                                   f"{quorum['total_seats']} đại biểu, cần {quorum['required']}.", quorum)
        vote = models.Vote(meeting_id=meeting.meeting_id, item_id=item_id, question=spec_in.question,
                           secret=spec_in.secret, open_slot=meeting.meeting_id, opened_by=actor.user_id,
                           tally={o["id"]: 0 for o in spec["options"]}, **spec)
        try:
            vote.save(force_insert=True)
        except NotUniqueError:
            raise Conflict("Đang có một biểu quyết khác: hãy kết thúc trước khi mở biểu quyết mới.") from None
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "open_vote", vote_id=vote.vote_id, question=vote.question,
                    secret=vote.secret)
        present = {p.user_id for p in rows if p.checked_in_at}
        voters = sorted({delegation.holder_of(p.user_id, mandates) for p in rows if p.voting} & present)
        self._event(events.VOTE_OPENED, meeting, actor.user_id, vote_id=vote.vote_id, item_id=item_id,
                    question=vote.question, secret=vote.secret, vote_kind=vote.kind, options=list(vote.options),
                    multiple=vote.multiple, min_choices=vote.min_choices, max_choices=vote.max_choices,
                    threshold=vote.threshold, voter_ids=voters)
        return views.vote_view(vote)

    @rpc
    def cast_vote(self, actor: dict, meeting_id: str, vote_id: str, choices, seat: str | None = None) -> dict:
        """Vote ``choices`` (option ids) for ``seat``: one's own, or that of a member
        whose mandate one holds (needed only when one votes for several seats)."""
        actor = Actor.parse(actor)
        vote = models.Vote.objects(vote_id=str(vote_id), meeting_id=str(meeting_id)).first()
        row = self._participant(str(meeting_id), actor.user_id)
        if vote is None or row is None:
            raise NotFound("Không tìm thấy biểu quyết.")
        if vote.status != votes.OPEN:
            raise InvalidTransition("Biểu quyết đã kết thúc.")
        chosen = votes.check_ballot(vote.spec(), choices)
        mandates = [views.mandate_row(m) for m in models.Mandate.objects(
            meeting_id=vote.meeting_id, status=delegation.ACTIVE,
            __raw__={"$or": [{"member_id": actor.user_id}, {"delegate_id": actor.user_id}]})]
        seat = self._seat(actor.user_id, row, mandates, seat)
        if row.checked_in_at is None:
            raise PermissionDenied("Cần điểm danh trước khi biểu quyết.")
        mandate = next((m for m in mandates if m["member_id"] == seat and seat != actor.user_id), None)
        newly_used = False
        if mandate is not None:
            newly_used = not mandate["used"]
            if not models.Mandate.objects(mandate_id=mandate["mandate_id"], status=delegation.ACTIVE).update_one(
                    set__used=True):
                raise Conflict("Ủy quyền vừa bị thu hồi.")
        receipt_id = f"{vote.vote_id}:{seat}"
        try:
            models.VoteReceipt(receipt_id=receipt_id, vote_id=vote.vote_id, seat=seat,
                               cast_by=actor.user_id).save(force_insert=True)
        except NotUniqueError:
            self._release(mandate, newly_used)
            raise AlreadyVoted("Phiếu của đại biểu này đã được ghi nhận; mỗi đại biểu chỉ biểu quyết một lần.") \
                from None
        if not vote.secret:
            models.OpenBallot(ballot_id=receipt_id, vote_id=vote.vote_id, seat=seat, cast_by=actor.user_id,
                              choices=chosen).save(force_insert=True)
        counted = models.Vote.objects(vote_id=vote.vote_id, status=votes.OPEN).update_one(
            inc__ballots=1, **{f"inc__tally__{c}": 1 for c in chosen})
        if not counted:
            models.OpenBallot.objects(ballot_id=receipt_id).delete()
            models.VoteReceipt.objects(receipt_id=receipt_id).delete()
            self._release(mandate, newly_used)
            raise InvalidTransition("Biểu quyết vừa kết thúc; phiếu không được tính.")
        self._audit(vote.meeting_id, actor.user_id, "cast_vote", vote_id=vote.vote_id, seat=seat)
        return {"vote_id": vote.vote_id, "seat": seat, "counted": True}

    @staticmethod
    def _seat(user_id: str, row: models.Participant, mandates: list[dict], wanted: str | None) -> str:
        seats = delegation.seats_of(user_id, {"voting": row.voting}, mandates)
        if wanted:
            if wanted not in seats:
                raise PermissionDenied("Bạn không biểu quyết thay cho đại biểu này.")
            return wanted
        if not seats:
            if row.voting:
                raise PermissionDenied("Bạn đã ủy quyền biểu quyết cho người khác.")
            raise PermissionDenied("Bạn không có quyền biểu quyết trong cuộc họp này.")
        if len(seats) > 1:
            raise ValidationFailed("Bạn biểu quyết cho nhiều đại biểu: hãy chọn đại biểu cho phiếu này.",
                                   {"seat": "required", "seats": ",".join(seats)})
        return seats[0]

    @staticmethod
    def _release(mandate: dict | None, newly_used: bool) -> None:
        """Undo marking a mandate used when its first ballot did not count."""
        if mandate is not None and newly_used:
            models.Mandate.objects(mandate_id=mandate["mandate_id"]).update_one(set__used=False)

    @rpc
    def close_vote(self, actor: dict, meeting_id: str, vote_id: str) -> dict:
        """The chair closes the vote; the results are computed and published."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_chair(actor, meeting, "kết thúc biểu quyết")
        vote = models.Vote.objects(vote_id=str(vote_id), meeting_id=meeting.meeting_id).first()
        if vote is None:
            raise NotFound("Không tìm thấy biểu quyết.")
        now = utcnow()
        if not models.Vote.objects(vote_id=vote.vote_id, status=votes.OPEN).update_one(
                set__status=votes.CLOSED, set__closed_at=now, set__closed_by=actor.user_id,
                set__open_slot=f"closed:{vote.vote_id}"):
            raise InvalidTransition("Biểu quyết đã kết thúc.")
        vote.reload()   # counters are final: a ballot only counts while the vote is open
        _, quorum = self._attendance(meeting)
        results = votes.results(vote.spec(), dict(vote.tally), vote.ballots, quorum["present_seats"],
                                quorum["total_seats"], quorum_reached=quorum["reached"])
        models.Vote.objects(vote_id=vote.vote_id).update_one(set__results=results)
        vote.reload()
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "close_vote", vote_id=vote.vote_id, passed=results["passed"],
                    ballots=results["ballots"])
        self._event(events.VOTE_CLOSED, meeting, actor.user_id, vote_id=vote.vote_id, item_id=vote.item_id,
                    question=vote.question, secret=vote.secret, results=results)
        return views.vote_view(vote)

    @rpc
    def get_vote(self, actor: dict, meeting_id: str, vote_id: str) -> dict:
        """A vote, with the actor's seats and whether each has voted; once closed,
        the results — and, for an open vote, the named ballots."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        vote = models.Vote.objects(vote_id=str(vote_id), meeting_id=meeting.meeting_id).first()
        if vote is None:
            raise NotFound("Không tìm thấy biểu quyết.")
        return self._vote_for(actor, vote)

    def _vote_for(self, actor: Actor, vote: models.Vote) -> dict:
        out = views.vote_view(vote)
        row = self._participant(vote.meeting_id, actor.user_id)
        mandates = self._mandates(vote.meeting_id)
        seats = delegation.seats_of(actor.user_id, {"voting": row.voting} if row else None, mandates)
        voted = set(models.VoteReceipt.objects(vote_id=vote.vote_id, seat__in=seats).scalar("seat")) if seats else set()
        out["my_seats"] = [{"seat": s, "voted": s in voted} for s in seats]
        out["can_vote"] = vote.status == votes.OPEN and bool(row and row.checked_in_at) and len(voted) < len(seats)
        if vote.status == votes.CLOSED and not vote.secret:
            out["named_ballots"] = [{"seat": b.seat, "cast_by": b.cast_by, "choices": list(b.choices)}
                                    for b in models.OpenBallot.objects(vote_id=vote.vote_id).order_by("seat")]
        return out

    @rpc
    def list_votes(self, actor: dict, meeting_id: str) -> list:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        return [views.vote_view(v) for v in models.Vote.objects(meeting_id=meeting.meeting_id).order_by("opened_at")]
