"""Vào sổ văn bản giấy/ngoài hệ thống through the gateway (real broker and S3):
a .docx streamed up pre-fills the form from its metadata, the clerk registers
it with the next số đến and the attached file; a PDF scan is attached without
pre-filling; uploads are the uploader's own, single-use, clerks only; audited."""
from pathlib import Path

import pytest

from .helpers import pdf_bytes

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).resolve().parents[1] / "formats" / "corpus"
DOCX = CORPUS / "01_kh_table_standard.docx"
FILES = "/api/v1/inbox/external/files"


def put_file(api, data: bytes, filename: str):
    return api.put(FILES, params={"filename": filename}, data=data, headers={"Content-Type": "application/octet-stream"})


def form_from(prefill: dict, upload_id: str | None) -> dict:
    """What the web form sends after the clerk accepted the pre-filled values."""
    return {"sender_name": prefill["issuing_unit"], "symbol": prefill["symbol"], "type_code": prefill["type_code"],
            "summary": prefill["summary"], "issued_date": prefill["date"],
            "signer": {k: prefill["signer"][k] for k in ("authority", "position", "full_name")},
            "urgency": prefill["urgency"] or 0, "upload_id": upload_id}


def test_docx_prefills_and_registers_with_the_next_incoming_number(as_user, district):
    clerk = as_user(1, "vanthu")
    r = put_file(clerk, DOCX.read_bytes(), "Kế hoạch kiểm tra nội bộ.docx")
    assert r.status_code == 201, r.text
    upload = r.json()
    prefill = upload["prefill"]
    assert upload["name"] == "Kế hoạch kiểm tra nội bộ.docx" and upload["size"] == DOCX.stat().st_size
    assert "key" not in upload   # the S3 key stays on the gateway
    assert prefill["symbol"] == "18/KH-GDĐT" and prefill["type_code"] == "KH"
    assert prefill["issuing_unit"] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" and prefill["date"] == "2025-01-12"
    assert prefill["summary"] == "Kiểm tra nội bộ trường học năm học 2024-2025"
    assert prefill["signer"] == {"authority": "KT.", "on_behalf_of": "TRƯỞNG PHÒNG", "position": "PHÓ TRƯỞNG PHÒNG",
                                 "full_name": "Nguyễn Văn Hà"}

    r = clerk.post("/api/v1/inbox/external", json={**form_from(prefill, upload["upload_id"]),
                                                   "summary": "Kế hoạch kiểm tra nội bộ trường học 2024-2025"})
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["status"] == "03" and item["incoming_number"] == 1
    assert item["symbol"] == "18/KH-GDĐT" and item["sender_name"] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    assert item["summary"] == "Kế hoạch kiểm tra nội bộ trường học 2024-2025"   # the clerk's correction
    assert item["signer"]["full_name"] == "Nguyễn Văn Hà"
    assert [a["name"] for a in item["attachments"]] == ["Kế hoạch kiểm tra nội bộ.docx"]
    assert item["people"]   # names of who registered it
    # it is an ordinary incoming item now, with its file downloadable
    assert clerk.get(f"/api/v1/items/{item['item_id']}").json()["incoming_number"] == 1
    att = item["attachments"][0]["attachment_id"]
    assert clerk.get(f"/api/v1/items/{item['item_id']}/attachments/{att}").status_code == 302
    # the same upload cannot be registered twice
    r = clerk.post("/api/v1/inbox/external", json=form_from(prefill, upload["upload_id"]))
    assert r.status_code == 404 and r.json()["error"]["fields"] == {"upload_id": "not_found"}


def test_pdf_scan_is_attached_without_prefill_and_numbers_follow(as_user, district):
    clerk = as_user(1, "vanthu")
    r = put_file(clerk, pdf_bytes(), "Công văn scan.pdf")
    assert r.status_code == 201, r.text
    assert r.json()["prefill"] is None and r.json()["prefill_error"] is None
    body = {"sender_name": "UBND quận Đồ Sơn", "symbol": "45/UBND-VP", "type_code": "CV",
            "summary": "Về việc chuẩn bị khai giảng năm học mới", "issued_date": "2026-08-20", "urgency": 1,
            "upload_id": r.json()["upload_id"]}
    first = clerk.post("/api/v1/inbox/external", json=body)
    assert first.status_code == 201, first.text
    assert first.json()["attachments"][0]["content_type"] == "application/pdf"
    # without a file at all
    second = clerk.post("/api/v1/inbox/external", json={**body, "upload_id": None, "symbol": "46/UBND-VP"})
    assert second.status_code == 201, second.text
    assert second.json()["incoming_number"] == first.json()["incoming_number"] + 1
    assert second.json()["attachments"] == []


