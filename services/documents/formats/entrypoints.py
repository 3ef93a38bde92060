"""RPC entrypoints of the documents service that deal with file formats
(mixed into ``DocumentsService``, whose dependencies and access helpers they use:
``storage``, ``outbox``, ``db``, ``_own_outgoing``, ``_own_item``, ``_units``).

Files never pass through RPC: inputs are S3 keys of uploads, outputs are S3
keys with a short-lived download URL.
"""
from __future__ import annotations

import re
import tempfile
import uuid

from mongoengine import NotUniqueError

from services.common.actor import CLERK, LEADER, Actor
from services.common.clock import iso, local_date, parse_datetime, to_local, utcnow
from services.common.errors import Conflict, FileRejected, NotFound, PermissionDenied, ValidationFailed
from services.common.rpc import rpc
from services.common.text import fold

from .. import domain, events
from ..models import Attachment, HistoryEntry, IncomingItem, OutgoingDocument, Signer
from ..views import item_view
from . import decree30 as d30
from . import edxml, edxml_reader, exchange
from .extract import extract_docx
from .render import DOCX_TYPE, render_docx
from .spec import outgoing_spec

UPLOADS = "uploads/"
STATUS_COLLECTION = "edxml_status"
_SPOOL = 8 * 1024 * 1024


def _attachment(actor: Actor, stored) -> Attachment:
    return Attachment(attachment_id=uuid.uuid4().hex, name=stored.name, key=stored.key, size=stored.size,
                      sha256=stored.sha256, content_type=stored.content_type, uploaded_by=actor.user_id)


def _file_stem(text: str) -> str:
    """A file name stem from a symbol or title: no path characters."""
    return re.sub(r"[\\/:*?\"<>|]+", "-", text).strip(" -.") or "van-ban"


