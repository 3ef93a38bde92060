"""Documents service entrypoints: drafting, issuing, delivery, receiving workflow,
recall/update/replace, tracking, registers. Every command takes the acting user
(``actor``) and checks unit ownership and role here, in the data access."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from mongoengine import NotUniqueError
from nameko.rpc import RpcProxy
from pymongo import ReturnDocument

from services.common.actor import CLERK, LEADER, Actor
from services.common.cache import TTLCache
from services.common.clock import iso, local_date, local_year, parse_datetime, utcnow
from services.common.directory import UnitLookup
from services.common.events import EventOutbox, configured_timer, event_handler
from services.common.mongo import MongoDatabase
from services.common.paging import page_of
from services.common.rpc import rpc
from services.common.schemas import load
from services.common.storage import S3Storage
from services.common.text import fold, search_terms, word_prefix_pattern

from . import domain, events, models, registers, schemas
# imported as a module: `nameko run` treats every class with entrypoints in this
# module's namespace as a service of its own
from .formats import entrypoints as formats
from .formats import exchange
from .exceptions import (AlreadyIssued, Conflict, DocumentNotFound, InvalidTransition, NotFound,
                         PermissionDenied, ValidationFailed)
from .views import item_view, outgoing_view, tracking_row

log = logging.getLogger(__name__)

MAX_ATTACHMENTS = 50
_units = TTLCache(ttl_seconds=300)


class DocumentsService(UnitLookup, formats.FormatsEntrypoints):
    name = events.SERVICE

    db = MongoDatabase()
    outbox = EventOutbox()
    storage = S3Storage()
    directory = RpcProxy("directory")
    unit_cache = _units

    # ================================================================ drafting
    @rpc
    def create_draft(self, actor: dict, data: dict) -> dict:
        actor = Actor.parse(actor)
        draft = load(schemas.DraftIn, data)
        unit = self._unit(actor.unit_id)
        doc = models.OutgoingDocument(unit_code=actor.unit_id, unit_name=unit["name"], created_by=actor.user_id,
                               place=unit.get("place"))
        self._apply_draft(doc, draft.model_dump(exclude_unset=True))
        doc.history.append(models.HistoryEntry(by=actor.user_id, action="create"))
        doc.save()
        return outgoing_view(doc)

    @rpc
    def update_draft(self, actor: dict, document_id: str, data: dict) -> dict:
        actor = Actor.parse(actor)
        patch = load(schemas.DraftPatch, data)
        doc = self._own_draft(actor, document_id)
        self._apply_draft(doc, patch.model_dump(exclude_unset=True))
        doc.updated_at = utcnow()
        doc.history.append(models.HistoryEntry(by=actor.user_id, action="update"))
        doc.save()
        return outgoing_view(doc)

    @rpc
    def delete_draft(self, actor: dict, document_id: str) -> None:
        actor = Actor.parse(actor)
        doc = self._own_draft(actor, document_id)
        keys = [a.key for a in doc.attachments]
        doc.delete()
        for key in keys:
            self.storage.delete(key)

    def _apply_draft(self, doc: models.OutgoingDocument, fields: dict) -> None:
        if "signer" in fields:
            doc.signer = models.Signer(**fields.pop("signer")) if fields["signer"] else None
        if "response_deadline" in fields:
            doc.response_deadline = parse_datetime(fields.pop("response_deadline"))
        for key, value in fields.items():
            setattr(doc, key, value)
        doc.search_text = fold(" ".join(filter(None, [doc.symbol, doc.summary, doc.unit_name])))

    # ================================================================ attachments
    @rpc
    def attach(self, actor: dict, document_id: str, file: dict) -> dict:
        """Record a file already streamed to S3 (``Storage.put_stream``) on a draft.
        The object is checked (exists, size); a refused file is deleted."""
        actor = Actor.parse(actor)
        file = file or {}
        try:
            doc = self._own_draft(actor, document_id)
            if len(doc.attachments) >= MAX_ATTACHMENTS:
                raise ValidationFailed(f"Tối đa {MAX_ATTACHMENTS} tệp đính kèm.", {"file": "too_many"})
        except (ValidationFailed, NotFound, Conflict):
            key = str(file.get("key") or "")
            if self.storage.is_upload_key(key) and not self._key_in_use(key):
                self.storage.delete(key)  # refused: nothing half-stored
            raise
        attachment = self._checked_upload(actor, file)
        key = attachment.key
        updated = models.OutgoingDocument.objects(document_id=document_id, status="draft").update_one(
            push__attachments=attachment, set__updated_at=utcnow())
        if not updated:
            self.storage.delete(key)
            raise AlreadyIssued("Văn bản đã phát hành, không thể thêm tệp.")
        return attachment.as_dict()

    @rpc
    def remove_attachment(self, actor: dict, document_id: str, attachment_id: str) -> None:
        actor = Actor.parse(actor)
        doc = self._own_draft(actor, document_id)
        found = [a for a in doc.attachments if a.attachment_id == attachment_id]
        if not found:
            raise NotFound("Không tìm thấy tệp đính kèm.")
        models.OutgoingDocument.objects(document_id=document_id, status="draft").update_one(
            pull__attachments__attachment_id=attachment_id)
        self.storage.delete(found[0].key)

    @rpc
    def attachment_url(self, actor: dict, attachment_id: str, document_id: str | None = None,
                       item_id: str | None = None) -> dict:
        """A short-lived download link, for the sender's unit or a recipient unit only."""
        actor = Actor.parse(actor)
        if item_id:
            holder = self._own_item(actor, item_id)
        elif document_id:
            holder = self._own_outgoing(actor, document_id)
        else:
            raise ValidationFailed("Cần mã văn bản.", {"document_id": "required"})
        for a in holder.attachments:
            if a.attachment_id == attachment_id:
                return {"url": self.storage.presigned_url(a.key, a.name), "name": a.name, "size": a.size,
                        "sha256": a.sha256, "content_type": a.content_type}
        raise NotFound("Không tìm thấy tệp đính kèm.")

    def _key_in_use(self, key: str) -> bool:
        return bool(models.OutgoingDocument.objects(attachments__key=key).first())

    # ================================================================ issuing
    @rpc
    def issue(self, actor: dict, document_id: str, attach_official: bool = False) -> dict:
        """Number the draft in its unit's register for the year and send it;
        ``attach_official`` adds its Decree 30 .docx, rendered with that number."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "phát hành văn bản")
        doc = self._own_outgoing(actor, document_id)
        if doc.status != "draft":
            raise AlreadyIssued(f"Văn bản đã được phát hành với số {doc.symbol}.")
        problems = {}
        if not doc.recipients:
            problems["recipients"] = "Chưa chọn nơi nhận."
        if doc.signer is None:
            problems["signer"] = "Chưa có người ký."
        units = self._units([doc.unit_code, *doc.recipients])
        unknown = [code for code in doc.recipients if code not in units]
        if unknown:
            problems["recipients"] = "Không tìm thấy đơn vị: " + ", ".join(unknown)
        if doc.unit_code in doc.recipients:
            problems["recipients"] = "Không gửi văn bản cho chính đơn vị mình."
        if problems:
            raise ValidationFailed("Văn bản chưa đủ điều kiện phát hành.", problems)
        # Claim the draft first so a double click cannot burn two numbers.
        if not models.OutgoingDocument.objects(document_id=document_id, status="draft").update_one(
                set__status="issuing", set__issuing_since=utcnow()):
            raise AlreadyIssued("Văn bản đang được phát hành.")
        try:
            now = utcnow()
            year = local_year(now)
            series = domain.outgoing_series(doc.confidentiality)
            number = self._next_number(domain.register_key(doc.unit_code, year, series))
            doc.reload()
            doc.number, doc.year, doc.series = number, year, series
            doc.symbol = domain.build_symbol(number, doc.type_code, units[doc.unit_code]["short_name"], doc.section)
            doc.recipient_names = [units[c]["name"] for c in doc.recipients]
            doc.status, doc.issued_at, doc.issued_by, doc.updated_at = "issued", now, actor.user_id, now
            doc.issuing_since = None
            doc.history.append(models.HistoryEntry(at=now, by=actor.user_id, action="issue", to_status="issued",
                                            note=doc.symbol))
            doc.search_text = fold(" ".join(filter(None, [doc.symbol, doc.summary, doc.unit_name])))
            if attach_official:
                doc.attachments.append(self._official_copy(actor, doc, units))
            issued = self.outbox.prepare(events.ISSUED, {
                "document_id": doc.document_id, "unit_code": doc.unit_code, "number": number, "symbol": doc.symbol,
                "year": year, "type_code": doc.type_code, "summary": doc.summary, "urgency": doc.urgency,
                "confidentiality": doc.confidentiality, "recipients": list(doc.recipients),
                "attachments": [a.as_dict() for a in doc.attachments],
                "response_deadline": iso(doc.response_deadline), "issued_at": iso(now),
                "issued_by": actor.user_id, "signer": doc.signer.as_dict()})
            doc.pending_events = [issued]
            doc.save()
        except Exception:
            models.OutgoingDocument.objects(document_id=document_id, status="issuing").update_one(set__status="draft")
            raise
        self.outbox.add_envelope(issued)
        models.OutgoingDocument.objects(document_id=document_id).update_one(set__pending_events=[])
        doc.pending_events = []
        return outgoing_view(doc)

    def _next_number(self, key: str) -> int:
        # One atomic $inc per number: concurrent issues get distinct consecutive numbers.
        row = self.db["counters"].find_one_and_update(
            {"_id": key}, {"$inc": {"value": 1}}, upsert=True, return_document=ReturnDocument.AFTER)
        return int(row["value"])

    # ================================================================ delivery
    @event_handler(events.SERVICE, events.ISSUED.name)
    def deliver(self, envelope: dict) -> None:
        """Create one incoming item per recipient unit (status 01)."""
        data = envelope["data"]
        doc = models.OutgoingDocument.objects(document_id=data["document_id"]).first()
        if doc is None:
            raise DocumentNotFound(f"document {data['document_id']} vanished before delivery")
        integrity_ok = all(self.storage.verify(a) for a in data["attachments"])
        existing = set(models.IncomingItem.objects(document_id=doc.document_id).scalar("recipient_unit"))
        for unit_code in doc.recipients:
            if unit_code in existing:
                continue
            item = models.IncomingItem(
                document_id=doc.document_id, recipient_unit=unit_code, sender_unit=doc.unit_code,
                sender_name=doc.unit_name, number=doc.number, symbol=doc.symbol, type_code=doc.type_code,
                summary=doc.summary, body=doc.body, urgency=doc.urgency, confidentiality=doc.confidentiality,
                signer=doc.signer, issued_at=doc.issued_at, response_deadline=doc.response_deadline,
                attachments=doc.attachments, integrity_ok=integrity_ok, status=domain.ARRIVED,
                history=[models.HistoryEntry(action="deliver", to_status=domain.ARRIVED,
                                      note=None if integrity_ok else "Tệp đính kèm sai mã băm")],
                search_text=fold(" ".join(filter(None, [doc.symbol, doc.summary, doc.unit_name]))))
            try:
                item.save(force_insert=True)
            except NotUniqueError:
                continue  # delivered by an earlier attempt
            self.outbox.add(events.DELIVERED, {**self._item_event(item, None), "integrity_ok": integrity_ok})

    # ================================================================ receiving workflow
    @rpc
    def register(self, actor: dict, item_id: str, note: str | None = None) -> dict:
        """Vào sổ văn bản đến: the next số đến of the unit's incoming register (03)."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "vào sổ văn bản đến")
        item = self._transition(actor, item_id, "register", note=note)
        now = utcnow()
        year = local_year(now)
        number = self._next_number(domain.register_key(item.recipient_unit, year, domain.INCOMING))
        models.IncomingItem.objects(item_id=item_id).update_one(
            set__incoming_number=number, set__incoming_year=year, set__registered_at=now,
            set__registered_by=actor.user_id)
        item.reload()
        self.outbox.add(events.RECEIVED, {**self._item_event(item, actor), "incoming_number": number})
        return item_view(item)

    @rpc
    def register_external(self, actor: dict, data: dict) -> dict:
        """Vào sổ a document that arrived outside the system: it gets the next số đến
        at once (03) and then follows the ordinary workflow."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "vào sổ văn bản đến")
        spec = load(schemas.ExternalIn, data)
        attachments = [self._checked_upload(actor, spec.file)] if spec.file else []
        now = utcnow()
        year = local_year(now)
        number = self._next_number(domain.register_key(actor.unit_id, year, domain.INCOMING))
        issued_at = parse_datetime(spec.issued_date) if spec.issued_date else None
        item = models.IncomingItem(
            document_id=f"external:{uuid.uuid4().hex}", recipient_unit=actor.unit_id,
            sender_unit=spec.sender_code or "external", sender_name=spec.sender_name, symbol=spec.symbol,
            type_code=spec.type_code, summary=spec.summary, urgency=spec.urgency,
            confidentiality=spec.confidentiality, signer=models.Signer(**spec.signer.model_dump()) if spec.signer else None,
            issued_at=issued_at, response_deadline=parse_datetime(spec.response_deadline), attachments=attachments,
            integrity_ok=True if attachments else None, status=domain.REGISTERED, received_at=now,
            incoming_number=number, incoming_year=year, registered_at=now, registered_by=actor.user_id,
            history=[models.HistoryEntry(at=now, by=actor.user_id, action="receive_external", to_status=domain.ARRIVED),
                     models.HistoryEntry(at=now, by=actor.user_id, action="register", from_status=domain.ARRIVED,
                                         to_status=domain.REGISTERED)],
            search_text=fold(" ".join(filter(None, [spec.symbol, spec.summary, spec.sender_name]))))
        item.save(force_insert=True)
        self.outbox.add(events.RECEIVED, {**self._item_event(item, actor), "incoming_number": number})
        return item_view(item)

    def _checked_upload(self, actor: Actor, file: dict) -> models.Attachment:
        """An attachment record for a file the caller streamed to S3; a refused
        upload is deleted unless a document already holds it."""
        try:
            stored = self.storage.accept_upload(file)
        except (ValidationFailed, NotFound):
            key = str((file or {}).get("key") or "")
            if self.storage.is_upload_key(key) and not self._key_in_use(key):
                self.storage.delete(key)
            raise
        return models.Attachment(attachment_id=uuid.uuid4().hex, uploaded_by=actor.user_id, **stored.as_dict())

    @rpc
    def refuse(self, actor: dict, item_id: str, reason: str) -> dict:
        actor = Actor.parse(actor)
        actor.require(CLERK, "từ chối văn bản đến")
        reason = (reason or "").strip()
        if len(reason) < 3:
            raise ValidationFailed("Cần nêu lý do từ chối.", {"reason": "required"})
        item = self._transition(actor, item_id, "refuse", note=reason, set__refusal_reason=reason)
        self.outbox.add(events.REFUSED, {**self._item_event(item, actor), "reason": reason})
        return item_view(item)

    @rpc
    def assign(self, actor: dict, item_id: str, data: dict) -> dict:
        """The leader names the lead, co-ordinators, processing deadline and direction (04)."""
        actor = Actor.parse(actor)
        actor.require(LEADER, "phân công xử lý văn bản")
        spec = load(schemas.AssignIn, data)
        item = self._own_item(actor, item_id)
        people = [spec.lead_user_id, *spec.coordinator_ids]
        users = self.directory.get_users(people)
        strangers = [p for p in people if p not in users or users[p]["unit_code"] != item.recipient_unit
                     or not users[p]["active"]]
        if strangers:
            raise ValidationFailed("Người được phân công phải thuộc đơn vị nhận văn bản.",
                                   {"lead_user_id" if spec.lead_user_id in strangers else "coordinator_ids": "not_in_unit"})
        deadline = parse_datetime(spec.deadline) if spec.deadline else item.response_deadline
        if deadline is not None and spec.deadline is not None and deadline <= utcnow():
            raise ValidationFailed("Hạn xử lý phải sau thời điểm hiện tại.", {"deadline": "in_past"})
        assignment = models.Assignment(lead_user_id=spec.lead_user_id,
                                coordinator_ids=[c for c in spec.coordinator_ids if c != spec.lead_user_id],
                                deadline=deadline, direction=spec.direction, assigned_by=actor.user_id)
        item = self._transition(actor, item_id, "assign", note=spec.direction, item=item,
                                set__assignment=assignment, set__overdue=False)
        self.outbox.add(events.ASSIGNED, {
            **self._item_event(item, actor), "lead_user_id": assignment.lead_user_id,
            "coordinator_ids": list(assignment.coordinator_ids), "deadline": iso(deadline),
            "direction": assignment.direction})
        return item_view(item)

    @rpc
    def start_processing(self, actor: dict, item_id: str) -> dict:
        actor = Actor.parse(actor)
        item = self._own_item(actor, item_id)
        self._require_lead(actor, item)
        item = self._transition(actor, item_id, "start", item=item, set__started_at=utcnow())
        self.outbox.add(events.PROCESSING, self._item_event(item, actor))
        return item_view(item)

    @rpc
    def complete(self, actor: dict, item_id: str, reply_symbol: str | None = None, note: str | None = None) -> dict:
        actor = Actor.parse(actor)
        item = self._own_item(actor, item_id)
        self._require_lead(actor, item)
        now = utcnow()
        item = self._transition(actor, item_id, "complete", item=item, note=note, set__completed_at=now,
                                set__reply_symbol=(reply_symbol or None))
        deadline = item.assignment.deadline if item.assignment else None
        started = item.registered_at or item.received_at
        self.outbox.add(events.COMPLETED, {
            **self._item_event(item, actor), "reply_symbol": item.reply_symbol,
            "on_time": domain.completed_on_time(deadline, now),
            "processing_days": round((now - started).total_seconds() / 86400, 2)})
        return item_view(item)

    def _require_lead(self, actor: Actor, item: models.IncomingItem) -> None:
        if not item.assignment or item.assignment.lead_user_id != actor.user_id:
            raise PermissionDenied("Chỉ người được giao chủ trì xử lý mới được cập nhật tiến độ.")

    def _transition(self, actor: Actor, item_id: str, action: str, note: str | None = None,
                    item: models.IncomingItem | None = None, **updates) -> models.IncomingItem:
        """Apply a workflow step atomically: only if the status is still what we read."""
        item = item or self._own_item(actor, item_id)
        if not item.active:
            raise InvalidTransition("Văn bản đã được thu hồi hoặc thay thế.")
        to_status = domain.next_status(item.status, action)
        entry = models.HistoryEntry(by=actor.user_id, action=action, from_status=item.status, to_status=to_status, note=note)
        changed = models.IncomingItem.objects(item_id=item.item_id, status=item.status, active=True).update_one(
            set__status=to_status, push__history=entry, **updates)
        if not changed:
            raise Conflict("Văn bản vừa được người khác cập nhật, vui lòng tải lại.")
        item.reload()
        return item

    # ================================================================ recall / update / replace
    @rpc
    def request_change(self, actor: dict, document_id: str, data: dict) -> dict:
        """The sender asks recipients to recall, update or replace an issued document (13)."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "thu hồi hoặc cập nhật văn bản")
        spec = load(schemas.ChangeRequestIn, data)
        doc = self._own_outgoing(actor, document_id)
        if doc.status != "issued":
            raise InvalidTransition("Chỉ thu hồi/cập nhật văn bản đã phát hành.")
        domain.check_change_request(spec.kind, spec.changes, spec.replacement_id)
        changes = dict(spec.changes or {})
        if "response_deadline" in changes:
            changes["response_deadline"] = iso(parse_datetime(changes["response_deadline"]))
        if spec.kind == domain.REPLACE:
            replacement = models.OutgoingDocument.objects(document_id=spec.replacement_id, unit_code=doc.unit_code,
                                                   status="issued").first()
            if replacement is None or replacement.document_id == doc.document_id:
                raise ValidationFailed("Văn bản thay thế phải là văn bản đã phát hành của đơn vị.",
                                       {"replacement_id": "invalid"})
        now = utcnow()
        request = models.ChangeRequest(request_id=uuid.uuid4().hex, kind=spec.kind, reason=spec.reason, changes=changes,
                                replacement_id=spec.replacement_id, requested_at=now, requested_by=actor.user_id)
        targets = models.IncomingItem.objects(document_id=document_id, active=True)
        if spec.recipients:
            targets = targets(recipient_unit__in=spec.recipients)
        asked = []
        for item in targets:
            if not domain.can_receive_change(item.status, bool(item.change and item.change.status == domain.CHANGE_REQUESTED)):
                continue
            state = models.ChangeState(request_id=request.request_id, kind=spec.kind, status=domain.CHANGE_REQUESTED,
                                reason=spec.reason, requested_at=now)
            entry = models.HistoryEntry(by=actor.user_id, action=f"request_{spec.kind}", to_status=domain.CHANGE_REQUESTED,
                                 note=spec.reason)
            if models.IncomingItem.objects(item_id=item.item_id, active=True).update_one(set__change=state, push__history=entry):
                asked.append(item.recipient_unit)
        if not asked:
            raise InvalidTransition("Không còn nơi nhận nào có thể nhận yêu cầu này.")
        models.OutgoingDocument.objects(document_id=document_id).update_one(
            push__change_requests=request,
            push__history=models.HistoryEntry(by=actor.user_id, action=f"request_{spec.kind}", note=spec.reason))
        self.outbox.add(events.RECALL_REQUESTED, {
            "document_id": document_id, "request_id": request.request_id, "kind": spec.kind, "symbol": doc.symbol,
            "summary": doc.summary, "sender_unit": doc.unit_code, "recipients": asked, "reason": spec.reason, "by": actor.user_id})
        return {**request.as_dict(), "recipients": asked}

    @rpc
    def answer_change(self, actor: dict, item_id: str, accept: bool, note: str | None = None) -> dict:
        """The recipient's clerk accepts (15) or refuses (16) a recall/update/replace."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "trả lời yêu cầu thu hồi/cập nhật")
        item = self._own_item(actor, item_id)
        if not item.change or item.change.status != domain.CHANGE_REQUESTED:
            raise InvalidTransition("Văn bản không có yêu cầu thu hồi/cập nhật đang chờ.")
        if not accept and not (note or "").strip():
            raise ValidationFailed("Cần nêu lý do từ chối.", {"note": "required"})
        kind, now = item.change.kind, utcnow()
        status = domain.CHANGE_ACCEPTED if accept else domain.CHANGE_REFUSED
        updates = {"set__change__status": status, "set__change__answered_at": now,
                   "set__change__answered_by": actor.user_id, "set__change__note": note,
                   "push__history": models.HistoryEntry(at=now, by=actor.user_id, action=f"answer_{kind}",
                                                 from_status=domain.CHANGE_REQUESTED, to_status=status, note=note)}
        if accept and kind in (domain.RECALL, domain.REPLACE):
            updates["set__active"] = False
        if accept and kind == domain.UPDATE:
            doc = models.OutgoingDocument.objects(document_id=item.document_id).first()
            request = next(r for r in doc.change_requests if r.request_id == item.change.request_id)
            for field, value in request.changes.items():
                updates[f"set__{field}"] = parse_datetime(value) if field == "response_deadline" else value
        changed = models.IncomingItem.objects(item_id=item_id, change__status=domain.CHANGE_REQUESTED).update_one(**updates)
        if not changed:
            raise Conflict("Yêu cầu vừa được trả lời.")
        item.reload()
        base = {**self._item_event(item, actor), "request_id": item.change.request_id, "kind": kind}
        if accept:
            self.outbox.add(events.RECALL_ACCEPTED, base)
        else:
            self.outbox.add(events.RECALL_REFUSED, {**base, "note": note})
        return item_view(item)

    # ================================================================ housekeeping
    @configured_timer("OVERDUE_CHECK_INTERVAL")
    def check_overdue(self) -> int:
        self.release_stale_issues()
        self.flush_pending_events()
        return self.mark_overdue()

    @rpc
    def flush_pending_events(self) -> int:
        """Put in the outbox the events an issue saved with its document but did
        not get to add (the process died in between), so the document is still
        delivered. An event already added or sent is not added twice."""
        flushed = 0
        settled = utcnow() - domain.PENDING_EVENT_GRACE
        for doc in models.OutgoingDocument.objects(pending_events__0__exists=True, issued_at__lt=settled):
            for envelope in doc.pending_events:
                if self.outbox.add_envelope(envelope, maybe_sent=True):
                    log.warning("event %s of %s was added after a crash", envelope["event_id"], doc.document_id)
                    flushed += 1
            models.OutgoingDocument.objects(document_id=doc.document_id).update_one(set__pending_events=[])
        return flushed

    @rpc
    def release_stale_issues(self) -> int:
        """Give back drafts whose issue never finished (the process died between
        claiming the draft and saving its number), so the clerk can issue again
        instead of seeing "đang được phát hành" forever. The number that issue
        may have drawn stays unused: the history says so."""
        now = utcnow()
        released = 0
        stale = models.OutgoingDocument.objects(status="issuing",
                                                issuing_since__lt=now - domain.ISSUE_CLAIM_TIMEOUT)
        for doc in stale:
            entry = models.HistoryEntry(at=now, action="issue_interrupted", to_status="draft",
                                        note="Phát hành bị gián đoạn; dự thảo được trả lại để phát hành lại.")
            if models.OutgoingDocument.objects(document_id=doc.document_id, status="issuing").update_one(
                    set__status="draft", unset__issuing_since=True, push__history=entry):
                log.warning("released draft %s stuck in issuing since %s", doc.document_id, doc.issuing_since)
                released += 1
        return released

    @rpc
    def mark_overdue(self) -> int:
        """Mark assigned items past their deadline as overdue, once each."""
        now = utcnow()
        marked = 0
        candidates = models.IncomingItem.objects(status__in=[domain.ASSIGNED, domain.PROCESSING], overdue=False,
                                          active=True, assignment__deadline__lt=now)
        for item in candidates:
            if not domain.is_overdue(item.status, item.assignment.deadline, now):
                continue
            if models.IncomingItem.objects(item_id=item.item_id, overdue=False).update_one(
                    set__overdue=True, set__overdue_at=now,
                    push__history=models.HistoryEntry(at=now, action="overdue", note="Quá hạn xử lý")):
                self.outbox.add(events.OVERDUE, {**self._item_event(item, None),
                                                 "lead_user_id": item.assignment.lead_user_id,
                                                 "deadline": iso(item.assignment.deadline)})
                marked += 1
        return marked

    # ================================================================ queries
    @rpc
    def get_document(self, actor: dict, document_id: str) -> dict:
        return outgoing_view(self._own_outgoing(Actor.parse(actor), document_id))

    @rpc
    def get_item(self, actor: dict, item_id: str) -> dict:
        return item_view(self._own_item(Actor.parse(actor), item_id))

    @rpc
    def tracking(self, actor: dict, document_id: str) -> dict:
        """For the sender: each recipient's current status and the time of each step."""
        doc = self._own_outgoing(Actor.parse(actor), document_id)
        names = dict(zip(doc.recipients, doc.recipient_names))
        rows = [tracking_row(item, names.get(item.recipient_unit))
                for item in models.IncomingItem.objects(document_id=document_id)]
        delivered = {r["unit_code"] for r in rows}
        rows += [{"unit_code": code, "unit_name": names.get(code), "status": None, "status_label": "Đang gửi",
                  "steps": {}} for code in doc.recipients if code not in delivered]
        statuses = [{**r, "timestamp": iso(r["timestamp"])} for r in self.db[formats.STATUS_COLLECTION].find(
            {"unit_code": doc.unit_code, "document_id": document_id})]
        rows = exchange.merge_statuses(rows, statuses)
        rows.sort(key=lambda r: fold(r["unit_name"] or r["unit_code"]))
        summary: dict = {}
        for row in rows:
            summary[row["status"] or "pending"] = summary.get(row["status"] or "pending", 0) + 1
        return {"document": outgoing_view(doc, full=False), "recipients": rows, "summary": summary}

    @rpc
    def inbox(self, actor: dict, query: dict | None = None) -> dict:
        actor = Actor.parse(actor)
        q = load(schemas.ListQuery, query or {})
        items = models.IncomingItem.objects(recipient_unit=actor.unit_id)
        if not q.include_inactive:
            items = items(active=True)
        if q.status:
            items = items(status=q.status)
        if q.overdue is not None:
            items = items(overdue=q.overdue)
        if q.assigned_to:
            items = items(__raw__={"$or": [{"assignment.lead_user_id": q.assigned_to},
                                           {"assignment.coordinator_ids": q.assigned_to}]})
        items = self._filter(items, q, "received_at").order_by("-received_at")
        return page_of(items, q.page, q.page_size, lambda i: item_view(i, full=False))

    @rpc
    def outbox_list(self, actor: dict, query: dict | None = None) -> dict:
        actor = Actor.parse(actor)
        q = load(schemas.ListQuery, query or {})
        docs = models.OutgoingDocument.objects(unit_code=actor.unit_id)
        if q.status:
            docs = docs(status=q.status)
        docs = self._filter(docs, q, "issued_at").order_by("-issued_at", "-created_at")
        return page_of(docs, q.page, q.page_size, lambda d: outgoing_view(d, full=False))

    @rpc
    def counts(self, actor: dict, due_within_days: int = 3) -> dict:
        """Dashboard counters for a unit: waiting, overdue, due soon."""
        actor = Actor.parse(actor)
        now = utcnow()
        base = models.IncomingItem.objects(recipient_unit=actor.unit_id, active=True)
        open_statuses = [domain.ARRIVED, domain.REGISTERED, domain.ASSIGNED, domain.PROCESSING]
        return {
            "unprocessed": base(status__in=open_statuses).count(),
            "to_register": base(status=domain.ARRIVED).count(),
            "overdue": base(overdue=True, status__in=open_statuses).count(),
            "due_soon": base(status__in=[domain.ASSIGNED, domain.PROCESSING], overdue=False,
                             assignment__deadline__gte=now,
                             assignment__deadline__lte=now + timedelta(days=due_within_days)).count(),
        }

    def _filter(self, query, q: schemas.ListQuery, date_field: str):
        if q.type_code:
            query = query(type_code=q.type_code)
        if q.urgency is not None:
            query = query(urgency=q.urgency)
        if q.urgent_only:
            query = query(urgency__gte=domain.URGENT_FROM)
        if q.date_from:
            query = query(**{f"{date_field}__gte": parse_datetime(q.date_from.isoformat() + "T00:00:00+07:00")})
        if q.date_to:
            query = query(**{f"{date_field}__lte": parse_datetime(q.date_to)})
        for term in search_terms(q.q):
            query = query(__raw__={"search_text": {"$regex": word_prefix_pattern(term)}})
        return query

    # ================================================================ registers
    @rpc
    def export_register(self, actor: dict, kind: str, year: int) -> dict:
        """The unit's outgoing or incoming register for a year, as .docx in S3."""
        actor = Actor.parse(actor)
        if not (actor.has(CLERK) or actor.has(LEADER)):
            raise PermissionDenied("Chỉ văn thư hoặc lãnh đạo được xuất sổ văn bản.")
        if kind not in registers.TITLES:
            raise ValidationFailed("Loại sổ phải là outgoing hoặc incoming.", {"kind": "invalid"})
        year = int(year)
        unit = self._unit(actor.unit_id)
        if kind == "outgoing":
            rows = [self._outgoing_row(d) for d in
                    models.OutgoingDocument.objects(unit_code=actor.unit_id, status="issued", year=year).order_by("series", "number")]
        else:
            rows = [self._incoming_row(i) for i in
                    models.IncomingItem.objects(recipient_unit=actor.unit_id, incoming_year=year).order_by("incoming_number")]
        content = registers.render_register(kind, unit["name"], year, rows)
        name = f"so-van-ban-{'di' if kind == 'outgoing' else 'den'}-{year}.docx"
        stored = self.storage.put_bytes(content, name, registers.DOCX_TYPE, prefix="exports")
        models.ExportRecord(unit_code=actor.unit_id, kind=kind, year=year, file=stored.as_dict(),
                     created_by=actor.user_id).save()
        return {"file": stored.as_dict(), "url": self.storage.presigned_url(stored.key, name), "rows": len(rows)}

    @staticmethod
    def _outgoing_row(d: models.OutgoingDocument) -> tuple:
        signer = f"{d.signer.full_name}" if d.signer else ""
        keep = "VT" + (f", {d.section}" if d.section else "")
        return (d.symbol, local_date(d.issued_at).strftime("%d/%m/%Y"),
                f"{domain.DOCUMENT_TYPES.get(d.type_code)}: {d.summary}", signer, "; ".join(d.recipient_names),
                keep, str(d.copies or 1), local_date(d.issued_at).strftime("%d/%m/%Y"), "",
                "Mật" if d.confidentiality else "")

    @staticmethod
    def _incoming_row(i: models.IncomingItem) -> tuple:
        lead = i.assignment.lead_user_id if i.assignment else ""
        return (local_date(i.received_at).strftime("%d/%m/%Y"), str(i.incoming_number or ""), i.sender_name or "",
                i.symbol or "", local_date(i.issued_at).strftime("%d/%m/%Y") if i.issued_at else "",
                f"{domain.DOCUMENT_TYPES.get(i.type_code)}: {i.summary}", lead, "",
                domain.STATUS_LABELS.get(i.status, ""))

    # ================================================================ directory cache
    @event_handler("directory", "unit.updated")
    def forget_unit(self, envelope: dict) -> None:
        _units.invalidate(envelope["data"]["unit"]["code"])

    # ================================================================ access
    def _own_outgoing(self, actor: Actor, document_id: str) -> models.OutgoingDocument:
        doc = models.OutgoingDocument.objects(document_id=str(document_id)).first()
        if doc is None or doc.unit_code != actor.unit_id:
            # same answer for "absent" and "another unit's": ids reveal nothing
            raise DocumentNotFound("Không tìm thấy văn bản.")
        return doc

    def _own_draft(self, actor: Actor, document_id: str) -> models.OutgoingDocument:
        doc = self._own_outgoing(actor, document_id)
        if doc.status != "draft":
            raise AlreadyIssued("Văn bản đã phát hành, không thể sửa.")
        return doc

    def _own_item(self, actor: Actor, item_id: str) -> models.IncomingItem:
        item = models.IncomingItem.objects(item_id=str(item_id)).first()
        if item is None or item.recipient_unit != actor.unit_id:
            raise DocumentNotFound("Không tìm thấy văn bản.")
        return item

    @staticmethod
    def _item_event(item: models.IncomingItem, actor: Actor | None) -> dict:
        return {"item_id": item.item_id, "document_id": item.document_id, "symbol": item.symbol,
                "summary": item.summary, "sender_unit": item.sender_unit, "recipient_unit": item.recipient_unit, "status": item.status,
                "urgency": item.urgency, "by": actor.user_id if actor else None}
