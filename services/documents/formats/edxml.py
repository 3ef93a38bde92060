"""edXML messages (QCVN 102:2016): what a document message and a status
message carry, and how they are written.

Writing streams: attachments are read from S3 in chunks and base64-encoded
straight into the output, so a large attachment is never whole in memory.
Reading (with the hardening against hostile XML) is in ``edxml_reader``.
"""
from __future__ import annotations

import base64
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO, Callable, Iterable, Iterator

from lxml import etree

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
PREFIX = "edXML"
DATE_FORMAT = "%Y/%m/%d"
TIME_FORMAT = "%Y/%m/%d %H:%M:%S"
# DocumentType/Type: 1 legal normative document (QPPL), 2 administrative document.
ADMINISTRATIVE = "2"
STATUS_CODES = tuple(f"{n:02d}" for n in range(1, 17))
_B64_CHUNK = 3 * 256 * 1024   # a multiple of 3: chunks encode without padding in between


@dataclass
class Organ:
    organ_id: str
    name: str = ""
    in_charge: str = ""   # OrganizationInCharge: the superior body
    address: str = ""
    email: str = ""
    telephone: str = ""


@dataclass
class Signer:
    competence: str = ""   # "KT. TRƯỞNG PHÒNG": authority prefix and principal
    position: str = ""
    full_name: str = ""


@dataclass
class AttachmentOut:
    """An attachment to write: its metadata and a way to read its bytes."""
    content_id: str
    name: str
    content_type: str
    chunks: Callable[[], Iterable[bytes]]
    description: str = ""


@dataclass
class AttachmentIn:
    """An attachment read from a message: decoded into a temporary file."""
    content_id: str
    name: str
    content_type: str
    description: str
    file: BinaryIO
    size: int
    sha256: str


@dataclass
class DocumentMessage:
    sender: Organ
    receivers: list[Organ]
    code_number: str | None
    code_notation: str | None
    place: str | None
    promulgation_date: date | None
    type_name: str
    subject: str
    content: str = ""
    signer: Signer = field(default_factory=Signer)
    due_date: date | None = None
    to_places: list[str] = field(default_factory=list)
    priority: int = 0
    sphere: str = ""
    typer_notation: str = ""
    promulgation_amount: int = 1
    page_amount: int = 1
    steering_type: int = 0
    document_id: str = ""
    business_doc_type: int = 0       # 0 new, 1 recall, 2 update, 3 replace
    business_reason: str = ""
    trace: list[tuple[str, str]] = field(default_factory=list)   # (organ id, timestamp)
    attachments: list = field(default_factory=list)   # AttachmentOut when writing, AttachmentIn when read


@dataclass
class StatusMessage:
    """A receiver's report on a document (edXML Status)."""
    response_for_organ: str          # the sender of the document
    response_for_code: str           # its số, ký hiệu: "18/KH-GDĐT"
    response_for_date: date | None
    response_for_document_id: str
    sender: Organ                    # the organisation reporting
    status_code: str                 # 01..16
    description: str
    timestamp: datetime
    staff_department: str = ""
    staff_name: str = ""
    staff_mobile: str = ""
    staff_email: str = ""


def document_id(organ_id: str, issued: date | None, code_number: str | None, code_notation: str | None) -> str:
    """The message's DocumentId: ``<organ id>,<yyyy/mm/dd>,<number>/<notation>``."""
    when = issued.strftime(DATE_FORMAT) if issued else ""
    return f"{organ_id},{when},{code_number or ''}/{code_notation or ''}"


# ---------------------------------------------------------------- writing
class _Writer:
    def __init__(self, xf):
        self.xf = xf

    def leaf(self, name: str, value) -> None:
        with self.xf.element(_q(name)):
            if value not in (None, ""):
                self.xf.write(str(value))

    def group(self, name: str, **attrs):
        return self.xf.element(_q(name), attrs) if attrs else self.xf.element(_q(name))

    def organ(self, name: str, organ: Organ) -> None:
        with self.group(name):
            for tag, value in (("OrganId", organ.organ_id), ("OrganizationInCharge", organ.in_charge),
                               ("OrganName", organ.name), ("OrganAdd", organ.address), ("Email", organ.email),
                               ("Telephone", organ.telephone), ("Fax", ""), ("Website", "")):
                self.leaf(tag, value)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


@contextmanager
def _envelope(out: BinaryIO):
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("edXMLEnvelope"), nsmap={PREFIX: NS}):
            yield _Writer(xf)


