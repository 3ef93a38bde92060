"""Read edXML messages safely and in a stream.

The parser is lxml's event interface, fed chunk by chunk from S3:
- any DOCTYPE is refused (edXML has none): no entity can be declared, so
  neither entity expansion ("billion laughs") nor external entities (XXE)
  can happen; entities are not resolved and the network is off besides;
- attachment content is base64-decoded as it arrives into a temporary file
  (spilling to disk), hashed on the way and cut off at the size limit;
- everything else is kept in a small tree with limits on depth, element
  count and text, so a hostile message cannot exhaust memory.
Every refusal is a ``FileRejected`` with a Vietnamese message.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from lxml import etree

from services.common.errors import FileRejected
from services.common.text import nfc

from .edxml import (NS, STATUS_CODES, AttachmentIn, DocumentMessage, Organ, Signer, StatusMessage)

MAX_DEPTH = 32
MAX_ELEMENTS = 20_000
MAX_TEXT = 2 * 1024 * 1024       # all text outside attachments together
MAX_ATTACHMENTS = 50
SPOOL_BYTES = 4 * 1024 * 1024
_ROOTS = {"edXMLEnvelope", "edXML"}   # the envelope, or the wrapper some senders add around it
_CONTENT_TAGS = {"ContentTransferEncoded", "Content"}   # inside Attachment
_FOREIGN_OK = {"Signature", "DigitalSignature"}          # XML-DSig lives in its own namespace


def reject(message: str, reason: str) -> FileRejected:
    return FileRejected(message, {"file": reason})


@dataclass
class Node:
    name: str
    children: list["Node"] = field(default_factory=list)
    text: str = ""
    attachment: AttachmentIn | None = None

    def child(self, name: str) -> "Node | None":
        return next((c for c in self.children if c.name == name), None)

    def all(self, name: str) -> list["Node"]:
        return [c for c in self.children if c.name == name]

    def get(self, path: str) -> str:
        node = self
        for part in path.split("/"):
            node = node.child(part) if node else None
        return nfc(node.text) if node is not None and node.text else ""

    def find(self, name: str) -> "Node | None":
        """The first descendant called ``name`` (depth first)."""
        for c in self.children:
            if c.name == name:
                return c
            found = c.find(name)
            if found is not None:
                return found
        return None


class _Base64File:
    """Decode base64 text as it streams in, into a temporary file, hashing."""

    def __init__(self, limit: int):
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        self.sha = hashlib.sha256()
        self.size = 0
        self.limit = limit
        self.pending = ""
        self.ended = False   # padding seen: nothing may follow

    def feed(self, text: str) -> None:
        data = self.pending + "".join(text.split())
        cut = len(data) - len(data) % 4
        self.pending = data[cut:]
        if cut:
            self._write(data[:cut])

    def _write(self, quads: str) -> None:
        if self.ended:
            raise binascii.Error("data after padding")
        chunk = base64.b64decode(quads, validate=True)
        self.ended = quads.endswith("=")
        self.size += len(chunk)
        if self.size > self.limit:
            raise reject(f"Tệp đính kèm vượt quá dung lượng cho phép ({self.limit // (1024 * 1024)} MB).",
                         "attachment_too_large")
        self.sha.update(chunk)
        self.file.write(chunk)

    def finish(self) -> tuple:
        if self.pending:
            raise binascii.Error("truncated")
        self.file.seek(0)
        return self.file, self.size, self.sha.hexdigest()


class _Target:
    """lxml parser target: builds ``Node``s, streams attachment content."""

    def __init__(self, attachment_limit: int):
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.elements = 0
        self.text_bytes = 0
        self.attachment_limit = attachment_limit
        self.decoder: _Base64File | None = None
        self.attachments = 0
        self.foreign_depth = 0   # inside a signature, where other namespaces are fine

    def doctype(self, *args):
        raise reject("Bản tin edXML không được chứa khai báo DOCTYPE/ENTITY (có thể là tấn công XML).", "doctype")

    def start(self, tag, attrib, nsmap=None):
        ns, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        self.elements += 1
        if self.elements > MAX_ELEMENTS or len(self.stack) >= MAX_DEPTH:
            raise reject("Bản tin edXML quá phức tạp (quá nhiều phần tử hoặc lồng quá sâu).", "too_complex")
        if self.foreign_depth or (ns != NS and self.stack and self.stack[-1].name in _FOREIGN_OK):
            self.foreign_depth += 1
            self.stack.append(Node(name))   # kept out of the tree
            return
        if ns != NS:
            raise reject(f"Bản tin không đúng không gian tên edXML ({NS}); phần tử “{name}” thuộc “{ns or 'không có'}”.",
                         "wrong_namespace")
        if not self.stack and name not in _ROOTS:
            raise reject("Tệp XML không phải bản tin edXML (thiếu edXMLEnvelope).", "not_edxml")
        node = Node(name)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        if name in _CONTENT_TAGS and len(self.stack) >= 2 and self.stack[-2].name == "Attachment":
            self.attachments += 1
            if self.attachments > MAX_ATTACHMENTS:
                raise reject(f"Bản tin có quá nhiều tệp đính kèm (tối đa {MAX_ATTACHMENTS}).", "too_many_attachments")
            self.decoder = _Base64File(self.attachment_limit)

    def data(self, text):
        if self.decoder is not None:
            try:
                self.decoder.feed(text)
            except (binascii.Error, ValueError):
                raise self._undecodable() from None
            return
        if self.foreign_depth or not self.stack:
            return
        self.text_bytes += len(text)
        if self.text_bytes > MAX_TEXT:
            raise reject("Phần thông tin của bản tin edXML quá lớn.", "text_too_large")
        self.stack[-1].text += text

    def end(self, tag):
        node = self.stack.pop()
        if self.foreign_depth:
            self.foreign_depth -= 1
            return
        if self.decoder is not None:
            try:
                file, size, sha = self.decoder.finish()
            except (binascii.Error, ValueError):
                raise self._undecodable() from None
            node.attachment = AttachmentIn("", "", "", "", file, size, sha)
            self.decoder = None
        else:
            node.text = node.text.strip()

    def _undecodable(self) -> FileRejected:
        return reject("Tệp đính kèm trong bản tin edXML không giải mã được (base64 lỗi).", "attachment_undecodable")

    def comment(self, text):
        pass

    def pi(self, target, data=None):
        pass

    def close(self):
        return self.root


def parse(chunks: Iterable[bytes], attachment_limit: int) -> Node:
    """The message's tree; attachment contents are in ``Node.attachment``."""
    target = _Target(attachment_limit)
    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        for chunk in chunks:
            parser.feed(chunk)
        root = parser.close()
    except FileRejected:
        raise
    except etree.XMLSyntaxError as exc:
        raise reject(f"Tệp không phải XML hợp lệ: {exc.msg}.", "malformed_xml") from None
    if root is None:
        raise reject("Tệp XML rỗng.", "malformed_xml")
    return root


