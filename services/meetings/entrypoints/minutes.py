"""Conclusions, the minutes (biên bản) and the conclusion notice (thông báo kết
luận). The secretary writes a conclusion per item; after the meeting the
system generates both papers as Decree 30 .docx in S3; once the chair approves,
the notice is issued as an official document (type TB) through the documents
service to the units that took part, and the meeting counts as held."""
from __future__ import annotations

import logging

from services.common.actor import Actor
from services.common.clock import iso, utcnow
from services.common.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from services.common.rpc import rpc

from .. import events, models, paperwork, render, schemas, views
from ..domain import schedule
from ..domain.participants import DELEGATE
from .base import official_file, system_actor
from .facts import FactsMixin

log = logging.getLogger(__name__)


class MinutesEntrypoints(FactsMixin):

    @rpc
    def set_conclusion(self, actor: dict, meeting_id: str, item_id: str, data: dict) -> dict:
        """The chair's conclusion on an item, as the secretary records it."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "ghi kết luận")
        schedule.require_status(meeting.status, schedule.RECORDING, "ghi kết luận")
        self._item(meeting, item_id)
        text = schemas.parse(schemas.ConclusionIn, data).text
        models.Meeting.objects(meeting_id=meeting.meeting_id, agenda__item_id=item_id).update_one(
            set__agenda__S__conclusion=text, set__agenda__S__concluded_by=actor.user_id,
            set__agenda__S__concluded_at=utcnow(), inc__version=1, set__updated_at=utcnow())
        self._record_changed(meeting.meeting_id)
        self._audit(meeting.meeting_id, actor.user_id, "set_conclusion", item_id=item_id)
        meeting.reload()
        return views.item_view(self._item(meeting, item_id), [i.item_id for i in meeting.agenda].index(item_id) + 1)

    @rpc
    def generate_minutes(self, actor: dict, meeting_id: str) -> dict:
        """Generate (again) the biên bản and the thông báo kết luận from what was recorded."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "lập biên bản")
        schedule.require_status(meeting.status, (schedule.ENDED,), "lập biên bản")
        facts = self._facts(meeting, full=True)
        minutes = self.storage.put_bytes(render.official(paperwork.minutes_spec(facts)),
                                         render.docx_name("Biên bản", meeting.title), render.DOCX_TYPE, prefix="generated")
        notice = self.storage.put_bytes(render.official(paperwork.notice_spec(facts)),
                                        render.docx_name("Thông báo kết luận", meeting.title), render.DOCX_TYPE,
                                        prefix="generated")
        revision = (meeting.paperwork.revision if meeting.paperwork else 0) + 1
        record = models.Paperwork(minutes_file=minutes.as_dict(), notice_file=notice.as_dict(), revision=revision,
                                  generated_at=utcnow(), generated_by=actor.user_id)
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, status=schedule.ENDED).update_one(
                set__paperwork=record, inc__version=1, set__updated_at=utcnow()):
            raise Conflict("Cuộc họp vừa thay đổi trạng thái, vui lòng tải lại.")
        self._audit(meeting.meeting_id, actor.user_id, "generate_minutes", revision=revision,
                    minutes_sha256=minutes.sha256, notice_sha256=notice.sha256)
        return {**views.paperwork_view(record), "minutes_url": self._link(minutes.as_dict())["url"],
                "notice_url": self._link(notice.as_dict())["url"]}

    @rpc
    def approve_minutes(self, actor: dict, meeting_id: str) -> dict:
        """The chair approves: the notice is issued (type TB) to the units that took
        part, the meeting is published, and reporting counts it as held."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_chair(actor, meeting, "duyệt biên bản và ban hành thông báo kết luận")
        schedule.next_status(meeting.status, "publish")
        record = meeting.paperwork
        if record is None or not record.minutes_file:
            raise InvalidTransition("Chưa lập biên bản cuộc họp.")
        if record.stale:
            raise InvalidTransition("Biên bản chưa cập nhật những thay đổi mới nhất: hãy lập lại biên bản.")
        now = utcnow()
        # the approval is the claim: a second click finds it taken
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, status=schedule.ENDED,
                                      paperwork__revision=record.revision, paperwork__stale=False,
                                      paperwork__approved_at=None).update_one(
                set__paperwork__approved_at=now, set__paperwork__approved_by=actor.user_id):
            raise Conflict("Biên bản vừa thay đổi hoặc đã được duyệt, vui lòng tải lại.")
        try:
            recipients = sorted({p.unit_code for p in models.Participant.objects(meeting_id=meeting.meeting_id)
                                 if p.role != DELEGATE and p.unit_code and p.unit_code != meeting.unit_code})
            issued = self._issue_notice(meeting, record, recipients) if recipients else None
        except Exception:
            models.Meeting.objects(meeting_id=meeting.meeting_id).update_one(
                set__paperwork__approved_at=None, set__paperwork__approved_by=None)
            raise
        # once issued, the notice to download is the numbered one the units received
        notice_file = official_file(issued) if issued else record.notice_file
        models.Meeting.objects(meeting_id=meeting.meeting_id).update_one(
            set__status=schedule.PUBLISHED, set__paperwork__notice_document_id=issued and issued["document_id"],
            set__paperwork__notice_symbol=issued and issued["symbol"], set__paperwork__notice_recipients=recipients,
            set__paperwork__notice_file=notice_file, inc__version=1, set__updated_at=utcnow())
        meeting.reload()
        attendance, _ = self._attendance(meeting)
        self._audit(meeting.meeting_id, actor.user_id, "approve_minutes", revision=record.revision,
                    notice_symbol=meeting.paperwork.notice_symbol)
        last_invitation = next((i for i in reversed(meeting.invitations) if i.symbol), None)
        self._event(events.MINUTES_PUBLISHED, meeting, actor.user_id, ended_at=iso(meeting.ended_at),
                    attendance=attendance, invitation_symbol=last_invitation.symbol if last_invitation else None,
                    notice_document_id=meeting.paperwork.notice_document_id,
                    notice_symbol=meeting.paperwork.notice_symbol, notice_recipients=recipients,
                    minutes_file=views.file_view(meeting.paperwork.minutes_file),
                    votes_held=models.Vote.objects(meeting_id=meeting.meeting_id, status="closed").count())
        return self._detail(actor, meeting)

    def _issue_notice(self, meeting: models.Meeting, record: models.Paperwork, recipients: list[str]) -> dict:
        facts = self._facts(meeting, full=True)
        clerk = system_actor(meeting.unit_code)
        draft = self.documents.create_draft(clerk, paperwork.notice_draft(facts, recipients))
        try:
            # the approved text, rendered by the documents service with its number
            return self.documents.issue(clerk, draft["document_id"], attach_official=True)
        except Exception:
            try:
                self.documents.delete_draft(clerk, draft["document_id"])
            except Exception:
                log.exception("could not delete the notice draft %s", draft["document_id"])
            raise

    @rpc
    def file_url(self, actor: dict, meeting_id: str, which: str) -> dict:
        """Download link of the giấy mời (``invitation``), the biên bản (``minutes``),
        or the thông báo kết luận (``notice``). Minutes and notice: the chair, the
        secretary and the unit's leaders until approved, every participant after."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        if which == "invitation":
            file = meeting.invitations[-1].file if meeting.invitations else None
        elif which in ("minutes", "notice"):
            record = meeting.paperwork
            allowed = self._can_manage(actor, meeting) or meeting.status == schedule.PUBLISHED
            file = (record.minutes_file if which == "minutes" else record.notice_file) if record and allowed else None
        else:
            raise ValidationFailed("Loại tệp phải là invitation, minutes hoặc notice.", {"which": "invalid"})
        if not file:
            raise NotFound("Chưa có tệp này.")
        self._audit(meeting.meeting_id, actor.user_id, "download", which=which)
        return self._link(dict(file))
