"""The format RPCs on the real broker and S3: render and attach a draft's .docx,
inspect an uploaded .docx, export an issued document as edXML and import it
into another unit (same metadata, byte-identical attachments), status messages
both ways, hostile uploads refused, and the CLI commands."""
import hashlib
import io
import json

import pytest
import requests

from services.common.clock import local_date, parse_datetime
from services.common.config import Settings
from services.common.errors import Conflict, FileRejected, PermissionDenied, ValidationFailed
from services.common.storage import Storage
from services.directory.seed import DEPARTMENT
from services.directory.service import DirectoryService
from services.documents.exceptions import DocumentNotFound
from services.documents.formats import cli, edxml
from services.documents.service import DocumentsService

from ..integration.district import seed
from ..integration.helpers import plan_draft, wait_for
from .test_edxml import XXE

pytestmark = pytest.mark.integration


def upload(storage, data: bytes, name: str) -> str:
    return storage.put_stream(io.BytesIO(data), name, prefix="uploads").key


def download(url: str) -> bytes:
    response = requests.get(url, timeout=30)
    response.raise_for_status()
    return response.content


def test_render_inspect_and_edxml_round_trip(services, rpc, storage):
    district = seed(rpc, schools=2)
    office, school = district.office, district.schools[0]
    clerk = district.actor(office, "vanthu")
    draft = plan_draft(rpc, clerk, district.schools, section="KHTC")
    doc_id = draft["document_id"]

    # render the draft (unnumbered) and attach it; another unit cannot render it
    rendered = rpc.documents.render_document(clerk, doc_id, True)
    assert rendered["attachment"]["sha256"] == rendered["file"]["sha256"]
    docx = download(rendered["url"])
    assert hashlib.sha256(docx).hexdigest() == rendered["file"]["sha256"]
    with pytest.raises(DocumentNotFound):
        rpc.documents.render_document(district.actor(school, "vanthu"), doc_id)

    # the .docx reads back through the upload path (what pre-fills registration)
    fields = rpc.documents.inspect_docx(clerk, upload(storage, docx, "du-thao.docx"))
    assert fields["type_code"] == "KH" and fields["notation"] == "KH-GDĐT" and fields["number"] is None
    assert fields["summary"] == "Kế hoạch cải cách hành chính năm 2026"
    assert fields["issuing_unit"] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN ĐỒ SƠN"
    assert fields["signer"]["full_name"] == "Nguyễn Văn Hà" and fields["archive"] == "VT, KHTC"
    with pytest.raises(ValidationFailed):   # only fresh uploads can be inspected
        rpc.documents.inspect_docx(clerk, rendered["file"]["key"])

    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 8192
    stored = storage.put_stream(io.BytesIO(pdf), "Phụ lục.pdf", prefix="uploads")
    rpc.documents.attach(clerk, doc_id, stored.as_dict())
    issued = rpc.documents.issue(clerk, doc_id)
    with pytest.raises(Conflict):   # an issued document is not a draft any more
        rpc.documents.render_document(clerk, doc_id, True)
    final = rpc.documents.render_document(clerk, doc_id)
    assert rpc.documents.inspect_docx(clerk, upload(storage, download(final["url"]), "kh.docx"))["symbol"] \
        == issued["symbol"]

    # export, then import into a unit outside the recipients (the department)
    exported = rpc.documents.export_edxml(clerk, doc_id)
    raw = download(exported["url"])
    assert raw.startswith(b"<?xml") and b"QCVN_102_2016" in raw
    dept_clerk = district.actor(DEPARTMENT, "vanthu")
    key = upload(storage, raw, "van-ban.edxml")
    with pytest.raises(PermissionDenied):
        rpc.documents.import_edxml(dept_clerk, key, office)
    item = rpc.documents.import_edxml(dept_clerk, key, DEPARTMENT)
    assert item["status"] == "01" and item["recipient_unit"] == DEPARTMENT
    for field in ("symbol", "number", "type_code", "summary", "body", "urgency", "signer"):
        assert item[field] == issued[field], field
    assert item["sender_unit"] == office and item["sender_name"] == issued["unit_name"]
    # edXML carries the promulgation day only: the same day in Vietnam
    assert local_date(parse_datetime(item["issued_at"])) == local_date(parse_datetime(issued["issued_at"]))
    assert local_date(parse_datetime(item["response_deadline"])) == \
        local_date(parse_datetime(issued["response_deadline"]))
    sent = {(a["name"], a["size"], a["sha256"]) for a in issued["attachments"]}
    assert {(a["name"], a["size"], a["sha256"]) for a in item["attachments"]} == sent
    for a in item["attachments"]:
        link = rpc.documents.attachment_url(dept_clerk, a["attachment_id"], item_id=item["item_id"])
        assert hashlib.sha256(download(link["url"])).hexdigest() == a["sha256"]
    with pytest.raises(Conflict):   # the same message twice
        rpc.documents.import_edxml(dept_clerk, upload(storage, raw, "lan-2.edxml"))
    # the imported item goes through the ordinary workflow
    assert rpc.documents.register(dept_clerk, item["item_id"])["incoming_number"] == 1

    # status both ways: the department reports "registered" back to the office
    status = rpc.documents.export_edxml_status(dept_clerk, item["item_id"])
    assert status["status_code"] == "03"
    recorded = rpc.documents.import_edxml_status(clerk, upload(storage, download(status["url"]), "tt.edxml"))
    assert recorded["status_code"] == "03" and recorded["status_label"] == "Đã vào sổ"
    assert recorded["from_organ"] == DEPARTMENT and recorded["document_id"] == doc_id
    assert [s["status_code"] for s in rpc.documents.edxml_statuses(clerk, doc_id)] == ["03"]
    # the department took it over edXML, not as an in-system recipient: tracking follows its messages
    [row] = [r for r in rpc.documents.tracking(clerk, doc_id)["recipients"] if r["unit_code"] == DEPARTMENT]
    assert row["status"] == "03" and row["via"] == "edxml" and set(row["steps"]) == {"03"}
    with pytest.raises(PermissionDenied):   # a status about another unit's document
        rpc.documents.import_edxml_status(district.actor(school, "vanthu"),
                                          upload(storage, download(status["url"]), "tt.edxml"))


