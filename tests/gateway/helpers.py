"""Small helpers shared by the gateway tests."""
from __future__ import annotations

import os

PLAN = {"type_code": "KH", "summary": "Kế hoạch cải cách hành chính năm 2026", "urgency": 1,
        "body": "Thực hiện Kế hoạch số 18/KH-UBND ...",
        "signer": {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"},
        "response_deadline": "2027-01-31"}


def pdf_bytes(size: int = 64 * 1024) -> bytes:
    return b"%PDF-1.7\n" + os.urandom(size)


def create_draft(api, recipients, **extra) -> dict:
    r = api.post("/api/v1/documents", json={**PLAN, "recipients": recipients, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def upload(api, document_id, data: bytes, filename="Kế hoạch CCHC.pdf"):
    return api.put(f"/api/v1/documents/{document_id}/attachments", params={"filename": filename}, data=data,
                   headers={"Content-Type": "application/octet-stream"})


def issue_plan(api, recipients, attachment: bytes | None = None) -> dict:
    draft = create_draft(api, recipients)
    if attachment is not None:
        r = upload(api, draft["document_id"], attachment)
        assert r.status_code == 201, r.text
    r = api.post(f"/api/v1/documents/{draft['document_id']}/issue")
    assert r.status_code == 200, r.text
    return r.json()


def inbox_item(api, wait_for, **params) -> dict:
    """The first inbox item, waiting for delivery (an event away from issuing)."""
    def first():
        rows = api.get("/api/v1/inbox", params=params).json()["items"]
        return rows[0] if rows else None
    return wait_for(first)
