"""Overdue marking, attachment refusals, register exports, search and filters,
update/replace requests, over the real broker and S3."""
import io
from pathlib import Path
import uuid
from datetime import timedelta

import pytest
import requests
from docx import Document as Docx

from services.common.clock import utcnow
from services.common.config import Settings
from services.common.errors import FileRejected, ValidationFailed
from services.common.storage import Storage
from services.documents import models
from services.documents.exceptions import AlreadyIssued, InvalidTransition, PermissionDenied

from .district import seed
from .helpers import events_emitted, plan_draft, wait_for

pytestmark = pytest.mark.integration


def storage_for(config, **overrides):
    s = Storage(Settings.from_config({**config, **overrides}))
    s.ensure_bucket()
    return s


def object_count(storage, prefix="uploads/"):
    return sum(1 for _ in storage.client.list_objects(storage.bucket, prefix=prefix, recursive=True))


def delivered_item(rpc, district, school, doc_id):
    actor = district.actor(school, "vanthu")
    return wait_for(lambda: [i for i in rpc.documents.inbox(actor, {"include_inactive": True})["items"]
                             if i["document_id"] == doc_id])[0]


def test_a_draft_left_claimed_by_a_dead_issue_is_given_back(services, rpc):
    district = seed(rpc, schools=1)
    clerk = district.actor(district.office, "vanthu")
    draft = plan_draft(rpc, clerk, district.schools)
    # a process claimed the draft for issuing and died before saving the number
    models.OutgoingDocument.objects(document_id=draft["document_id"]).update_one(
        set__status="issuing", set__issuing_since=utcnow() - timedelta(minutes=1))
    with pytest.raises(AlreadyIssued):
        rpc.documents.issue(clerk, draft["document_id"])
    assert rpc.documents.release_stale_issues() == 0      # a live issue could still be running

    models.OutgoingDocument.objects(document_id=draft["document_id"]).update_one(
        set__issuing_since=utcnow() - timedelta(minutes=10))
    assert rpc.documents.release_stale_issues() == 1
    assert rpc.documents.release_stale_issues() == 0
    history = rpc.documents.get_document(clerk, draft["document_id"])["history"]
    assert history[-1]["action"] == "issue_interrupted"
    issued = rpc.documents.issue(clerk, draft["document_id"])
    assert issued["status"] == "issued" and issued["number"] >= 1
    assert models.OutgoingDocument.objects(document_id=draft["document_id"]).first().issuing_since is None


def test_issue_can_attach_the_official_docx_with_its_number(services, rpc, storage):
    district = seed(rpc, schools=1)
    clerk = district.actor(district.office, "vanthu")
    issued = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"], attach_official=True)
    official = issued["attachments"][-1]
    assert official["name"] == issued["symbol"].replace("/", "-") + ".docx"
    content = storage.client.get_object(storage.bucket, official["key"]).read()
    text = "\n".join(p.text for t in Docx(io.BytesIO(content)).tables for row in t.rows for c in row.cells
                     for p in c.paragraphs)
    assert f"Số: {issued['symbol']}" in text
    item = delivered_item(rpc, district, district.schools[0], issued["document_id"])
    assert [a["name"] for a in item["attachments"]] == [a["name"] for a in issued["attachments"]]


def test_an_issue_cut_off_before_its_event_reached_the_outbox_is_still_delivered(services, rpc):
    district = seed(rpc, schools=2)
    clerk = district.actor(district.office, "vanthu")
    issued = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
    assert models.OutgoingDocument.objects(document_id=issued["document_id"]).first().pending_events == []
    models.OutgoingDocument.objects(document_id=issued["document_id"]).update_one(
        set__issued_at=utcnow() - timedelta(minutes=5))
    assert rpc.documents.flush_pending_events() == 0              # nothing was left pending
    for school in district.schools:
        delivered_item(rpc, district, school, issued["document_id"])

    # the state a process leaves when it dies after saving the issue, before adding its event
    cut = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
    for school in district.schools:
        delivered_item(rpc, district, school, cut["document_id"])
    real = next(e for e in events_emitted("documents", "document.issued")
                if e["data"]["document_id"] == cut["document_id"])
    models.IncomingItem.objects(document_id=cut["document_id"]).delete()
    models.OutgoingDocument.objects(document_id=cut["document_id"]).update_one(
        set__pending_events=[{**real, "event_id": "e" * 32}], set__issued_at=utcnow() - timedelta(minutes=5))
    assert rpc.documents.flush_pending_events() == 1
    assert rpc.documents.flush_pending_events() == 0              # added once
    for school in district.schools:
        delivered_item(rpc, district, school, cut["document_id"])


