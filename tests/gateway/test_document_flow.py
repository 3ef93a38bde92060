"""The HP-eOffice loop through the HTTP API: draft, attach, issue to schools,
register, assign, process, complete, track; download; recall; registers."""
import hashlib

import pytest
import requests

from .conftest import wait_for
from .helpers import create_draft, inbox_item, issue_plan, pdf_bytes, upload

pytestmark = pytest.mark.integration


def test_issue_receive_assign_complete_track(as_user, district):
    office = as_user(0, "vanthu")
    payload = pdf_bytes(300 * 1024)
    draft = create_draft(office, district.schools)
    assert draft["status"] == "draft" and draft["people"]

    r = upload(office, draft["document_id"], payload)
    assert r.status_code == 201, r.text
    attachment = r.json()
    assert attachment["size"] == len(payload) and attachment["sha256"] == hashlib.sha256(payload).hexdigest()
    assert "key" not in attachment

    r = office.patch(f"/api/v1/documents/{draft['document_id']}", json={"summary": "Kế hoạch cải cách hành chính năm 2026 (sửa)"})
    assert r.status_code == 200 and r.json()["summary"].endswith("(sửa)")

    issued = office.post(f"/api/v1/documents/{draft['document_id']}/issue", json={"attach_official": True})
    assert issued.status_code == 200, issued.text
    assert issued.json()["symbol"] == "01/KH-GDĐT"
    # the payload, then the Decree 30 .docx rendered with the number
    assert [a["name"] for a in issued.json()["attachments"]][1:] == ["01-KH-GDĐT.docx"]

    listed = office.get("/api/v1/documents", params={"status": "issued", "q": "cai cach"}).json()
    assert listed["total"] == 1

    school_clerk, leader, specialist = as_user(1, "vanthu"), as_user(1, "lanhdao"), as_user(1, "cv1")
    item = inbox_item(school_clerk, wait_for, q="CẢI CÁCH hanh chinh")
    assert item["urgent"] is True and item["status"] == "01"
    assert school_clerk.get("/api/v1/inbox/counts").json()["to_register"] == 1

    # the school downloads the attachment through a redirect to a presigned URL
    r = school_clerk.get(f"/api/v1/items/{item['item_id']}/attachments/{item['attachments'][0]['attachment_id']}")
    assert r.status_code == 302
    assert hashlib.sha256(requests.get(r.headers["Location"], timeout=30).content).hexdigest() == attachment["sha256"]

    r = school_clerk.post(f"/api/v1/items/{item['item_id']}/register", json={})
    assert r.status_code == 200 and r.json()["incoming_number"] == 1

    lead_id = district.user_id(1, "cv1")
    users = leader.get("/api/v1/my-unit/users", params={"role": "chuyen_vien"}).json()["items"]
    assert lead_id in {u["user_id"] for u in users}
    r = leader.post(f"/api/v1/items/{item['item_id']}/assign", json={
        "lead_user_id": lead_id, "coordinator_ids": [district.user_id(1, "cv2")], "deadline": "2027-01-15",
        "direction": "Đồng chí chủ trì triển khai."})
    assert r.status_code == 200, r.text
    assigned = r.json()
    assert assigned["status"] == "04" and assigned["people"][lead_id]

    dashboard = specialist.get("/api/v1/dashboard").json()
    assert [t["item_id"] for t in dashboard["my_tasks"]] == [item["item_id"]]
    assert specialist.post(f"/api/v1/items/{item['item_id']}/start").status_code == 200
    r = specialist.post(f"/api/v1/items/{item['item_id']}/complete", json={"reply_symbol": "12/BC-THCS"})
    assert r.status_code == 200 and r.json()["status"] == "06"
    detail = specialist.get(f"/api/v1/items/{item['item_id']}").json()
    assert [h["to"] for h in detail["history"] if h["to"]] == ["01", "03", "04", "05", "06"]
    assert assigned["assignment"]["deadline"].startswith("2027-01-15T16:59:59")  # end of that day in Vietnam

    tracking = office.get(f"/api/v1/documents/{draft['document_id']}/tracking").json()
    rows = {row["unit_code"]: row for row in tracking["recipients"]}
    assert rows[district.schools[0]]["status_label"] == "Hoàn thành"
    assert set(rows[district.schools[0]]["steps"]) == {"01", "03", "04", "05", "06"}


