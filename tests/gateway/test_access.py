"""Units see only their own documents: another school gets 404 for a
document, an item, an attachment and tracking data — by id guessing too — and
a role that may not act gets 403."""
import uuid

import pytest

from .conftest import wait_for
from .helpers import create_draft, inbox_item, issue_plan, pdf_bytes, upload

pytestmark = pytest.mark.integration


def test_other_school_cannot_reach_a_schools_item(as_user, district):
    office = as_user(0, "vanthu")
    doc = issue_plan(office, district.schools[:1], attachment=pdf_bytes())
    owner, other = as_user(1, "vanthu"), as_user(2, "vanthu")
    item = inbox_item(owner, wait_for)
    attachment_id = item["attachments"][0]["attachment_id"]
    item_id, document_id = item["item_id"], doc["document_id"]

    assert other.get("/api/v1/inbox").json()["total"] == 0
    for path in (f"/api/v1/items/{item_id}", f"/api/v1/items/{item_id}/attachments/{attachment_id}",
                 f"/api/v1/documents/{document_id}", f"/api/v1/documents/{document_id}/tracking",
                 f"/api/v1/documents/{document_id}/attachments/{attachment_id}"):
        r = other.get(path)
        assert r.status_code == 404, (path, r.status_code, r.text)
        assert r.json()["error"]["code"] == "NOT_FOUND"
        assert "Location" not in r.headers
    other_leader = as_user(2, "lanhdao")
    for who, action, body in ((other, "register", {}), (other, "refuse", {"reason": "Không thuộc thẩm quyền"}),
                              (other_leader, "assign", {"lead_user_id": district.user_id(2, "cv1")}),
                              (other, "start", None), (other, "complete", {}),
                              (other, "change-answer", {"accept": True})):
        r = who.post(f"/api/v1/items/{item_id}/{action}", json=body)
        assert r.status_code == 404, (action, r.text)
    # the recipient school itself cannot read the sender's outgoing record or its tracking
    assert owner.get(f"/api/v1/documents/{document_id}/tracking").status_code == 404
    assert owner.post(f"/api/v1/documents/{document_id}/change-requests",
                      json={"kind": "recall", "reason": "Thử thu hồi"}).status_code == 404
    # the owner's own item is untouched by all of that
    assert owner.get(f"/api/v1/items/{item_id}").json()["status"] == "01"


def test_guessed_ids_look_like_missing_ones(as_user, district):
    other = as_user(2, "vanthu")
    for guess in (uuid.uuid4().hex, "1", "000000000000000000000000", "a" * 64):
        for path in (f"/api/v1/items/{guess}", f"/api/v1/documents/{guess}", f"/api/v1/documents/{guess}/tracking",
                     f"/api/v1/items/{guess}/attachments/{guess}"):
            r = other.get(path)
            assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND", (path, r.text)


def test_drafts_of_another_unit_cannot_be_read_changed_or_uploaded_to(as_user, district, config):
    office = as_user(0, "vanthu")
    draft = create_draft(office, district.schools[:1])
    school = as_user(1, "vanthu")
    path = f"/api/v1/documents/{draft['document_id']}"
    assert school.get(path).status_code == 404
    assert school.patch(path, json={"summary": "Sửa trộm trích yếu"}).status_code == 404
    assert school.delete(path).status_code == 404
    assert school.post(path + "/issue").status_code == 404
    assert upload(school, draft["document_id"], pdf_bytes()).status_code == 404
    assert office.get(path).json()["attachments"] == []


def test_roles_are_enforced(as_user, district):
    office_clerk = as_user(0, "vanthu")
    doc = issue_plan(office_clerk, district.schools[:1])
    clerk, leader, specialist = as_user(1, "vanthu"), as_user(1, "lanhdao"), as_user(1, "cv1")
    item = inbox_item(clerk, wait_for)
    item_path = f"/api/v1/items/{item['item_id']}"

    # only a clerk registers; only a leader assigns; only the lead completes
    r = leader.post(item_path + "/register", json={})
    assert r.status_code == 403 and r.json()["error"]["code"] == "PERMISSION_DENIED"
    assert clerk.post(item_path + "/register", json={}).status_code == 200
    assert clerk.post(item_path + "/assign", json={"lead_user_id": district.user_id(1, "cv1")}).status_code == 403
    assert leader.post(item_path + "/assign", json={"lead_user_id": district.user_id(1, "cv1")}).status_code == 200
    assert clerk.post(item_path + "/complete", json={}).status_code == 403
    assert specialist.post(item_path + "/complete", json={}).status_code == 200
    # a workflow step out of order is a conflict
    r = clerk.post(item_path + "/register", json={})
    assert r.status_code == 409 and r.json()["error"]["code"] == "INVALID_TRANSITION"
    # only a clerk issues
    draft = create_draft(as_user(0, "lanhdao"), district.schools[:1])
    assert as_user(0, "lanhdao").post(f"/api/v1/documents/{draft['document_id']}/issue").status_code == 403
    # registers: clerks and leaders only
    assert specialist.post("/api/v1/registers/export", json={"kind": "incoming", "year": 2026}).status_code == 403
    # issuing twice is a conflict, not a second number
    again = office_clerk.post(f"/api/v1/documents/{doc['document_id']}/issue")
    assert again.status_code == 409


def test_admin_endpoints_need_the_admin_role(as_user, anonymous):
    clerk = as_user(0, "vanthu")
    for method, path in (("GET", "/api/v1/admin/units"), ("GET", "/api/v1/admin/users"),
                         ("GET", "/api/v1/admin/audit"), ("POST", "/api/v1/admin/users")):
        assert clerk.request(method, path, json={}).status_code == 403, path
        assert anonymous.request(method, path, json={}).status_code == 401, path
