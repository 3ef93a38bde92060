"""Every state-changing request is in the audit log: user, unit, action,
target, time, IP, outcome. Reads are not logged."""
import pytest

from .conftest import Api
from .helpers import create_draft

pytestmark = pytest.mark.integration


def test_state_changes_are_audited(as_user, base_url, district):
    clerk = as_user(0, "vanthu")
    draft = create_draft(clerk, district.schools[:1])
    clerk.get(f"/api/v1/documents/{draft['document_id']}")
    clerk.patch(f"/api/v1/documents/{draft['document_id']}", json={"summary": "x"})  # refused: too short
    clerk.post(f"/api/v1/documents/{draft['document_id']}/issue", headers={"X-Forwarded-For": "10.1.2.3"})
    Api(base_url).post("/api/v1/auth/login", json={"username": "ai-do", "password": "sai"})

    admin = as_user(0, "admin")
    log = admin.get("/api/v1/admin/audit", params={"user_id": district.user_id(0, "vanthu")}).json()
    rows = list(reversed(log["items"]))
    assert [(r["action"], r["status"]) for r in rows] == [
        ("auth.login", 200), ("document.create", 201), ("document.update", 422), ("document.issue", 200)]
    issue = rows[-1]
    assert issue["target"] == f"document_id={draft['document_id']}"
    assert issue["unit_id"] == district.office and issue["username"] == district.username(0, "vanthu")
    assert issue["ip"] == "10.1.2.3" and issue["method"] == "POST" and issue["ok"] is True
    assert rows[1]["target"] == f"document_id={draft['document_id']}"
    assert rows[2]["error"] == "VALIDATION_FAILED" and rows[2]["ok"] is False
    assert "at" in issue

    failed_login = admin.get("/api/v1/admin/audit", params={"action": "auth.login"}).json()["items"]
    assert any(r["username"] == "ai-do" and r["status"] == 401 and r["user_id"] is None for r in failed_login)
    reads = admin.get("/api/v1/admin/audit", params={"target": draft["document_id"]}).json()["items"]
    assert {r["method"] for r in reads} == {"POST", "PATCH"}