# ---------------------------------------------------------------- interpretation
def envelope(root: Node) -> Node:
    env = root if root.name == "edXMLEnvelope" else root.child("edXMLEnvelope")
    if env is None or env.child("edXMLHeader") is None:
        raise reject("Bản tin edXML thiếu phần đầu (edXMLHeader).", "not_edxml")
    return env


def is_status(root: Node) -> bool:
    return envelope(root).child("edXMLHeader").child("Status") is not None


def parse_date(text: str, what: str) -> date | None:
    if not text:
        return None
    for fmt in ("%Y/%m/%d", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip()[:10], fmt).date()
        except ValueError:
            continue
    raise reject(f"Ngày không hợp lệ trong bản tin edXML ({what}: “{text}”).", "bad_date")


def _int(text: str, what: str, default: int, low: int, high: int) -> int:
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise reject(f"Giá trị không hợp lệ trong bản tin edXML ({what}: “{text}”).", "bad_value") from None
    if not low <= value <= high:
        raise reject(f"Giá trị ngoài khoảng cho phép trong bản tin edXML ({what}: {value}).", "bad_value")
    return value


def _organ(node: Node | None) -> Organ:
    if node is None:
        return Organ("")
    return Organ(node.get("OrganId"), node.get("OrganName"), node.get("OrganizationInCharge"),
                 node.get("OrganAdd"), node.get("Email"), node.get("Telephone"))


