"""The HP-eOffice loop over the real broker and S3: the office issues a plan with
a 5 MB attachment to 30 schools; each registers, assigns, completes; the office
tracks every school; a recall is accepted by some and refused by others."""
import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from services.documents.exceptions import DocumentNotFound, InvalidTransition, PermissionDenied

from .district import seed
from .helpers import plan_draft, wait_for

pytestmark = pytest.mark.integration


def test_office_to_thirty_schools_end_to_end(services, rpc, storage):
    district = seed(rpc, schools=30)
    clerk = district.actor(district.office, "vanthu")
    draft = plan_draft(rpc, clerk, district.schools)

    payload = os.urandom(5 * 1024 * 1024)
    pdf = b"%PDF-1.7\n" + payload
    stored = storage.put_stream(io.BytesIO(pdf), "Kế hoạch CCHC 2026.pdf", prefix="uploads")
    assert stored.size == len(pdf) and stored.sha256 == hashlib.sha256(pdf).hexdigest()
    rpc.documents.attach(clerk, draft["document_id"], stored.as_dict())

    issued = rpc.documents.issue(clerk, draft["document_id"])
    assert issued["symbol"] == "01/KH-GDĐT"
    assert issued["status"] == "issued"

    # every school receives it (status 01), with the attachment intact
    def all_delivered():
        rows = rpc.documents.tracking(clerk, draft["document_id"])["recipients"]
        return rows if all(r["status"] == "01" for r in rows) else None
    rows = wait_for(all_delivered)
    assert len(rows) == 30

    for school in district.schools:
        school_clerk = district.actor(school, "vanthu")
        leader = district.actor(school, "lanhdao")
        specialist = district.actor(school, "cv1")
        inbox = rpc.documents.inbox(school_clerk, {"q": "cai cach hanh chinh"})
        assert inbox["total"] == 1
        item = inbox["items"][0]
        assert item["integrity_ok"] is True and item["urgent"] is True
        registered = rpc.documents.register(school_clerk, item["item_id"])
        assert registered["incoming_number"] == 1 and registered["status"] == "03"
        rpc.documents.assign(leader, item["item_id"], {
            "lead_user_id": specialist["user_id"], "coordinator_ids": [district.actor(school, "cv2")["user_id"]],
            "deadline": "2027-01-15", "direction": "Đồng chí chủ trì triển khai, báo cáo trước hạn."})
        rpc.documents.start_processing(specialist, item["item_id"])
        done = rpc.documents.complete(specialist, item["item_id"], reply_symbol="12/BC-THCS")
        assert done["status"] == "06"

        # the attachment downloads intact through a presigned URL
        if school == district.schools[0]:
            link = rpc.documents.attachment_url(school_clerk, item["attachments"][0]["attachment_id"],
                                                item_id=item["item_id"])
            body = requests.get(link["url"], timeout=30).content
            assert hashlib.sha256(body).hexdigest() == stored.sha256

    tracking = rpc.documents.tracking(clerk, draft["document_id"])
    assert tracking["summary"] == {"06": 30}
    for row in tracking["recipients"]:
        assert row["status_label"] == "Hoàn thành"
        assert set(row["steps"]) == {"01", "03", "04", "05", "06"}
        times = [row["steps"][s] for s in ("01", "03", "04", "05", "06")]
        assert times == sorted(times)

    # a recall: half accept, half refuse
    request = rpc.documents.request_change(clerk, draft["document_id"], {"kind": "recall", "reason": "Ban hành nhầm phụ lục"})
    assert len(request["recipients"]) == 30
    for i, school in enumerate(district.schools):
        school_clerk = district.actor(school, "vanthu")
        item = rpc.documents.inbox(school_clerk, {})["items"][0]
        assert item["change"]["status"] == "13"
        if i % 2 == 0:
            answered = rpc.documents.answer_change(school_clerk, item["item_id"], True)
            assert answered["active"] is False and answered["change"]["status"] == "15"
            assert rpc.documents.inbox(school_clerk, {})["total"] == 0
            assert rpc.documents.inbox(school_clerk, {"include_inactive": True})["total"] == 1
        else:
            answered = rpc.documents.answer_change(school_clerk, item["item_id"], False, "Đã triển khai xong")
            assert answered["active"] is True and answered["change"]["status"] == "16"
    statuses = [r["change"]["status"] for r in rpc.documents.tracking(clerk, draft["document_id"])["recipients"]]
    assert sorted(statuses) == ["15"] * 15 + ["16"] * 15


