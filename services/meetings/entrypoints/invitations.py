"""The giấy mời and the answers to it.

Sending invitations issues an official document of type GM through the
documents service, numbered in the organising unit's register and delivered to
the invitees' units. The meetings service acts there as the unit's văn thư
(``base.system_actor``): the chair signs, the system numbers and sends, the way
the clerk would. The documents service renders the Decree 30 .docx when it
issues, so the giấy mời carries its number and date.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from services.common.actor import Actor
from services.common.clock import utcnow
from services.common.errors import Conflict, PermissionDenied
from services.common.rpc import rpc

from .. import events, models, paperwork, render, schemas
from ..domain import delegation, participants, schedule
from ..domain.participants import DELEGATE, DELEGATED
from .base import official_file, system_actor
from .facts import FactsMixin

log = logging.getLogger(__name__)
CLAIM = timedelta(minutes=2)


class InvitationEntrypoints(FactsMixin):

    @rpc
    def send_invitations(self, actor: dict, meeting_id: str) -> dict:
        """Issue the giấy mời (again, after a change: the new one replaces the old)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "gửi giấy mời")
        schedule.next_status(meeting.status, "invite")
        now = utcnow()
        # one sender at a time: a double click must not issue two numbers
        claimed = models.Meeting.objects(meeting_id=meeting.meeting_id, status__in=schedule.EDITABLE,
                                         __raw__={"$or": [{"invitation_claim": None},
                                                          {"invitation_claim": {"$lt": now - CLAIM}}]}
                                         ).update_one(set__invitation_claim=now)
        if not claimed:
            raise Conflict("Giấy mời đang được gửi.")
        try:
            invitation = self._issue_invitation(meeting)
            invitation.sent_by = actor.user_id
            previous = meeting.invitations[-1] if meeting.invitations else None
            models.Meeting.objects(meeting_id=meeting.meeting_id).update_one(
                push__invitations=invitation, set__status=schedule.INVITED, unset__invitation_claim=True,
                inc__version=1, set__updated_at=utcnow())
        except Exception:
            models.Meeting.objects(meeting_id=meeting.meeting_id).update_one(unset__invitation_claim=True)
            raise
        meeting.reload()
        if previous is not None and previous.document_id and invitation.document_id:
            self._recall_invitation(meeting, previous, "Thay đổi thông tin cuộc họp: giấy mời mới thay thế",
                                    replacement_id=invitation.document_id)
        self._audit(meeting.meeting_id, actor.user_id, "send_invitations", symbol=invitation.symbol,
                    recipients=list(invitation.recipients))
        self._event(events.INVITATION_SENT, meeting, actor.user_id, document_id=invitation.document_id,
                    symbol=invitation.symbol, recipient_units=list(invitation.recipients),
                    invitation_number=len(meeting.invitations))
        return self._detail(actor, meeting)

    def _issue_invitation(self, meeting: models.Meeting) -> models.Invitation:
        facts = self._facts(meeting)
        recipients = sorted({p.unit_code for p in models.Participant.objects(meeting_id=meeting.meeting_id)
                             if p.role != DELEGATE and p.unit_code and p.unit_code != meeting.unit_code})
        invitation = models.Invitation(recipients=recipients, sequence=meeting.sequence)
        if not recipients:
            # everyone is in the organising unit: no official document travels, an
            # unnumbered giấy mời is the meeting's own paper
            content = render.official(paperwork.invitation_spec(facts))
            name = render.docx_name("Giấy mời", meeting.title)
            invitation.file = self.storage.put_bytes(content, name, render.DOCX_TYPE, prefix="generated").as_dict()
            return invitation
        clerk = system_actor(meeting.unit_code)
        draft = self.documents.create_draft(clerk, paperwork.invitation_draft(facts, recipients))
        try:
            # the documents service renders the .docx once the register gave it its
            # number, so the giấy mời the units open carries number and date
            issued = self.documents.issue(clerk, draft["document_id"], attach_official=True)
        except Exception:
            try:
                self.documents.delete_draft(clerk, draft["document_id"])
            except Exception:  # the draft stays in the unit's drafts, visible to its clerk
                log.exception("could not delete the invitation draft %s", draft["document_id"])
            raise
        invitation.document_id, invitation.symbol = issued["document_id"], issued["symbol"]
        invitation.file = official_file(issued)
        return invitation

    # ---------------------------------------------------------------- answers
    @rpc
    def respond(self, actor: dict, meeting_id: str, data: dict) -> dict:
        """Attend, decline (with a reason) or delegate (``delegate_id``)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "trả lời giấy mời")
        answer = schemas.parse(schemas.RespondIn, data)
        row = self._participant(meeting.meeting_id, actor.user_id)
        if row is None or row.role == DELEGATE:
            raise PermissionDenied("Chỉ người được mời mới trả lời giấy mời.")
        if answer.answer == DELEGATED:
            self._grant(actor, meeting, answer.delegate_id or "", answer.reason)
            return self._detail(actor, meeting.reload())
        participants.check_response({"role": row.role}, answer.answer, answer.reason)
        if models.Mandate.objects(active_slot=delegation.slot(meeting.meeting_id, actor.user_id)).first():
            raise Conflict("Bạn đã ủy quyền cho người khác; hãy thu hồi ủy quyền trước khi trả lời lại.")
        models.Participant.objects(participant_id=row.participant_id).update_one(
            set__response=answer.answer, set__response_reason=answer.reason, set__responded_at=utcnow())
        self._touch(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "respond", response=answer.answer, reason=answer.reason)
        self._event(events.RESPONSE_RECEIVED, meeting, actor.user_id, user_id=actor.user_id,
                    response=answer.answer, reason=answer.reason, delegate_id=None)
        return self._detail(actor, meeting.reload())
