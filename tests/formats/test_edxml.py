"""edXML messages without services: writing and reading back, status messages,
mapping to the documents service, and refusal of hostile or broken input."""
import base64
import hashlib
import io
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from services.common.errors import FileRejected, ValidationFailed
from services.documents.formats import edxml, edxml_reader, exchange

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4000 + b"tail"
LIMIT = 10 * 1024 * 1024


def message(**extra) -> edxml.DocumentMessage:
    data = dict(
        sender=edxml.Organ("000.01.31.H26", "Phòng Giáo dục và Đào tạo quận Đồ Sơn", "UBND QUẬN ĐỒ SƠN"),
        receivers=[edxml.Organ("000.00.12.H26", "Sở Giáo dục và Đào tạo")],
        code_number="18", code_notation="KH-GDĐT", place="Đồ Sơn", promulgation_date=date(2025, 1, 12),
        type_name="Kế hoạch", subject="Kế hoạch cải cách hành chính <2025> & chuyển đổi số",
        content="Thực hiện ...\nI. MỤC ĐÍCH", due_date=date(2025, 2, 28), to_places=["Sở GD&ĐT"], priority=2,
        signer=edxml.Signer("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn Hà"),
        document_id="000.01.31.H26,2025/01/12,18/KH-GDĐT", trace=[("000.01.31.H26", "2025/01/12 08:00:00")],
        attachments=[edxml.AttachmentOut("a1", "Kế hoạch.pdf", "application/pdf",
                                         lambda: [PDF[:1000], PDF[1000:]])])
    data.update(extra)
    return edxml.DocumentMessage(**data)


def write(msg) -> bytes:
    out = io.BytesIO()
    edxml.write_document(msg, out)
    return out.getvalue()


def read(raw: bytes, chunk=4096, limit=LIMIT):
    return edxml_reader.parse([raw[i:i + chunk] for i in range(0, len(raw), chunk)], attachment_limit=limit)


def test_a_document_message_reads_back_identically():
    raw = write(message())
    assert "<edXML:CodeNotation>KH-GDĐT</edXML:CodeNotation>" in raw.decode()
    got = edxml_reader.read_document(read(raw))
    assert (got.code_number, got.code_notation, got.type_name) == ("18", "KH-GDĐT", "Kế hoạch")
    assert got.subject == "Kế hoạch cải cách hành chính <2025> & chuyển đổi số"
    assert got.content == "Thực hiện ...\nI. MỤC ĐÍCH"
    assert (got.promulgation_date, got.due_date, got.priority) == (date(2025, 1, 12), date(2025, 2, 28), 2)
    assert got.signer == edxml.Signer("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn Hà")
    assert got.sender.organ_id == "000.01.31.H26" and got.receivers[0].organ_id == "000.00.12.H26"
    assert got.to_places == ["Sở GD&ĐT"] and got.trace == [("000.01.31.H26", "2025/01/12 08:00:00")]
    [a] = got.attachments
    assert (a.name, a.content_type, a.size) == ("Kế hoạch.pdf", "application/pdf", len(PDF))
    assert a.sha256 == hashlib.sha256(PDF).hexdigest() and a.file.read() == PDF