def test_numbering_is_consecutive_under_fifty_concurrent_issues(services, rpc, config):
    district = seed(rpc, schools=2)
    clerk = district.actor(district.office, "vanthu")
    drafts = [plan_draft(rpc, clerk, district.schools)["document_id"] for _ in range(50)]

    from nameko.standalone.rpc import ClusterRpcProxy

    def issue(doc_id):
        with ClusterRpcProxy(config, timeout=60) as proxy:
            return proxy.documents.issue(clerk, doc_id)["number"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        numbers = list(pool.map(issue, drafts))
    assert sorted(numbers) == list(range(1, 51))

    # a confidential document starts its own series; a công văn has no type code
    secret = plan_draft(rpc, clerk, district.schools, confidentiality=1)
    assert rpc.documents.issue(clerk, secret["document_id"])["symbol"] == "01/KH-GDĐT"
    letter = plan_draft(rpc, clerk, district.schools, type_code="CV", section="TCCB")
    assert rpc.documents.issue(clerk, letter["document_id"])["symbol"] == "51/GDĐT-TCCB"


def test_roles_units_and_transitions_are_enforced(services, rpc):
    district = seed(rpc, schools=2)
    office_clerk = district.actor(district.office, "vanthu")
    a, b = district.schools
    draft = plan_draft(rpc, office_clerk, [a])

    with pytest.raises(PermissionDenied):
        rpc.documents.issue(district.actor(district.office, "cv1"), draft["document_id"])
    with pytest.raises(DocumentNotFound):  # another unit guessing the id
        rpc.documents.get_document(district.actor(a, "vanthu"), draft["document_id"])
    rpc.documents.issue(office_clerk, draft["document_id"])
    item = wait_for(lambda: rpc.documents.inbox(district.actor(a, "vanthu"), {})["items"])[0]

    with pytest.raises(DocumentNotFound):  # school B cannot see school A's copy
        rpc.documents.get_item(district.actor(b, "vanthu"), item["item_id"])
    with pytest.raises(DocumentNotFound):
        rpc.documents.tracking(district.actor(a, "vanthu"), draft["document_id"])
    with pytest.raises(PermissionDenied):  # only a clerk registers
        rpc.documents.register(district.actor(a, "cv1"), item["item_id"])
    with pytest.raises(InvalidTransition):  # assign before registering
        rpc.documents.assign(district.actor(a, "lanhdao"), item["item_id"],
                             {"lead_user_id": district.actor(a, "cv1")["user_id"]})
    rpc.documents.register(district.actor(a, "vanthu"), item["item_id"])
    with pytest.raises(InvalidTransition):
        rpc.documents.register(district.actor(a, "vanthu"), item["item_id"])
    from services.common.errors import ValidationFailed
    with pytest.raises(ValidationFailed):  # the lead must belong to the unit
        rpc.documents.assign(district.actor(a, "lanhdao"), item["item_id"],
                             {"lead_user_id": district.actor(b, "cv1")["user_id"]})
    rpc.documents.assign(district.actor(a, "lanhdao"), item["item_id"],
                         {"lead_user_id": district.actor(a, "cv1")["user_id"]})
    with pytest.raises(PermissionDenied):  # only the assignee completes
        rpc.documents.complete(district.actor(a, "cv2"), item["item_id"])
    rpc.documents.complete(district.actor(a, "cv1"), item["item_id"])