def test_recall_and_answers(as_user, district):
    office = as_user(0, "vanthu")
    doc = issue_plan(office, district.schools[:2])
    first, second = as_user(1, "vanthu"), as_user(2, "vanthu")
    items = [inbox_item(first, wait_for), inbox_item(second, wait_for)]
    r = office.post(f"/api/v1/documents/{doc['document_id']}/change-requests",
                    json={"kind": "recall", "reason": "Ban hành nhầm phụ lục"})
    assert r.status_code == 201, r.text
    assert sorted(r.json()["recipients"]) == sorted(district.schools[:2])

    r = first.post(f"/api/v1/items/{items[0]['item_id']}/change-answer", json={"accept": True})
    assert r.status_code == 200 and r.json()["active"] is False and r.json()["change"]["status"] == "15"
    r = second.post(f"/api/v1/items/{items[1]['item_id']}/change-answer", json={"accept": False})
    assert r.status_code == 422 and "note" in r.json()["error"]["fields"]
    r = second.post(f"/api/v1/items/{items[1]['item_id']}/change-answer",
                    json={"accept": False, "note": "Đã triển khai, đề nghị ban hành văn bản cập nhật"})
    assert r.status_code == 200 and r.json()["change"]["status"] == "16"
    assert first.get("/api/v1/inbox").json()["total"] == 0
    assert first.get("/api/v1/inbox", params={"include_inactive": "true"}).json()["total"] == 1


def test_update_request_changes_the_recipients_copy(as_user, district):
    office = as_user(0, "vanthu")
    doc = issue_plan(office, district.schools[:1])
    school = as_user(1, "vanthu")
    item = inbox_item(school, wait_for)
    r = office.post(f"/api/v1/documents/{doc['document_id']}/change-requests", json={
        "kind": "update", "reason": "Điều chỉnh thời hạn", "changes": {"response_deadline": "2027-03-31", "urgency": 2}})
    assert r.status_code == 201, r.text
    r = school.post(f"/api/v1/items/{item['item_id']}/change-answer", json={"accept": True})
    assert r.status_code == 200 and r.json()["urgency"] == 2


def test_register_export_and_remove_draft(as_user, district):
    office = as_user(0, "vanthu")
    issue_plan(office, district.schools[:1])
    r = office.post("/api/v1/registers/export", json={"kind": "outgoing", "year": int(
        office.get("/api/v1/documents").json()["items"][0]["year"])})
    assert r.status_code == 200, r.text
    export = r.json()
    assert export["rows"] == 1 and export["name"].endswith(".docx")
    assert requests.get(export["url"], timeout=30).content[:2] == b"PK"

    draft = create_draft(office, district.schools[:1])
    att = upload(office, draft["document_id"], pdf_bytes()).json()
    assert office.delete(f"/api/v1/documents/{draft['document_id']}/attachments/{att['attachment_id']}").status_code == 204
    assert office.get(f"/api/v1/documents/{draft['document_id']}").json()["attachments"] == []
    assert office.delete(f"/api/v1/documents/{draft['document_id']}").status_code == 204
    assert office.get(f"/api/v1/documents/{draft['document_id']}").status_code == 404


def test_units_tree_has_school_shortcuts(as_user, district):
    tree = as_user(0, "vanthu").get("/api/v1/units/tree").json()
    groups = {g["key"]: g for g in tree["groups"]}
    assert sorted(groups["schools"]["codes"]) == sorted(district.schools)
    assert groups["MN"]["label"] == "Tất cả trường Mầm non (MN)"
    assert district.office not in groups["schools"]["codes"]
    kinds = as_user(0, "vanthu").get("/api/v1/units", params={"kind": "MN"}).json()["items"]
    assert {u["kind"] for u in kinds} == {"MN"}


def test_render_docx_of_a_draft(as_user, district):
    clerk = as_user(0, "vanthu")
    draft = create_draft(clerk, district.schools[:1])
    r = clerk.post(f"/api/v1/documents/{draft['document_id']}/render", json={"attach": True})
    assert r.status_code == 200, r.text
    assert r.json()["name"].endswith(".docx") and r.json()["attachment"]["size"] == r.json()["size"]
    assert requests.get(r.json()["url"], timeout=30).content[:2] == b"PK"
    assert as_user(1, "vanthu").post(f"/api/v1/documents/{draft['document_id']}/render", json={}).status_code == 404
