"""Submissions: a school drafts and attaches, its principal submits, the office
approves (locking the data), returns with a reason, or reopens one unit's
approved report. Every step is in the submission's history."""
from __future__ import annotations

import uuid
from datetime import timedelta

from mongoengine import NotUniqueError

from services.common.actor import ADMIN, LEADER, Actor
from services.common.clock import iso, local_date
from services.common.rpc import rpc
from services.common.schemas import load
from services.common.text import nfc

from .. import events, models, schemas
from ..domain import periods, validation, workflow
from ..exceptions import (Conflict, InvalidTransition, Locked, NotFound, PermissionDenied, ValidationFailed)
from ..views import deadline_utc, period_view, submission_view
from .base import OFFICE_LEADERS, OFFICE_REVIEWERS, assigned

MAX_ATTACHMENTS = 20
VISIBLE_DAYS = 31


class SubmissionEntrypoints:

    # ================================================================ the school's side
    @rpc
    def my_reports(self, actor: dict, year: int | None = None) -> list:
        """For a school: each assigned form × period of the year that is due soon,
        overdue or started, with its status and deadline — "my reports" (due,
        overdue, submitted)."""
        actor = Actor.parse(actor)
        unit = self._unit(actor.unit_id)
        now = self.clock.now()
        today = local_date(now)
        year = int(year or today.year)
        rows = []
        for head in models.FormHead.objects(active=True):
            _, spec = self._version(head.code, head.current_version)
            if not assigned(unit, head, spec):
                continue
            subs = {s.period_id: s for s in models.Submission.objects(form_code=head.code, unit_code=unit["code"])}
            for period in spec.schedule(year):
                sub = subs.get(period.id)
                # shown from the last month of its data window, or once started
                if sub is None and period.cutoff_end - timedelta(days=VISIBLE_DAYS) > today:
                    continue
                deadline = sub.deadline if sub else deadline_utc(spec.deadline, period)
                submitted = workflow.has_submitted({"first_submitted_at": sub.first_submitted_at} if sub else None)
                status = sub.status if sub else workflow.NOT_STARTED
                rows.append({
                    "form_code": head.code, "form_title": spec.title, "period": period_view(period, spec),
                    "submission_id": sub.submission_id if sub else None, "status": status,
                    "status_label": workflow.STATUS_LABELS[status], "deadline": iso(deadline),
                    "days_left": (local_date(deadline) - today).days, "submitted": submitted,
                    "overdue": not submitted and now > deadline, "late": sub.late if sub else None,
                    "return_reason": sub.return_reason if sub and status == workflow.RETURNED else None,
                })
        rows.sort(key=lambda r: (r["deadline"], r["form_code"]))
        return rows

    @rpc
    def open_submission(self, actor: dict, form_code: str, period_id: str) -> dict:
        """The unit's submission for a form and period, created as a draft the first time."""
        actor = Actor.parse(actor)
        self._require_school_staff(actor, "lập báo cáo")
        head, _, spec = self._current(form_code)
        unit = self._school_unit(actor, head, spec)
        period = self._period(spec, period_id)
        now = self.clock.now()
        if period.cutoff_start > local_date(now):
            raise ValidationFailed(f"Kỳ báo cáo {period.label} chưa bắt đầu.", {"period_id": "not_started"})
        sub = models.Submission.objects(form_code=head.code, period_id=period.id, unit_code=unit["code"]).first()
        if sub is None:
            sub = models.Submission(
                form_code=head.code, form_version=head.current_version, period_id=period.id,
                unit_code=unit["code"], unit_name=unit["name"], unit_kind=unit.get("kind"),
                owner_unit=head.owner_unit, status=workflow.DRAFT, deadline=deadline_utc(spec.deadline, period),
                created_by=actor.user_id, created_at=now, updated_by=actor.user_id, updated_at=now,
                history=[models.HistoryEntry(at=now, by=actor.user_id, action="create", to_status=workflow.DRAFT)])
            try:
                sub.save(force_insert=True)
            except NotUniqueError:   # opened at the same moment by a colleague
                sub = models.Submission.objects(form_code=head.code, period_id=period.id,
                                                unit_code=unit["code"]).first()
        else:
            sub = self._follow_current_version(actor, sub)
        return self._view(sub)

    @rpc
    def get_submission(self, actor: dict, submission_id: str) -> dict:
        return self._view(self._own_submission(Actor.parse(actor), submission_id))

    @rpc
    def save_draft(self, actor: dict, submission_id: str, values: dict) -> dict:
        """Change some values (a blank value clears one). Values that do not fit
        their field are refused with a message per field; what is merely missing
        or breaks a cross-field rule is allowed in a draft and listed in
        ``problems``."""
        actor = Actor.parse(actor)
        self._require_school_staff(actor, "nhập số liệu báo cáo")
        sub = self._unit_submission(actor, submission_id)
        self._require_editable(sub)
        sub = self._follow_current_version(actor, sub)
        _, spec = self._version(sub.form_code, sub.form_version)
        patch = load(schemas.ValuesIn, {"values": values or {}}).values
        cleaned, errors = validation.clean(spec, patch, complete=False)
        if errors:
            raise ValidationFailed("Một số chỉ tiêu chưa hợp lệ.", errors)
        merged = dict(sub.values or {})
        for code in patch:
            if code in cleaned:
                merged[code] = cleaned[code]
            else:
                merged.pop(code, None)
        sub = self._write(actor, sub, set__values=merged)
        return submission_view(sub, spec)

    @rpc
    def check_values(self, actor: dict, form_code: str, values: dict, version: int | None = None,
                     complete: bool = True) -> dict:
        """Inline validation for a form page: the errors per field, nothing stored."""
        actor = Actor.parse(actor)
        head = self._head(form_code)
        _, spec = self._version(head.code, version or head.current_version)
        if actor.unit_id != head.owner_unit and not actor.has(ADMIN):
            self._school_unit(actor, head, spec)
        cleaned, errors = validation.clean(spec, values or {}, complete=complete)
        return {"values": cleaned, "errors": errors, "valid": not errors}

    @rpc
    def submit(self, actor: dict, submission_id: str) -> dict:
        """The school's leader sends the report. Late reports are accepted and marked."""
        actor = Actor.parse(actor)
        self._require_school_staff(actor, "gửi báo cáo", roles=(LEADER,))
        sub = self._unit_submission(actor, submission_id)
        workflow.next_status(sub.status, workflow.SUBMIT)
        sub = self._follow_current_version(actor, sub)
        _, spec = self._version(sub.form_code, sub.form_version)
        _, errors = validation.clean(spec, dict(sub.values or {}), complete=True)
        if errors:
            raise ValidationFailed("Báo cáo chưa đủ điều kiện gửi: còn chỉ tiêu thiếu hoặc chưa hợp lệ.", errors)
        now = self.clock.now()
        first = sub.first_submitted_at or now
        late = sub.late if sub.first_submitted_at else periods.is_late(now, sub.deadline)
        note = "Nộp sau hạn" if late and not sub.first_submitted_at else None
        sub = self._write(actor, sub, set__status=workflow.SUBMITTED, set__first_submitted_at=first,
                          set__submitted_at=now, set__submitted_by=actor.user_id, set__late=late,
                          set__revision=sub.revision + 1,
                          push__history=self._step(actor, now, workflow.SUBMIT, sub.status, workflow.SUBMITTED,
                                                   note))
        self.outbox.add(events.SUBMITTED, {**self._event_base(sub, spec, actor), "revision": sub.revision,
                                           "submitted_at": iso(now), "deadline": iso(sub.deadline), "late": late})
        return submission_view(sub, spec)

    # ================================================================ attachments
    @rpc
    def attach(self, actor: dict, submission_id: str, file: dict) -> dict:
        """Record a file already streamed to S3 (``Storage.put_stream``) on an
        editable submission. The object is checked (exists, size); a refused
        upload is deleted."""
        actor = Actor.parse(actor)
        key = str((file or {}).get("key") or "")
        try:
            self._require_school_staff(actor, "đính kèm tệp")
            sub = self._unit_submission(actor, submission_id)
            self._require_editable(sub)
            if len(sub.attachments) >= MAX_ATTACHMENTS:
                raise ValidationFailed(f"Tối đa {MAX_ATTACHMENTS} tệp đính kèm.", {"file": "too_many"})
            stored = self.storage.accept_upload(file)
        except (ValidationFailed, NotFound, PermissionDenied, Conflict, InvalidTransition):
            if self.storage.is_upload_key(key) and not models.Submission.objects(attachments__key=key).first():
                self.storage.delete(key)
            raise
        attachment = models.Attachment(attachment_id=uuid.uuid4().hex, uploaded_by=actor.user_id,
                                       uploaded_at=self.clock.now(), **stored.as_dict())
        try:
            self._write(actor, sub, push__attachments=attachment)
        except Conflict:
            self.storage.delete(key)
            raise
        return attachment.as_dict(with_time=True)

    @rpc
    def remove_attachment(self, actor: dict, submission_id: str, attachment_id: str) -> None:
        actor = Actor.parse(actor)
        self._require_school_staff(actor, "gỡ tệp đính kèm")
        sub = self._unit_submission(actor, submission_id)
        self._require_editable(sub)
        found = [a for a in sub.attachments if a.attachment_id == attachment_id]
        if not found:
            raise NotFound("Không tìm thấy tệp đính kèm.")
        self._write(actor, sub, pull__attachments__attachment_id=attachment_id)
        self.storage.delete(found[0].key)

    @rpc
    def attachment_url(self, actor: dict, submission_id: str, attachment_id: str) -> dict:
        """A short-lived download link, for the reporting unit or the office."""
        sub = self._own_submission(Actor.parse(actor), submission_id)
        for a in sub.attachments:
            if a.attachment_id == attachment_id:
                return {"url": self.storage.presigned_url(a.key, a.name, self.settings.REPORTING_LINK_SECONDS),
                        **a.as_dict(with_time=True)}
        raise NotFound("Không tìm thấy tệp đính kèm.")

    # ================================================================ the office's side
    @rpc
    def list_submissions(self, actor: dict, query: dict | None = None) -> dict:
        """The office: submissions of its forms (filters: form, period, status,
        unit); a school: its own."""
        actor = Actor.parse(actor)
        q = load(schemas.ListQuery, query or {})
        subs = models.Submission.objects
        if not (self._is_portal(actor) or actor.has(ADMIN)):
            if models.FormHead.objects(owner_unit=actor.unit_id).first():
                subs = subs(owner_unit=actor.unit_id)
            else:
                subs = subs(unit_code=actor.unit_id)
        for name in ("form_code", "period_id", "status", "unit_code"):
            if getattr(q, name):
                subs = subs(**{name: getattr(q, name)})
        subs = subs.order_by("form_code", "period_id", "unit_name")
        total = subs.count()
        rows = subs.skip((q.page - 1) * q.page_size).limit(q.page_size)
        return {"items": [submission_view(s, full=False) for s in rows], "total": total, "page": q.page,
                "page_size": q.page_size}

    @rpc
    def approve(self, actor: dict, submission_id: str, note: str | None = None) -> dict:
        """The office's leader approves: the data is locked and joins the
        approved stream the portal reads."""
        actor, sub, spec, now = self._office_step(actor, submission_id, workflow.APPROVE, OFFICE_LEADERS,
                                                  "duyệt báo cáo")
        sub, cursor = self._logged_write(actor, sub, "approved", "approval_cursor", now, nfc(note),
                                         set__approved_at=now, set__approved_by=actor.user_id)
        self.outbox.add(events.APPROVED, {**self._event_base(sub, spec, actor), "revision": sub.revision,
                                          "approved_at": iso(now), "cursor": cursor})
        return submission_view(sub, spec)

    @rpc
    def return_submission(self, actor: dict, submission_id: str, reason: str) -> dict:
        """The office sends a submission back to the school with a reason."""
        actor, sub, spec, now = self._office_step(actor, submission_id, workflow.RETURN, OFFICE_REVIEWERS,
                                                  "trả lại báo cáo")
        reason = self._reason(reason, "Cần nêu lý do trả lại.")
        sub = self._write(actor, sub, set__status=workflow.RETURNED, set__returned_at=now,
                          set__returned_by=actor.user_id, set__return_reason=reason,
                          push__history=self._step(actor, now, workflow.RETURN, sub.status, workflow.RETURNED,
                                                   reason))
        self.outbox.add(events.RETURNED, {**self._event_base(sub, spec, actor), "reason": reason})
        return submission_view(sub, spec)

    @rpc
    def reopen(self, actor: dict, submission_id: str, reason: str) -> dict:
        """The office's leader unlocks one unit's approved report for correction
        (recorded with the reason; the portal's stream carries it)."""
        actor, sub, spec, now = self._office_step(actor, submission_id, workflow.REOPEN, OFFICE_LEADERS,
                                                  "mở lại báo cáo đã duyệt")
        reason = self._reason(reason, "Cần nêu lý do mở lại.")
        sub, cursor = self._logged_write(actor, sub, "reopened", "reopen_cursor", now, reason,
                                         set__reopen_count=sub.reopen_count + 1)
        self.outbox.add(events.REOPENED, {**self._event_base(sub, spec, actor), "reason": reason, "cursor": cursor})
        return submission_view(sub, spec)

    def _office_step(self, actor: dict, submission_id: str, action: str, roles: tuple, verb: str):
        """What every office decision checks first: the office's own form, the
        right role, a status the action applies to."""
        actor = Actor.parse(actor)
        sub = self._own_submission(actor, submission_id)
        self._require_office(actor, sub.owner_unit, roles, verb)
        workflow.next_status(sub.status, action)
        _, spec = self._version(sub.form_code, sub.form_version)
        return actor, sub, spec, self.clock.now()

    def _logged_write(self, actor: Actor, sub: models.Submission, kind: str, cursor_field: str, now,
                      note: str | None, **updates) -> tuple[models.Submission, int]:
        """A status change the approved stream carries: its cursor is reserved
        first, then the submission written, then the slot filled (see stream.py)."""
        action = workflow.APPROVE if kind == "approved" else workflow.REOPEN
        to_status = workflow.next_status(sub.status, action)
        cursor = self._reserve_cursor(now)
        try:
            sub = self._write(actor, sub, set__status=to_status, push__history=self._step(
                actor, now, action, sub.status, to_status, note), **{f"set__{cursor_field}": cursor}, **updates)
        except Exception:
            self._void_cursor(cursor)
            raise
        self._commit_cursor(cursor, kind, sub, reason=note if kind == "reopened" else None, at=now)
        return sub, cursor

    @staticmethod
    def _step(actor: Actor, now, action: str, from_status: str, to_status: str, note: str | None = None):
        return models.HistoryEntry(at=now, by=actor.user_id, action=action, from_status=from_status,
                                   to_status=to_status, note=note)

    @staticmethod
    def _reason(reason: str | None, message: str) -> str:
        reason = nfc(reason or "")
        if len(reason) < 3:
            raise ValidationFailed(message, {"reason": "required"})
        return reason

    # ================================================================ helpers
    def _view(self, sub: models.Submission) -> dict:
        _, spec = self._version(sub.form_code, sub.form_version)
        return submission_view(sub, spec)

    @staticmethod
    def _require_editable(sub: models.Submission) -> None:
        if sub.status == workflow.APPROVED:
            raise Locked("Báo cáo đã được duyệt, số liệu đã khóa. Cần Phòng mở lại để điều chỉnh.",
                         {"status": sub.status})
        if not workflow.is_editable(sub.status):
            raise InvalidTransition("Báo cáo đã gửi và đang chờ Phòng duyệt.", {"status": sub.status})

    def _write(self, actor: Actor, sub: models.Submission, **updates) -> models.Submission:
        """Apply an update only if nobody changed the submission since we read it."""
        changed = models.Submission.objects(submission_id=sub.submission_id, lock=sub.lock).update_one(
            inc__lock=1, set__updated_at=self.clock.now(), set__updated_by=actor.user_id, **updates)
        if not changed:
            raise Conflict("Báo cáo vừa được người khác cập nhật, vui lòng tải lại.")
        sub.reload()
        return sub

    def _follow_current_version(self, actor: Actor, sub: models.Submission) -> models.Submission:
        """A draft never submitted follows the form's newest version (values of
        fields that still exist and still fit are kept). Once submitted, a
        submission keeps its version for good."""
        head = self._head(sub.form_code)
        if sub.first_submitted_at or sub.status != workflow.DRAFT or sub.form_version == head.current_version:
            return sub
        _, spec = self._version(head.code, head.current_version)
        kept = {}
        for code, value in (sub.values or {}).items():
            field = spec.field(code)
            if field is None:
                continue
            try:
                value = validation.coerce(field, value)
            except validation.FieldError:
                continue
            if value is not None:
                kept[code] = value
        period = periods.parse(sub.period_id)
        if not spec.has_period(period):
            return sub   # the new version no longer runs on this period: keep the old one
        note = f"Cập nhật theo biểu mẫu phiên bản {head.current_version} (trước: {sub.form_version})"
        return self._write(actor, sub, set__form_version=head.current_version, set__values=kept,
                           set__deadline=deadline_utc(spec.deadline, period),
                           push__history=models.HistoryEntry(at=self.clock.now(), by=actor.user_id,
                                                             action="upgrade", note=note))

    @staticmethod
    def _event_base(sub: models.Submission, spec, actor: Actor) -> dict:
        return {"submission_id": sub.submission_id, "form_code": sub.form_code, "form_version": sub.form_version,
                "form_title": spec.title, "period_id": sub.period_id,
                "period_label": periods.parse(sub.period_id).label, "unit_code": sub.unit_code,
                "unit_name": sub.unit_name, "owner_unit": sub.owner_unit, "by": actor.user_id}
