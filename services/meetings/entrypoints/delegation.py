"""Delegation (ủy quyền): grant, revoke, and the seats a person votes for.
The rules are in ``domain.delegation``; here they meet the data."""
from __future__ import annotations

from mongoengine import NotUniqueError

from services.common.actor import Actor
from services.common.clock import utcnow
from services.common.errors import Conflict, PermissionDenied
from services.common.rpc import rpc

from .. import events, models, views
from ..domain import delegation, schedule
from ..domain.participants import DELEGATE, DELEGATED, PENDING
from .base import SYSTEM_USER, MeetingsBase


class DelegationEntrypoints(MeetingsBase):

    @rpc
    def delegate(self, actor: dict, meeting_id: str, delegate_id: str, note: str | None = None) -> dict:
        """The actor authorises ``delegate_id`` to attend — and vote, if the actor
        has a vote — in their place. The delegate joins the meeting to see it."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "ủy quyền")
        return self._grant(actor, meeting, str(delegate_id or ""), (note or "").strip() or None)

    def _grant(self, actor: Actor, meeting: models.Meeting, delegate_id: str, note: str | None) -> dict:
        row = self._participant(meeting.meeting_id, actor.user_id)
        member = {"user_id": row.user_id, "role": row.role, "voting": row.voting} if row else None
        delegation.check_grant(member, delegate_id, self._mandates(meeting.meeting_id),
                               self.settings.MEETING_MAX_MANDATES_PER_DELEGATE)
        delegate = self.people.user(delegate_id, "delegate_id")
        mandate = models.Mandate(meeting_id=meeting.meeting_id, member_id=actor.user_id, delegate_id=delegate_id,
                                 active_slot=delegation.slot(meeting.meeting_id, actor.user_id), note=note,
                                 granted_by=actor.user_id)
        try:
            mandate.save(force_insert=True)
        except NotUniqueError:
            raise Conflict("Bạn đã ủy quyền cho người khác; hãy thu hồi trước khi ủy quyền lại.") from None
        if self._participant(meeting.meeting_id, delegate_id) is None:
            try:
                models.Participant(participant_id=models.Participant.key(meeting.meeting_id, delegate_id),
                                   meeting_id=meeting.meeting_id, user_id=delegate_id,
                                   full_name=delegate.get("full_name"), position=delegate.get("position"),
                                   unit_code=delegate.get("unit_code"), role=DELEGATE, voting=False,
                                   response=PENDING).save(force_insert=True)
            except NotUniqueError:
                pass  # invited meanwhile
        now = utcnow()
        models.Participant.objects(participant_id=row.participant_id).update_one(
            set__response=DELEGATED, set__response_reason=note, set__responded_at=now)
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "delegate", delegate_id=delegate_id,
                    mandate_id=mandate.mandate_id, voting=row.voting)
        self._event(events.RESPONSE_RECEIVED, meeting, actor.user_id, user_id=actor.user_id, response=DELEGATED,
                    reason=note, delegate_id=delegate_id)
        self._event(events.DELEGATED, meeting, actor.user_id, mandate_id=mandate.mandate_id,
                    member_id=actor.user_id, delegate_id=delegate_id, action="granted", voting=row.voting)
        return views.mandate_view(mandate)

    @rpc
    def revoke_delegation(self, actor: dict, meeting_id: str, member_id: str | None = None) -> dict:
        """Take back one's mandate while it is unused; the chair or the secretary may
        do it for a member (who asked them in the room)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "thu hồi ủy quyền")
        member_id = member_id or actor.user_id
        if member_id != actor.user_id and not self._is_operator(actor, meeting):
            raise PermissionDenied("Chỉ người ủy quyền (hoặc chủ trì, thư ký) mới được thu hồi ủy quyền.")
        found = models.Mandate.objects(active_slot=delegation.slot(meeting.meeting_id, member_id)).first()
        delegation.check_revoke(views.mandate_row(found) if found else None)
        self._revoke(meeting, found, actor.user_id)
        self._drop_orphan_delegate(meeting, found.delegate_id)
        self._touch(meeting.meeting_id)
        return views.mandate_view(found.reload())

    @rpc
    def my_mandates(self, actor: dict, meeting_id: str) -> dict:
        """The mandate the actor gave (if any), those they hold, and the seats they vote for now."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        given = models.Mandate.objects(meeting_id=meeting.meeting_id, member_id=actor.user_id).order_by("-granted_at")
        held = models.Mandate.objects(meeting_id=meeting.meeting_id, delegate_id=actor.user_id,
                                      status=delegation.ACTIVE)
        row = self._participant(meeting.meeting_id, actor.user_id)
        seats = delegation.seats_of(actor.user_id, {"voting": row.voting} if row else None,
                                    self._mandates(meeting.meeting_id))
        return {"given": [views.mandate_view(m) for m in given], "held": [views.mandate_view(m) for m in held],
                "seats": seats}

    # ---------------------------------------------------------------- helpers
    def _revoke(self, meeting: models.Meeting, mandate: models.Mandate, by: str | None) -> None:
        """Revoke atomically, and only while unused: a vote cast with the mandate at
        the same moment wins (it marks the mandate used first)."""
        now = utcnow()
        if not models.Mandate.objects(mandate_id=mandate.mandate_id, status=delegation.ACTIVE, used=False).update_one(
                set__status=delegation.REVOKED, set__active_slot=delegation.revoked_slot(mandate.mandate_id),
                set__revoked_at=now, set__revoked_by=by):
            raise Conflict("Ủy quyền đã được sử dụng để biểu quyết, không thể thu hồi.")
        # the member has not answered for themselves yet
        models.Participant.objects(participant_id=models.Participant.key(meeting.meeting_id, mandate.member_id),
                                   response=DELEGATED).update_one(set__response=PENDING, set__responded_at=now)
        by = by or SYSTEM_USER
        member = self._participant(meeting.meeting_id, mandate.member_id)
        self._audit(meeting.meeting_id, by, "revoke_delegation",
                    mandate_id=mandate.mandate_id, member_id=mandate.member_id, delegate_id=mandate.delegate_id)
        self._event(events.DELEGATED, meeting, by, mandate_id=mandate.mandate_id, member_id=mandate.member_id,
                    delegate_id=mandate.delegate_id, action="revoked", voting=bool(member and member.voting))

    def _drop_orphan_delegate(self, meeting: models.Meeting, delegate_id: str) -> list[str]:
        """A person who was in the meeting only to stand in for someone leaves it
        when their last mandate goes — unless they already checked in."""
        row = self._participant(meeting.meeting_id, delegate_id)
        if row is None or row.role != DELEGATE or row.checked_in_at:
            return []
        if models.Mandate.objects(meeting_id=meeting.meeting_id, delegate_id=delegate_id,
                                  status=delegation.ACTIVE).first():
            return []
        models.Participant.objects(participant_id=row.participant_id).delete()
        return [delegate_id]