def read_document(root: Node) -> DocumentMessage:
    header = envelope(root).child("edXMLHeader").child("MessageHeader")
    if header is None:
        raise reject("Bản tin edXML thiếu MessageHeader.", "not_edxml")
    sender = _organ(header.child("From"))
    if not sender.organ_id:
        raise reject("Bản tin edXML thiếu mã định danh cơ quan gửi (From/OrganId).", "missing_field")
    subject = header.get("Subject")
    if not subject:
        raise reject("Bản tin edXML thiếu trích yếu (Subject).", "missing_field")
    trace_list = envelope(root).child("edXMLHeader").child("TraceHeaderList")
    business = trace_list.child("Bussiness") if trace_list else None
    msg = DocumentMessage(
        sender=sender, receivers=[_organ(n) for n in header.all("To")],
        code_number=header.get("Code/CodeNumber") or None, code_notation=header.get("Code/CodeNotation") or None,
        place=header.get("PromulgationInfo/Place") or None,
        promulgation_date=parse_date(header.get("PromulgationInfo/PromulgationDate"), "PromulgationDate"),
        type_name=header.get("DocumentType/TypeName"), subject=subject, content=header.get("Content"),
        signer=Signer(header.get("SignerInfo/Competence"), header.get("SignerInfo/Position"),
                      header.get("SignerInfo/FullName")),
        due_date=parse_date(header.get("DueDate"), "DueDate"),
        to_places=[nfc(p.text) for p in (header.child("ToPlaces") or Node("")).all("Place") if p.text],
        priority=_int(header.get("OtherInfo/Priority"), "Priority", 0, 0, 4),
        sphere=header.get("OtherInfo/SphereOfPromulgation"), typer_notation=header.get("OtherInfo/TyperNotation"),
        promulgation_amount=_int(header.get("OtherInfo/PromulgationAmount"), "PromulgationAmount", 1, 0, 100000),
        page_amount=_int(header.get("OtherInfo/PageAmount"), "PageAmount", 1, 0, 100000),
        steering_type=_int(header.get("SteeringType"), "SteeringType", 0, 0, 9),
        document_id=header.get("DocumentId"),
        business_doc_type=_int(business.get("BussinessDocType") if business else "", "BussinessDocType", 0, 0, 3),
        business_reason=business.get("BussinessDocReason") if business else "",
        trace=[(t.get("OrganId"), t.get("Timestamp")) for t in (trace_list.all("TraceHeader") if trace_list else [])],
        attachments=_attachments(root))
    return msg


def _attachments(root: Node) -> list[AttachmentIn]:
    """Attachments with their names: from the Attachment element, else from the
    manifest Reference with the same ContentId."""
    references = {}
    manifest = root.find("edXMLManifest")
    for ref in manifest.all("Reference") if manifest else []:
        references[_cid(ref.get("ContentId"))] = ref
    found = []
    encoded_groups = [n for n in _walk(root) if n.name == "AttachmentEncoded"]
    for group in encoded_groups:
        for node in group.all("Attachment"):
            content = next((c for c in node.children if c.attachment is not None), None)
            if content is None:
                raise reject("Tệp đính kèm trong bản tin edXML không có nội dung.", "attachment_undecodable")
            cid = _cid(node.get("ContentId"))
            ref = references.get(cid)
            name = node.get("AttachmentName") or (ref.get("AttachmentName") if ref else "")
            if not name:
                raise reject("Tệp đính kèm trong bản tin edXML thiếu tên tệp.", "attachment_unnamed")
            a = content.attachment
            found.append(AttachmentIn(cid, name, node.get("ContentType") or (ref.get("ContentType") if ref else ""),
                                      node.get("Description"), a.file, a.size, a.sha256))
    return found


def _cid(value: str) -> str:
    return value[4:] if value.lower().startswith("cid:") else value


def _walk(node: Node):
    yield node
    for c in node.children:
        yield from _walk(c)


def read_status(root: Node) -> StatusMessage:
    status = envelope(root).child("edXMLHeader").child("Status")
    code = status.get("StatusCode").zfill(2)
    if code not in STATUS_CODES:
        raise reject(f"Mã trạng thái edXML không hợp lệ: “{status.get('StatusCode')}” (01–16).", "bad_status")
    sender = _organ(status.child("From"))
    if not sender.organ_id:
        raise reject("Bản tin trạng thái thiếu mã định danh cơ quan gửi (From/OrganId).", "missing_field")
    timestamp = status.get("Timestamp")
    try:
        when = datetime.strptime(timestamp, "%Y/%m/%d %H:%M:%S") if timestamp else None
    except ValueError:
        when = None
    if when is None:
        raise reject(f"Thời điểm không hợp lệ trong bản tin trạng thái: “{timestamp}”.", "bad_date")
    return StatusMessage(
        response_for_organ=status.get("ResponseFor/OrganId"), response_for_code=status.get("ResponseFor/Code"),
        response_for_date=parse_date(status.get("ResponseFor/PromulgationDate"), "PromulgationDate"),
        response_for_document_id=status.get("ResponseFor/DocumentId"), sender=sender, status_code=code,
        description=status.get("Description"), timestamp=when,
        staff_department=status.get("StaffInfo/Department"), staff_name=status.get("StaffInfo/Staff"),
        staff_mobile=status.get("StaffInfo/Mobile"), staff_email=status.get("StaffInfo/Email"))