def test_an_overdue_assignment_is_marked_once(services, rpc):
    district = seed(rpc, schools=1)
    school = district.schools[0]
    clerk = district.actor(district.office, "vanthu")
    doc = rpc.documents.issue(clerk, plan_draft(rpc, clerk, [school])["document_id"])
    item = delivered_item(rpc, district, school, doc["document_id"])
    rpc.documents.register(district.actor(school, "vanthu"), item["item_id"])
    with pytest.raises(ValidationFailed):  # a deadline in the past is a mistake
        rpc.documents.assign(district.actor(school, "lanhdao"), item["item_id"],
                             {"lead_user_id": district.actor(school, "cv1")["user_id"], "deadline": "2020-01-01"})
    rpc.documents.assign(district.actor(school, "lanhdao"), item["item_id"],
                         {"lead_user_id": district.actor(school, "cv1")["user_id"], "deadline": "2099-01-01"})
    assert rpc.documents.mark_overdue() == 0

    # time passes: the deadline is now behind us
    models.IncomingItem.objects(item_id=item["item_id"]).update_one(
        set__assignment__deadline=utcnow() - timedelta(hours=1))
    assert rpc.documents.mark_overdue() == 1
    assert rpc.documents.mark_overdue() == 0
    school_clerk = district.actor(school, "vanthu")
    assert rpc.documents.inbox(school_clerk, {"overdue": True})["total"] == 1
    assert rpc.documents.counts(school_clerk)["overdue"] == 1
    assert len(events_emitted("documents", "document.overdue")) == 1
    rpc.documents.complete(district.actor(school, "cv1"), item["item_id"])
    completed = events_emitted("documents", "document.completed")
    assert [e["data"]["on_time"] for e in completed] == [False], [(e["occurred_at"], e["data"]) for e in completed]


@pytest.mark.parametrize("name,content,problem", [
    ("empty.pdf", b"", "empty"),
    ("big.pdf", b"%PDF-" + b"x" * 300_000, "too_large"),
    ("../../etc/passwd.pdf", b"%PDF-1.4", "path_in_name"),
    ("bad\x1bname.pdf", b"%PDF-1.4", "control_character"),
    ("invoice.pdf", b"MZ\x90\x00 this is an exe", "content_mismatch"),
    ("tool.exe", b"MZ\x90\x00", "extension_not_allowed"),
])
def test_bad_uploads_are_refused_and_leave_nothing_behind(config, name, content, problem):
    storage = storage_for(config, MAX_ATTACHMENT_BYTES=256 * 1024)
    prefix = f"uploads/refused-{uuid.uuid4().hex}"  # other tests share the bucket
    with pytest.raises(FileRejected) as err:
        storage.put_stream(io.BytesIO(content), name, prefix=prefix)
    assert err.value.fields == {"file": problem}
    assert object_count(storage, prefix) == 0


def test_a_large_upload_streams_in_parts_with_its_hash(config):
    import hashlib
    import os
    storage = storage_for(config)
    payload = b"%PDF-1.7\n" + os.urandom(20 * 1024 * 1024)
    stored = storage.put_stream(io.BytesIO(payload), "Hồ sơ.pdf", prefix="uploads")
    assert stored.size == len(payload) and stored.sha256 == hashlib.sha256(payload).hexdigest()
    assert storage.verify(stored)
    storage.delete(stored.key)


def test_attach_checks_the_stored_object_and_removes_refused_ones(services, rpc, config):
    district = seed(rpc, schools=1)
    clerk = district.actor(district.office, "vanthu")
    draft = plan_draft(rpc, clerk, district.schools)
    storage = storage_for(config)
    stored = storage.put_stream(io.BytesIO(b"%PDF-1.4 a"), "a.pdf", prefix="uploads")
    lying = {**stored.as_dict(), "size": stored.size + 1}
    with pytest.raises(ValidationFailed):
        rpc.documents.attach(clerk, draft["document_id"], lying)
    assert not list(storage.client.list_objects(storage.bucket, prefix=stored.key))
    # another unit cannot attach to this draft either, and its upload is cleaned up
    other = storage.put_stream(io.BytesIO(b"%PDF-1.4 b"), "b.pdf", prefix="uploads")
    with pytest.raises(Exception):
        rpc.documents.attach(district.actor(district.schools[0], "vanthu"), draft["document_id"], other.as_dict())
    assert not list(storage.client.list_objects(storage.bucket, prefix=other.key))

    good = storage.put_stream(io.BytesIO(b"%PDF-1.4 c"), "c.pdf", prefix="uploads")
    attachment = rpc.documents.attach(clerk, draft["document_id"], good.as_dict())
    rpc.documents.remove_attachment(clerk, draft["document_id"], attachment["attachment_id"])
    assert not list(storage.client.list_objects(storage.bucket, prefix=good.key))
    rpc.documents.issue(clerk, draft["document_id"])
    with pytest.raises(AlreadyIssued):
        rpc.documents.issue(clerk, draft["document_id"])
    with pytest.raises(AlreadyIssued):
        rpc.documents.update_draft(clerk, draft["document_id"], {"summary": "Sửa sau khi phát hành"})