def test_hostile_and_broken_uploads_are_refused(services, rpc, storage):
    district = seed(rpc, schools=1)
    clerk = district.actor(district.schools[0], "vanthu")
    truncated = b"<edXML:edXMLEnvelope xmlns:edXML='" + edxml.NS.encode() + b"'><edXML:edXMLHeader>"
    for raw, reason in ((XXE, "doctype"), (truncated, "malformed_xml"),
                        (b"<x xmlns='urn:other'/>", "wrong_namespace")):
        with pytest.raises(FileRejected) as err:
            rpc.documents.import_edxml(clerk, upload(storage, raw, "x.edxml"))
        assert err.value.fields == {"file": reason}
    with pytest.raises(FileRejected):
        rpc.documents.inspect_docx(clerk, upload(storage, b"PK\x03\x04not really", "x.docx"))
    with pytest.raises(PermissionDenied):   # only a clerk receives
        rpc.documents.import_edxml(district.actor(district.schools[0], "cv1"), upload(storage, XXE, "x.edxml"))
    assert rpc.documents.inbox(clerk, {})["total"] == 0


def test_cli_export_and_import(services, rpc, storage, config, monkeypatch, tmp_path, capsys):
    district = seed(rpc, schools=1)
    clerk = district.actor(district.office, "vanthu")
    draft = plan_draft(rpc, clerk, district.schools)
    rpc.documents.issue(clerk, draft["document_id"])
    wait_for(lambda: rpc.documents.inbox(district.actor(district.schools[0], "vanthu"), {})["total"])
    for name in ("AMQP_URI", "S3_BUCKET", "S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY"):
        monkeypatch.setenv(name, str(config[name]))
    out = tmp_path / "kh.edxml"
    assert cli.main(["edxml", "export", draft["document_id"], "-o", str(out), "--as", "gddt.vanthu"]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    capsys.readouterr()
    assert cli.main(["edxml", "import", str(out), "--to", DEPARTMENT, "--as", "sgddt.vanthu"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["symbol"] == "01/KH-GDĐT" and printed["status"] == "01"
    assert cli.main(["edxml", "import", str(out), "--to", DEPARTMENT, "--as", "sgddt.vanthu"]) == 1
    assert "đã được tiếp nhận" in capsys.readouterr().err
