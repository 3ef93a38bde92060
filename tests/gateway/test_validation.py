"""Bad input answers 400/422 with field-level Vietnamese messages, unknown ids
404, and nothing is half-written when a request is refused."""
import http.client
import json

import pytest
from minio import Minio

from services.common.config import Settings

from .helpers import create_draft, pdf_bytes, upload

pytestmark = pytest.mark.integration


def test_malformed_and_invalid_bodies(as_user):
    clerk = as_user(0, "vanthu")
    r = clerk.post("/api/v1/documents", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "MALFORMED_REQUEST"
    r = clerk.post("/api/v1/documents", data=b"type_code=KH", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    r = clerk.post("/api/v1/documents", json={"type_code": "XYZ", "summary": "", "urgency": "1", "copies": 0,
                                              "signer": {"position": "X"}, "recipients": "all", "surprise": 1})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "VALIDATION_FAILED" and error["message"] == "Dữ liệu không hợp lệ."
    assert error["fields"] == {
        "type_code": "Giá trị không hợp lệ.", "summary": "Tối thiểu 3 ký tự.", "urgency": "Phải là số nguyên.",
        "copies": "Phải lớn hơn hoặc bằng 1.", "signer.position": "Tối thiểu 2 ký tự.",
        "signer.full_name": "Trường bắt buộc.", "recipients": "Phải là một danh sách.",
        "surprise": "Trường không được hỗ trợ."}
    r = clerk.post("/api/v1/documents", json=[1, 2])
    assert r.status_code == 422 and r.json()["error"]["fields"] == {"body": "Phải là một đối tượng JSON."}
    r = clerk.get("/api/v1/inbox", params={"page": "0", "urgency": "khẩn", "date_from": "31/12/2026"})
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"page", "urgency", "date_from"}
    r = clerk.post("/api/v1/documents", data=b"x" * (1024 * 1024 + 10), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_service_side_validation_reaches_the_client(as_user, district):
    clerk = as_user(0, "vanthu")
    draft = create_draft(clerk, [], signer=None)
    r = clerk.post(f"/api/v1/documents/{draft['document_id']}/issue")
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"recipients", "signer"}
    # nothing changed: still a draft without a number
    doc = clerk.get(f"/api/v1/documents/{draft['document_id']}").json()
    assert doc["status"] == "draft" and doc["number"] is None


def test_unknown_ids_routes_and_methods(as_user):
    clerk = as_user(0, "vanthu")
    for path in ("/api/v1/documents/nope", "/api/v1/items/nope", "/api/v1/documents/nope/tracking"):
        r = clerk.get(path)
        assert r.status_code == 404 and r.json()["error"]["message"] == "Không tìm thấy văn bản."
    r = clerk.get("/api/v1/khong-co")
    assert r.status_code == 404 and r.json()["error"]["code"] == "ROUTE_NOT_FOUND"
    r = clerk.request("DELETE", "/api/v1/inbox")
    assert r.status_code == 405 and "GET" in r.headers["Allow"]
    for path in ("/static/../service.py", "/static/%2e%2e/service.py", "/static/js/../../auth.py"):
        assert clerk.get(path).status_code == 404, path
    # a query string over the web server's 8 KB request line: refused as documented
    r = clerk.get("/api/v1/inbox", params={"q": "a" * 9000})
    assert r.status_code == 414
    assert "414" in clerk.get("/openapi.json").json()["paths"]["/api/v1/inbox"]["get"]["responses"]


def test_web_app_and_security_headers(anonymous):
    page = anonymous.get("/")
    assert page.status_code == 200 and "Văn phòng điện tử" in page.text
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    script = anonymous.get("/static/js/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["Content-Type"]
    assert anonymous.get("/static/js/app.js", headers={"If-None-Match": script.headers["ETag"]}).status_code == 304
    ready = anonymous.get("/readyz").json()
    assert ready["status"] == "ready" and set(ready["checks"]) == {"broker", "mongodb", "s3"}


def _objects(config) -> set:
    s = Settings.from_config(config)
    client = Minio(s.S3_ENDPOINT, access_key=s.S3_ACCESS_KEY, secret_key=s.S3_SECRET_KEY, secure=False)
    return {o.object_name for o in client.list_objects(s.S3_BUCKET, prefix="uploads/", recursive=True)}


def test_refused_uploads_leave_nothing_behind(as_user, district, config):
    clerk = as_user(0, "vanthu")
    draft = create_draft(clerk, district.schools[:1])
    before = _objects(config)
    cases = [(b"MZ\x90\x00 not a pdf", "virus.pdf", "content_mismatch"),
             (pdf_bytes(), "chuong-trinh.exe", "extension_not_allowed"),
             (b"", "rong.pdf", "empty"),
             (pdf_bytes(), "../etc/passwd.pdf", "path_in_name")]
    for data, name, reason in cases:
        r = upload(clerk, draft["document_id"], data, filename=name)
        assert r.status_code == 422, (name, r.text)
        assert r.json()["error"]["code"] == "FILE_REJECTED" and r.json()["error"]["fields"]["file"] == reason
    r = clerk.put(f"/api/v1/documents/{draft['document_id']}/attachments", data=pdf_bytes())
    assert r.status_code == 422 and "filename" in r.json()["error"]["fields"]
    assert clerk.get(f"/api/v1/documents/{draft['document_id']}").json()["attachments"] == []
    assert _objects(config) == before

    # an issued document takes no more files, and the refused bytes are not kept
    assert upload(clerk, draft["document_id"], pdf_bytes()).status_code == 201
    assert clerk.post(f"/api/v1/documents/{draft['document_id']}/issue").status_code == 200
    stored = _objects(config)
    r = upload(clerk, draft["document_id"], pdf_bytes())
    assert r.status_code == 409
    assert _objects(config) == stored


def test_too_large_upload_is_refused_before_streaming(as_user, district, gateway_config):
    clerk = as_user(0, "vanthu")
    draft = create_draft(clerk, district.schools[:1])
    limit = Settings.from_config(gateway_config).MAX_ATTACHMENT_BYTES
    # announce a body over the limit and send none of it: the answer comes first
    host, port = gateway_config["WEB_SERVER_ADDRESS"].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("PUT", f"/api/v1/documents/{draft['document_id']}/attachments?filename=lon.pdf")
    conn.putheader("Authorization", clerk.http.headers["Authorization"])
    conn.putheader("Content-Length", str(limit + 1))
    conn.putheader("Expect", "100-continue")
    conn.endheaders()
    r = conn.getresponse()
    body = json.loads(r.read())
    conn.close()
    assert r.status == 422 and body["error"]["fields"]["file"] == "too_large"