def test_registers_export_as_docx_tables(services, rpc):
    district = seed(rpc, schools=2)
    clerk = district.actor(district.office, "vanthu")
    docs = [rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools, summary=f"Kế hoạch số {i}")["document_id"])
            for i in range(3)]
    school = district.schools[0]
    for doc in docs[:2]:
        item = delivered_item(rpc, district, school, doc["document_id"])
        rpc.documents.register(district.actor(school, "vanthu"), item["item_id"])

    out = rpc.documents.export_register(clerk, "outgoing", docs[0]["year"])
    table = Docx(io.BytesIO(requests.get(out["url"], timeout=30).content)).tables[0]
    assert table.rows[0].cells[0].text == "Số, ký hiệu văn bản" and len(table.columns) == 10
    assert [r.cells[0].text for r in table.rows[1:]] == ["01/KH-GDĐT", "02/KH-GDĐT", "03/KH-GDĐT"]
    assert "Kế hoạch: Kế hoạch số 0" in table.rows[1].cells[2].text

    inc = rpc.documents.export_register(district.actor(school, "vanthu"), "incoming", docs[0]["year"])
    table = Docx(io.BytesIO(requests.get(inc["url"], timeout=30).content)).tables[0]
    assert table.rows[0].cells[1].text == "Số đến" and len(table.rows) == 3
    assert [r.cells[1].text for r in table.rows[1:]] == ["1", "2"]
    assert table.rows[1].cells[2].text == "Phòng Giáo dục và Đào tạo quận Đồ Sơn"
    with pytest.raises(Exception):
        rpc.documents.export_register(district.actor(school, "cv1"), "incoming", docs[0]["year"])


def test_inbox_filters_search_and_pages(services, rpc):
    district = seed(rpc, schools=1)
    school = district.schools[0]
    clerk = district.actor(district.office, "vanthu")
    for i in range(25):
        rpc.documents.issue(clerk, plan_draft(rpc, clerk, [school], summary=f"Báo cáo tuần {i}", urgency=0,
                                              type_code="BC")["document_id"])
    urgent = rpc.documents.issue(clerk, plan_draft(rpc, clerk, [school], urgency=3,
                                                   summary="Phòng chống bão số 3")["document_id"])
    actor = district.actor(school, "vanthu")
    wait_for(lambda: rpc.documents.inbox(actor, {})["total"] == 26)
    page2 = rpc.documents.inbox(actor, {"page": 2, "page_size": 10})
    assert len(page2["items"]) == 10 and page2["total"] == 26
    assert rpc.documents.inbox(actor, {"urgent_only": True})["items"][0]["document_id"] == urgent["document_id"]
    assert rpc.documents.inbox(actor, {"type_code": "BC"})["total"] == 25
    assert rpc.documents.inbox(actor, {"q": "PHONG CHONG BAO"})["total"] == 1
    assert rpc.documents.inbox(actor, {"q": "gddt 03/kh"})["total"] == 0  # 26th is 26/KH
    assert rpc.documents.inbox(actor, {"q": "26/KH-GDĐT"})["total"] == 1
    assert rpc.documents.inbox(actor, {"q": "đồ sơn tuần 7"})["total"] == 1
    assert rpc.documents.inbox(actor, {"status": "03"})["total"] == 0
    assert rpc.documents.outbox_list(clerk, {"q": "bao cao tuan"})["total"] == 25
    with pytest.raises(ValidationFailed):
        rpc.documents.inbox(actor, {"page_size": 100000})