def write_document(msg: DocumentMessage, out: BinaryIO) -> None:
    with _envelope(out) as w:
        with w.group("edXMLHeader"):
            _write_message_header(w, msg)
            _write_trace(w, msg)
        with w.group("edXMLBody"):
            with w.group("edXMLManifest", version="1.0"):
                for a in msg.attachments:
                    with w.group("Reference"):
                        for tag, value in (("ContentId", a.content_id), ("ContentType", a.content_type),
                                           ("Description", a.description), ("AttachmentName", a.name)):
                            w.leaf(tag, value)
            with w.group("AttachmentEncoded"):
                for a in msg.attachments:
                    _write_attachment(w, a)


def _write_message_header(w: _Writer, msg: DocumentMessage) -> None:
    with w.group("MessageHeader"):
        w.organ("From", msg.sender)
        for receiver in msg.receivers:
            w.organ("To", receiver)
        w.leaf("DocumentId", msg.document_id)
        with w.group("Code"):
            w.leaf("CodeNumber", msg.code_number)
            w.leaf("CodeNotation", msg.code_notation)
        with w.group("PromulgationInfo"):
            w.leaf("Place", msg.place)
            w.leaf("PromulgationDate", _date(msg.promulgation_date))
        with w.group("DocumentType"):
            w.leaf("Type", ADMINISTRATIVE)
            w.leaf("TypeName", msg.type_name)
        w.leaf("Subject", msg.subject)
        w.leaf("Content", msg.content)
        with w.group("SignerInfo"):
            w.leaf("Competence", msg.signer.competence)
            w.leaf("Position", msg.signer.position)
            w.leaf("FullName", msg.signer.full_name)
        w.leaf("DueDate", _date(msg.due_date))
        with w.group("ToPlaces"):
            for place in msg.to_places:
                w.leaf("Place", place)
        with w.group("OtherInfo"):
            for tag, value in (("Priority", msg.priority), ("SphereOfPromulgation", msg.sphere),
                               ("TyperNotation", msg.typer_notation),
                               ("PromulgationAmount", msg.promulgation_amount), ("PageAmount", msg.page_amount)):
                w.leaf(tag, value)
        w.leaf("SteeringType", msg.steering_type)


def _write_trace(w: _Writer, msg: DocumentMessage) -> None:
    with w.group("TraceHeaderList"):
        for organ_id, timestamp in msg.trace:
            with w.group("TraceHeader"):
                w.leaf("OrganId", organ_id)
                w.leaf("Timestamp", timestamp)
        # "Bussiness" is the standard's own spelling
        with w.group("Bussiness"):
            w.leaf("BussinessDocType", msg.business_doc_type)
            w.leaf("BussinessDocReason", msg.business_reason)
            w.leaf("Paper", 0)


def _write_attachment(w: _Writer, a: AttachmentOut) -> None:
    with w.group("Attachment"):
        for tag, value in (("ContentId", a.content_id), ("AttachmentName", a.name),
                           ("ContentType", a.content_type), ("Description", a.description)):
            w.leaf(tag, value)
        with w.group("ContentTransferEncoded"):
            for piece in _base64_pieces(a.chunks()):
                w.xf.write(piece)
                w.xf.flush()


def _base64_pieces(chunks: Iterable[bytes]) -> Iterator[str]:
    pending = b""
    for chunk in chunks:
        pending += chunk
        if len(pending) >= _B64_CHUNK:
            cut = len(pending) - len(pending) % 3
            yield base64.b64encode(pending[:cut]).decode("ascii")
            pending = pending[cut:]
    if pending:
        yield base64.b64encode(pending).decode("ascii")


def write_status(msg: StatusMessage, out: BinaryIO) -> None:
    with _envelope(out) as w:
        with w.group("edXMLHeader"):
            with w.group("Status"):
                with w.group("ResponseFor"):
                    w.leaf("OrganId", msg.response_for_organ)
                    w.leaf("Code", msg.response_for_code)
                    w.leaf("PromulgationDate", _date(msg.response_for_date))
                    w.leaf("DocumentId", msg.response_for_document_id)
                w.organ("From", msg.sender)
                w.leaf("StatusCode", msg.status_code)
                w.leaf("Description", msg.description)
                w.leaf("Timestamp", msg.timestamp.strftime(TIME_FORMAT))
                with w.group("StaffInfo"):
                    for tag, value in (("Department", msg.staff_department), ("Staff", msg.staff_name),
                                       ("Mobile", msg.staff_mobile), ("Email", msg.staff_email)):
                        w.leaf(tag, value)
        w.leaf("edXMLBody", "")