class FormatsEntrypoints:

    # ================================================================ render
    @rpc
    def render_document(self, actor: dict, document_id: str, attach: bool = False) -> dict:
        """The Decree 30 .docx of a draft or issued document of the actor's unit,
        stored in S3; ``attach`` also adds it to the draft's attachments."""
        actor = Actor.parse(actor)
        doc = self._own_outgoing(actor, document_id)
        stored = self._rendered(doc, self._units([doc.unit_code, *doc.recipients]))
        attachment = None
        if attach:
            attachment = self._attach_generated(actor, doc, stored)
        return {"file": stored.as_dict(), "url": self.storage.presigned_url(stored.key, stored.name),
                "attachment": attachment}

    def _rendered(self, doc: OutgoingDocument, units: dict):
        """The document's Decree 30 .docx (with its number once issued), stored in S3."""
        names = list(doc.recipient_names) or [units[c]["name"] for c in doc.recipients if c in units]
        content = render_docx(outgoing_spec(doc, units.get(doc.unit_code, {}), names))
        stem = doc.symbol or f"Dự thảo {domain.DOCUMENT_TYPES[doc.type_code].lower()}"
        return self.storage.put_bytes(content, f"{_file_stem(stem)}.docx", DOCX_TYPE, prefix="generated")

    def _official_copy(self, actor: Actor, doc: OutgoingDocument, units: dict) -> Attachment:
        """The numbered .docx of a document being issued, as an attachment of it
        (``issue(attach_official=True)``): what the recipients open carries the
        number and date the register gave it."""
        return _attachment(actor, self._rendered(doc, units))

    def _attach_generated(self, actor: Actor, doc: OutgoingDocument, stored) -> dict:
        if doc.status != "draft":
            raise Conflict("Chỉ đính kèm bản .docx vào văn bản đang dự thảo.", {"status": doc.status})
        attachment = _attachment(actor, stored)
        if not OutgoingDocument.objects(document_id=doc.document_id, status="draft").update_one(
                push__attachments=attachment, set__updated_at=utcnow()):
            raise Conflict("Văn bản vừa được phát hành, không thể đính kèm.")
        return attachment.as_dict()

    @rpc
    def render_official(self, actor: dict, data: dict, filename: str | None = None) -> dict:
        """Render any official document from plain data (see ``formats.spec.DocumentSpec``)
        and store it: how other services (meetings: giấy mời, biên bản) get a .docx."""
        Actor.parse(actor)
        content = render_docx(data)
        name = filename or f"{_file_stem(str(data.get('symbol') or data.get('type_code') or 'van-ban'))}.docx"
        if not name.lower().endswith(".docx"):
            raise ValidationFailed("Tên tệp phải có đuôi .docx.", {"filename": "extension"})
        stored = self.storage.put_bytes(content, _file_stem(name[:-5]) + ".docx", DOCX_TYPE, prefix="generated")
        return {"file": stored.as_dict(), "url": self.storage.presigned_url(stored.key, stored.name)}

    # ================================================================ extract
    @rpc
    def inspect_docx(self, actor: dict, key: str) -> dict:
        """Metadata read from an uploaded .docx (``Storage.put_stream`` under
        ``uploads/``): what pre-fills the incoming-document registration form."""
        Actor.parse(actor)
        key = self._upload_key(key)
        return extract_docx(self._spooled(key, limit=20 * 1024 * 1024, what=".docx"))

    def _upload_key(self, key: str) -> str:
        key = str(key or "")
        # only fresh uploads: a key of another unit's attachment must not be readable here
        if not key.startswith(UPLOADS) or ".." in key:
            raise ValidationFailed("Mã tệp tải lên không hợp lệ.", {"key": "not_an_upload"})
        return key

    def _spooled(self, key: str, limit: int, what: str):
        if self.storage.size_of(key) > limit:
            raise FileRejected(f"Tệp {what} quá lớn (tối đa {limit // (1024 * 1024)} MB).", {"file": "too_large"})
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)
        for chunk in self.storage.iter_chunks(key):
            spool.write(chunk)
        spool.seek(0)
        return spool

    # ================================================================ edXML documents
    @rpc
    def export_edxml(self, actor: dict, document_id: str) -> dict:
        """The issued document as an edXML message (attachments inside, base64), in S3."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "xuất văn bản edXML")
        doc = self._own_outgoing(actor, document_id)
        units = self._units([doc.unit_code, *doc.recipients])
        msg = exchange.document_message(doc, units, self.storage.iter_chunks, utcnow())
        name = f"{_file_stem(doc.symbol)}.edxml"
        return self._store_xml(lambda out: edxml.write_document(msg, out), name,
                               limit=sum(a.size for a in doc.attachments) * 4 // 3 + 16 * 1024 * 1024)

    def _store_xml(self, write, name: str, limit: int) -> dict:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as out:
            write(out)
            out.seek(0)
            stored = self.storage.put_stream(out, name, prefix="edxml", max_bytes=limit)
        return {"file": stored.as_dict(), "url": self.storage.presigned_url(stored.key, stored.name)}

    @rpc
    def import_edxml(self, actor: dict, key: str, unit_code: str | None = None) -> dict:
        """Receive an uploaded edXML message as an incoming document (status 01)
        of the actor's unit; its attachments are decoded into S3."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "tiếp nhận văn bản edXML")
        if unit_code and unit_code != actor.unit_id:
            raise PermissionDenied("Chỉ tiếp nhận văn bản cho đơn vị của mình.")
        root = self._read_edxml(key)
        if edxml_reader.is_status(root):
            raise ValidationFailed("Đây là bản tin trạng thái, không phải văn bản.", {"key": "status_message"})
        msg = edxml_reader.read_document(root)
        fields = exchange.item_fields(msg)
        if IncomingItem.objects(document_id=fields["document_id"], recipient_unit=actor.unit_id).first():
            raise Conflict(f"Văn bản {fields['symbol'] or ''} đã được tiếp nhận trước đó.".replace("  ", " "))
        attachments = self._store_attachments(msg.attachments, actor)
        item = self._save_imported(actor, fields, attachments)
        return item_view(item)

    def _read_edxml(self, key: str):
        key = self._upload_key(key)
        limit = self.storage.settings.MAX_ATTACHMENT_BYTES
        if self.storage.size_of(key) > limit * 4 // 3 + 16 * 1024 * 1024:
            raise FileRejected("Bản tin edXML quá lớn.", {"file": "too_large"})
        return edxml_reader.parse(self.storage.iter_chunks(key), attachment_limit=limit)

    def _store_attachments(self, incoming: list, actor: Actor) -> list[Attachment]:
        stored: list[Attachment] = []
        try:
            for a in incoming:
                try:
                    f = self.storage.put_stream(a.file, a.name, prefix="incoming")
                except FileRejected as exc:
                    raise FileRejected(f"Tệp đính kèm “{a.name}”: {exc.message}", exc.fields) from None
                finally:
                    a.file.close()
                if f.sha256 != a.sha256:   # what S3 holds is not what the message carried
                    self.storage.delete(f.key)
                    raise FileRejected(f"Tệp đính kèm “{a.name}” bị sai lệch khi lưu.", {"file": "integrity"})
                stored.append(Attachment(attachment_id=uuid.uuid4().hex, name=f.name, key=f.key, size=f.size,
                                         sha256=f.sha256, content_type=f.content_type, uploaded_by=actor.user_id))
        except Exception:
            for a in stored:
                self.storage.delete(a.key)
            raise
        return stored

    def _save_imported(self, actor: Actor, fields: dict, attachments: list[Attachment]) -> IncomingItem:
        signer = fields.pop("signer")
        deadline = fields.pop("response_deadline")
        item = IncomingItem(
            **fields, recipient_unit=actor.unit_id, signer=Signer(**signer) if signer else None,
            response_deadline=parse_datetime(deadline) if deadline else None, attachments=attachments,
            integrity_ok=True, status=domain.ARRIVED,
            history=[HistoryEntry(by=actor.user_id, action="import_edxml", to_status=domain.ARRIVED,
                                  note="Tiếp nhận qua edXML")],
            search_text=fold(" ".join(filter(None, [fields["symbol"], fields["summary"], fields["sender_name"]]))))
        try:
            item.save(force_insert=True)
        except NotUniqueError:
            for a in attachments:
                self.storage.delete(a.key)
            raise Conflict("Văn bản này đã được tiếp nhận trước đó.") from None
        self.outbox.add(events.DELIVERED, {**self._item_event(item, actor), "integrity_ok": True})
        return item

    # ================================================================ edXML status
    @rpc
    def export_edxml_status(self, actor: dict, item_id: str) -> dict:
        """The status of an incoming document (01–06, 15/16) as an edXML status message for its sender."""
        actor = Actor.parse(actor)
        if not (actor.has(CLERK) or actor.has(LEADER)):
            raise PermissionDenied("Chỉ văn thư hoặc lãnh đạo được gửi trạng thái văn bản.")
        item = self._own_item(actor, item_id)
        unit = self._units([actor.unit_id]).get(actor.unit_id)
        code, description = exchange.item_status(item)
        issued = item.issued_at and local_date(item.issued_at)
        number, notation = d30.symbol_parts(item.symbol)
        msg = edxml.StatusMessage(
            response_for_organ=item.sender_unit, response_for_code=item.symbol or "", response_for_date=issued,
            response_for_document_id=edxml.document_id(item.sender_unit, issued, number, notation),
            sender=exchange.organ(unit, actor.unit_id), status_code=code, description=description,
            timestamp=to_local(utcnow()).replace(tzinfo=None), staff_name=actor.full_name)
        name = f"trang-thai-{_file_stem(item.symbol or item.item_id)}-{code}.edxml"
        return {**self._store_xml(lambda out: edxml.write_status(msg, out), name, limit=1024 * 1024),
                "status_code": code, "description": description}

    @rpc
    def import_edxml_status(self, actor: dict, key: str) -> dict:
        """Record a status message a receiver sent about one of the unit's issued documents."""
        actor = Actor.parse(actor)
        actor.require(CLERK, "tiếp nhận trạng thái văn bản")
        root = self._read_edxml(key)
        if not edxml_reader.is_status(root):
            raise ValidationFailed("Đây không phải bản tin trạng thái edXML.", {"key": "not_status"})
        msg = edxml_reader.read_status(root)
        if msg.response_for_organ != actor.unit_id:
            raise PermissionDenied("Bản tin trạng thái không dành cho văn bản của đơn vị.")
        doc = self._document_for_status(actor, msg)
        record = {"_id": uuid.uuid4().hex, "unit_code": actor.unit_id, **exchange.status_record(msg, doc.document_id),
                  "received_at": utcnow(), "received_by": actor.user_id}
        self.db[STATUS_COLLECTION].insert_one(record)
        return _status_view(record)

    def _document_for_status(self, actor: Actor, msg) -> OutgoingDocument:
        query = OutgoingDocument.objects(unit_code=actor.unit_id, symbol=msg.response_for_code, status="issued")
        for doc in query:
            if msg.response_for_date is None or local_date(doc.issued_at) == msg.response_for_date:
                return doc
        raise NotFound(f"Không tìm thấy văn bản {msg.response_for_code} của đơn vị.")

    @rpc
    def edxml_statuses(self, actor: dict, document_id: str) -> list:
        """Status messages received over edXML for one of the unit's documents, oldest first."""
        actor = Actor.parse(actor)
        doc = self._own_outgoing(actor, document_id)
        rows = self.db[STATUS_COLLECTION].find({"unit_code": actor.unit_id, "document_id": doc.document_id})
        return [_status_view(r) for r in sorted(rows, key=lambda r: r["timestamp"])]


def _status_view(record: dict) -> dict:
    view = {k: v for k, v in record.items() if k not in ("_id", "timestamp", "received_at")}
    return {**view, "status_id": record["_id"], "timestamp": iso(record["timestamp"]),
            "received_at": iso(record["received_at"])}