def test_unreadable_docx_still_uploads_with_a_message(as_user, district):
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "not xml at all <<<")
    r = put_file(as_user(1, "vanthu"), buffer.getvalue(), "hong.docx")
    assert r.status_code in (201, 422), r.text
    if r.status_code == 201:
        assert r.json()["prefill"] is None and r.json()["prefill_error"]


def test_uploads_are_the_clerks_own_and_clerks_only(as_user, district, anonymous):
    clerk, other_clerk = as_user(1, "vanthu"), as_user(2, "vanthu")
    upload = put_file(clerk, pdf_bytes(), "scan.pdf").json()
    body = {"sender_name": "Sở GD&ĐT", "type_code": "CV", "summary": "Về việc tập huấn", "upload_id": upload["upload_id"]}
    # another school's clerk cannot register (or see) my upload
    r = other_clerk.post("/api/v1/inbox/external", json=body)
    assert r.status_code == 404
    assert other_clerk.get("/api/v1/inbox").json()["total"] == 0
    # a leader or specialist is not a clerk
    for who in (as_user(1, "lanhdao"), as_user(1, "cv1")):
        assert put_file(who, pdf_bytes(), "scan.pdf").status_code == 403
        assert who.post("/api/v1/inbox/external", json={**body, "upload_id": None}).status_code == 403
    assert put_file(anonymous, pdf_bytes(), "scan.pdf").status_code == 401
    # bad input: field-level 422; a file type that is not allowed is refused
    r = clerk.post("/api/v1/inbox/external", json={"sender_name": "X", "type_code": "ZZ", "summary": ""})
    assert r.status_code == 422 and {"sender_name", "type_code", "summary"} <= set(r.json()["error"]["fields"])
    assert put_file(clerk, b"MZ\x90\x00" + b"\x00" * 200, "virus.exe").status_code == 422
    # my upload is still usable by me
    assert clerk.post("/api/v1/inbox/external", json=body).status_code == 201
    admin = as_user(0, "admin")
    actions = [e["action"] for e in admin.get("/api/v1/admin/audit", params={"user_id": clerk.user["user_id"]}).json()["items"]]
    assert "external.upload" in actions and "item.register_external" in actions


def test_an_upload_never_registered_is_deleted_after_a_day(as_user, district, gateway_config, storage):
    from datetime import timedelta

    from minio.error import S3Error

    from services.common.clock import utcnow
    from services.common.config import Settings
    from services.common.mongo import connect
    from services.gateway.endpoints.paper import UPLOADS
    from services.gateway.uploads import HeldUploads

    clerk = as_user(1, "vanthu")
    fresh = put_file(clerk, pdf_bytes(10_000), "Công văn mới.pdf").json()["upload_id"]
    stale = put_file(clerk, pdf_bytes(10_000), "Công văn quên.pdf").json()["upload_id"]
    records = connect("gateway", Settings.from_config(gateway_config))[UPLOADS]
    records.update_one({"_id": stale}, {"$set": {"created_at": utcnow() - timedelta(hours=25)}})
    key = records.find_one({"_id": stale})["file"]["key"]

    assert HeldUploads(records.database, UPLOADS).purge_unused(storage) == 1
    with pytest.raises(S3Error):
        storage.client.stat_object(storage.bucket, key)
    body = {"sender_name": "Sở Giáo dục và Đào tạo", "type_code": "CV", "summary": "Về việc thử nghiệm"}
    assert clerk.post("/api/v1/inbox/external", json={**body, "upload_id": stale}).status_code == 404
    assert clerk.post("/api/v1/inbox/external", json={**body, "upload_id": fresh}).status_code == 201