def test_update_and_replace_requests(services, rpc):
    district = seed(rpc, schools=2)
    a, b = district.schools
    clerk = district.actor(district.office, "vanthu")
    doc = rpc.documents.issue(clerk, plan_draft(rpc, clerk, [a, b])["document_id"])
    item_a = delivered_item(rpc, district, a, doc["document_id"])
    item_b = delivered_item(rpc, district, b, doc["document_id"])
    rpc.documents.refuse(district.actor(b, "vanthu"), item_b["item_id"], "Không thuộc thẩm quyền")

    request = rpc.documents.request_change(clerk, doc["document_id"], {
        "kind": "update", "reason": "Điều chỉnh hạn báo cáo", "changes": {"response_deadline": "2027-03-01",
                                                                        "summary": "Kế hoạch (điều chỉnh)"}})
    assert request["recipients"] == [a]  # B refused the document: nothing to update there
    with pytest.raises(InvalidTransition):  # one request at a time
        rpc.documents.request_change(clerk, doc["document_id"], {"kind": "recall", "reason": "Nhầm"})
    with pytest.raises(ValidationFailed):
        rpc.documents.answer_change(district.actor(a, "vanthu"), item_a["item_id"], False)
    updated = rpc.documents.answer_change(district.actor(a, "vanthu"), item_a["item_id"], True)
    assert updated["summary"] == "Kế hoạch (điều chỉnh)" and updated["active"] is True
    assert updated["response_deadline"].startswith("2027-03-01")

    newer = rpc.documents.issue(clerk, plan_draft(rpc, clerk, [a])["document_id"])
    rpc.documents.request_change(clerk, doc["document_id"], {
        "kind": "replace", "reason": "Thay bằng văn bản mới", "replacement_id": newer["document_id"]})
    replaced = rpc.documents.answer_change(district.actor(a, "vanthu"), item_a["item_id"], True)
    assert replaced["active"] is False
    with pytest.raises(InvalidTransition):
        rpc.documents.register(district.actor(a, "vanthu"), item_a["item_id"])
    history = rpc.documents.get_item(district.actor(a, "vanthu"), item_a["item_id"])["history"]
    assert [h["action"] for h in history] == ["deliver", "request_update", "answer_update",
                                              "request_replace", "answer_replace"]


def test_directory_queries_and_events(services, rpc):
    district = seed(rpc, schools=8)
    tree = rpc.directory.unit_tree()
    committee = [n for n in tree if n["kind"] == "committee"][0]
    office = committee["children"][0]
    assert office["code"] == district.office and len(office["children"]) == 8
    assert {u["kind"] for u in rpc.directory.list_units(kind="MN")} == {"MN"}
    leaders = rpc.directory.users_of_unit(district.schools[0], "lanh_dao")
    assert len(leaders) == 1 and leaders[0]["position"] == "Hiệu trưởng"
    with pytest.raises(ValidationFailed):
        rpc.directory.upsert_unit({"code": "x", "name": "", "kind": "university"})
    renamed = rpc.directory.upsert_unit({**{k: v for k, v in rpc.directory.get_unit(district.schools[0]).items()
                                            if k in ("code", "name", "short_name", "kind", "parent", "place")},
                                         "name": "Trường Mầm non Hoa Sen"})
    assert renamed["name"] == "Trường Mầm non Hoa Sen"
    wait_for(lambda: len(events_emitted("directory", "unit.updated", sent_only=True)) == 1)
    users = events_emitted("directory", "user.created")
    assert users and all("password_hash" not in e["data"]["user"] for e in users)

def test_a_paper_document_is_registered_from_its_docx(services, rpc, storage):
    district = seed(rpc, schools=1)
    school_clerk = district.actor(district.schools[0], "vanthu")
    corpus = Path(__file__).resolve().parents[1] / "formats" / "corpus" / "01_kh_table_standard.docx"
    with corpus.open("rb") as f:
        stored = storage.put_stream(f, "Kế hoạch kiểm tra.docx", prefix="uploads")
    found = rpc.documents.inspect_docx(school_clerk, stored.key)      # what pre-fills the form
    item = rpc.documents.register_external(school_clerk, {
        "sender_name": found["issuing_unit"], "symbol": found["symbol"], "type_code": found["type_code"],
        "summary": found["summary"], "issued_date": found["date"],
        "signer": {k: found["signer"][k] for k in ("authority", "position", "full_name", "on_behalf_of")},
        "file": stored.as_dict()})
    assert item["status"] == "03" and item["incoming_number"] == 1
    assert item["symbol"] == "18/KH-GDĐT" and item["issued_at"].startswith("2025-01-1")
    assert item["attachments"][0]["sha256"] == stored.sha256
    assert rpc.documents.inbox(school_clerk, {"q": "kiem tra noi bo"})["total"] == 1
    assert len(events_emitted("documents", "document.received")) == 1
    with pytest.raises(PermissionDenied):
        rpc.documents.register_external(district.actor(district.schools[0], "cv1"), {
            "sender_name": "X", "type_code": "CV", "summary": "Không được"})
    with pytest.raises(ValidationFailed) as err:
        rpc.documents.register_external(school_clerk, {"sender_name": "", "type_code": "ZZ", "summary": "a"})
    assert {"sender_name", "type_code", "summary"} <= set(err.value.fields)