def test_the_message_maps_to_incoming_item_fields():
    fields = exchange.item_fields(edxml_reader.read_document(read(write(message()))))
    assert fields["symbol"] == "18/KH-GDĐT" and fields["number"] == 18 and fields["type_code"] == "KH"
    assert fields["signer"] == {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"}
    assert fields["urgency"] == 2 and fields["sender_unit"] == "000.01.31.H26"
    assert fields["document_id"] == exchange.item_fields(
        edxml_reader.read_document(read(write(message()))))["document_id"]   # stable: re-import is detected


def test_a_cong_van_type_comes_from_its_name_or_notation():
    msg = edxml_reader.read_document(read(write(message(type_name="", code_notation="GDĐT-TCCB"))))
    assert exchange.type_code_of(msg) == "CV"
    msg = edxml_reader.read_document(read(write(message(type_name="", code_notation="QĐ-UBND"))))
    assert exchange.type_code_of(msg) == "QĐ"


def test_the_wrapper_form_with_default_namespace_is_accepted():
    body = base64.b64encode(PDF).decode()
    raw = f"""<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns="{edxml.NS}"><edXML:edXMLEnvelope xmlns:edXML="{edxml.NS}"><edXML:edXMLHeader><edXML:MessageHeader>
<edXML:From><edXML:OrganId>000.00.31.H26</edXML:OrganId><edXML:OrganName>UBND quận</edXML:OrganName></edXML:From>
<edXML:Code><edXML:CodeNumber>45</edXML:CodeNumber><edXML:CodeNotation>UBND-VX</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:PromulgationDate>2025-06-02</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>2</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>V/v đôn đốc báo cáo</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader>
<edXML:edXMLBody><edXML:edXMLManifest><edXML:Reference><edXML:ContentId>cid:x1</edXML:ContentId>
<edXML:AttachmentName>cv.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>
</edXML:edXMLEnvelope><AttachmentEncoded><Attachment><ContentType>application/pdf</ContentType>
<ContentId>x1</ContentId><ContentTransferEncoded>{body[:100]}
{body[100:]}</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>""".encode()
    msg = edxml_reader.read_document(read(raw, chunk=333))
    assert msg.code_notation == "UBND-VX" and msg.promulgation_date == date(2025, 6, 2)
    assert [(a.name, a.size) for a in msg.attachments] == [("cv.pdf", len(PDF))]
    assert exchange.type_code_of(msg) == "CV"


def test_a_status_message_reads_back():
    status = edxml.StatusMessage(
        response_for_organ="000.01.31.H26", response_for_code="18/KH-GDĐT", response_for_date=date(2025, 1, 12),
        response_for_document_id="000.01.31.H26,2025/01/12,18/KH-GDĐT",
        sender=edxml.Organ("000.11.31.H26", "Trường Mầm non Ngọc Xuyên"), status_code="02",
        description="Từ chối: sai nơi nhận", timestamp=datetime(2025, 1, 13, 9, 30, 0), staff_name="Lê Thị Mai")
    out = io.BytesIO()
    edxml.write_status(status, out)
    root = read(out.getvalue())
    assert edxml_reader.is_status(root)
    assert edxml_reader.read_status(root) == status


def test_item_status_reports_answered_recalls_and_refusal_reasons():
    refused = SimpleNamespace(status="02", refusal_reason="Sai nơi nhận", change=None)
    assert exchange.item_status(refused) == ("02", "Từ chối: Sai nơi nhận")
    recalled = SimpleNamespace(status="06", refusal_reason=None,
                               change=SimpleNamespace(status="15", note=None))
    assert exchange.item_status(recalled) == ("15", "Đồng ý thu hồi/cập nhật")
    assert exchange.status_label("09") == "Trạng thái edXML mã 09"


def test_confidential_or_unissued_documents_are_not_exported():
    doc = SimpleNamespace(status="draft", confidentiality=0)
    with pytest.raises(ValidationFailed):
        exchange.document_message(doc, {}, None, datetime.now())
    doc = SimpleNamespace(status="issued", confidentiality=1)
    with pytest.raises(ValidationFailed) as err:
        exchange.document_message(doc, {}, None, datetime.now())
    assert "mật" in err.value.message


# ---------------------------------------------------------------- hostile and broken input
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><edXML:edXMLEnvelope xmlns:edXML="' + edxml.NS.encode() + b'">&lol9;</edXML:edXMLEnvelope>')
XXE = (b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<edXML:edXMLEnvelope xmlns:edXML="' + edxml.NS.encode() + b'"><edXML:edXMLHeader>&xxe;'
       b'</edXML:edXMLHeader></edXML:edXMLEnvelope>')


@pytest.mark.parametrize("raw, reason, words", [
    (BILLION_LAUGHS, "doctype", "DOCTYPE"),
    (XXE, "doctype", "DOCTYPE"),
    (b"<edXML:edXMLEnvelope xmlns:edXML='urn:other'/>", "wrong_namespace", "không gian tên"),
    (b"<html><body/></html>", "wrong_namespace", "không gian tên"),
    (b"<edXML:edXMLEnvelope xmlns:edXML='" + edxml.NS.encode() + b"'><edXML:edXMLHeader>",
     "malformed_xml", "không phải XML hợp lệ"),
    (b"\x00\x01binary", "malformed_xml", "không phải XML hợp lệ"),
])
def test_hostile_or_malformed_xml_is_refused(raw, reason, words):
    with pytest.raises(FileRejected) as err:
        read(raw)
    assert err.value.fields == {"file": reason}
    assert words in err.value.message


def _with_content(content: bytes) -> bytes:
    raw = write(message())
    start = raw.index(b"<edXML:ContentTransferEncoded>") + len(b"<edXML:ContentTransferEncoded>")
    end = raw.index(b"</edXML:ContentTransferEncoded>")
    return raw[:start] + content + raw[end:]


@pytest.mark.parametrize("content", [b"%%%not base64%%%", b"QUJD", b"QUI=QUJD", b"QU"])
def test_undecodable_attachments_are_refused(content):
    if content == b"QUJD":   # valid base64: the control case
        assert edxml_reader.read_document(read(_with_content(content))).attachments[0].size == 3
        return
    with pytest.raises(FileRejected) as err:
        read(_with_content(content))
    assert err.value.fields == {"file": "attachment_undecodable"}


def test_oversize_attachments_are_refused_while_streaming():
    with pytest.raises(FileRejected) as err:
        read(write(message()), limit=1000)
    assert err.value.fields == {"file": "attachment_too_large"} and "dung lượng" in err.value.message


def test_missing_required_fields_are_named():
    with pytest.raises(FileRejected) as err:
        edxml_reader.read_document(read(write(message(subject=""))))
    assert "Subject" in err.value.message
    with pytest.raises(FileRejected) as err:
        edxml_reader.read_document(read(write(message(promulgation_date=None, due_date=None)).replace(
            b"<edXML:DueDate></edXML:DueDate>", b"<edXML:DueDate>31/31/2025</edXML:DueDate>")))
    assert "DueDate" in err.value.message


def test_deep_nesting_is_refused():
    raw = (b"<edXML:edXMLEnvelope xmlns:edXML='" + edxml.NS.encode() + b"'>" + b"<edXML:a>" * 100
           + b"</edXML:a>" * 100 + b"</edXML:edXMLEnvelope>")
    with pytest.raises(FileRejected) as err:
        read(raw)
    assert err.value.fields == {"file": "too_complex"}
