"""The reporting API behind the web pages, through the gateway over the real
stack (directory, documents, reporting; real broker and S3): a school fills its
report with inline checks, attaches files and its principal submits; the office
follows the board, returns, approves, reopens, consolidates and exports; KPIs.
Errors come back as the documented 4xx with messages per field."""
from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime

import pytest
import requests

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.reporting import clock
from services.reporting.entrypoints import base
from services.reporting.service import ReportingService

from .conftest import seed_district

pytestmark = pytest.mark.integration

LOGINS = [(0, "lanhdao"), (0, "cv1"), (0, "vanthu"), (1, "cv1"), (1, "lanhdao"), (1, "vanthu"), (2, "cv1"),
          (2, "lanhdao"), (3, "lanhdao"), (0, "admin")]
R = "/api/v1/reports"


def cchc_values(n: int = 0) -> dict:
    """A complete, valid CCHC report (as a web form sends it: some values are text)."""
    return {
        "plan_issued": True, "tasks_planned": "10", "tasks_done": 8 + n, "self_inspections": 1,
        "procedures_total": 12, "procedures_public": 12, "applications_received": 40 + n,
        "applications_online": 30, "applications_on_time": 39, "feedback_received": 0,
        "documents_received": 100 + n, "documents_on_time": 90, "documents_overdue": 2,
        "documents_sent": 50, "documents_sent_electronic": 48, "digital_signature_rate": "92,5",
        "meetings_held": 6, "meetings_paperless": 4, "staff_total": 40, "staff_trained_it": 30,
        "staff_trained_ai": 10, "satisfaction_rate": 95, "self_assessment": ["tot", "kha"][n % 2],
        "difficulties": "Thiếu thiết bị trình chiếu.",
    }


@pytest.fixture
def stack_services():
    return [DirectoryService, DocumentsService, ReportingService]


@pytest.fixture(autouse=True)
def reporting_clock():
    base.forget_caches()
    clock.thaw()
    yield
    clock.thaw()
    base.forget_caches()


def freeze(text: str) -> None:
    clock.freeze(datetime.fromisoformat(text))


@pytest.fixture
def district(stack, rpc):
    d = seed_district(rpc, schools=3, logins=LOGINS)
    leader = d.users[d.username(0, "lanhdao")]
    rpc.reporting.install_seed_forms({"user_id": leader["user_id"], "unit_id": d.office, "roles": leader["roles"]})
    return d


def open_report(api, form="CCHC", period="2026-Q1") -> dict:
    r = api.post(f"{R}/forms/{form}/periods/{period}/open")
    assert r.status_code == 200, r.text
    return r.json()


def fill_and_submit(as_user, school: int, values: dict) -> dict:
    sub = open_report(as_user(school, "cv1"))
    r = as_user(school, "cv1").patch(f"{R}/submissions/{sub['submission_id']}", json={"values": values})
    assert r.status_code == 200, r.text
    r = as_user(school, "lanhdao").post(f"{R}/submissions/{sub['submission_id']}/submit")
    assert r.status_code == 200, r.text
    return r.json()


def upload(api, submission_id: str, data: bytes, name: str = "Biên bản tự kiểm tra.pdf"):
    return api.put(f"{R}/submissions/{submission_id}/attachments", params={"filename": name}, data=data,
                   headers={"Content-Type": "application/octet-stream"})


def uploads_in_s3(storage) -> set[str]:
    return {o.object_name for o in storage.client.list_objects(storage.bucket, prefix="uploads/", recursive=True)}


def test_a_school_fills_its_report_with_inline_checks_and_its_principal_submits(district, as_user, storage):
    freeze("2026-03-16 09:00")
    specialist, principal = as_user(1, "cv1"), as_user(1, "lanhdao")

    mine = specialist.get(f"{R}/mine").json()["items"]
    row = next(r for r in mine if r["form_code"] == "CCHC")
    assert row["period"]["id"] == "2026-Q1" and row["status"] == "not_started" and row["submission_id"] is None
    assert row["days_left"] == 9 and not row["overdue"] and row["period"]["cutoff_end"] == "2026-03-14"
    assert {r["form_code"] for r in mine} == {"CCHC", "HDTHANG"}

    sub = open_report(specialist)
    assert sub["status"] == "draft" and sub["editable"] and not sub["locked"]
    assert sub["form"]["sections"][0]["fields"][0]["code"] == "plan_issued"
    assert sub["problems"]["tasks_planned"] == "Bắt buộc nhập."
    assert open_report(specialist)["submission_id"] == sub["submission_id"]   # opening again: the same report
    sid = sub["submission_id"]

    # inline validation as the person types: per-field messages, nothing stored
    r = specialist.post(f"{R}/forms/CCHC/check", json={"values": {
        "tasks_planned": "mười", "digital_signature_rate": "120", "tasks_done": 3}, "complete": False})
    assert r.status_code == 200, r.text
    assert r.json()["errors"] == {"tasks_planned": "Phải là số nguyên.",
                                  "digital_signature_rate": "Không được lớn hơn 100."}
    r = specialist.post(f"{R}/forms/CCHC/check", json={"values": {"tasks_planned": 5, "tasks_done": 7}})
    check = r.json()
    assert not check["valid"] and check["errors"]["tasks_done"].startswith("Số nhiệm vụ đã hoàn thành không được vượt")
    assert check["errors"]["documents_received"] == "Bắt buộc nhập."
    assert specialist.get(f"{R}/submissions/{sid}").json()["values"] == {}

    # a draft refuses values that do not fit, field by field; keeps the rest
    r = specialist.patch(f"{R}/submissions/{sid}", json={"values": {"tasks_planned": "mười", "nope": 1}})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"tasks_planned": "Phải là số nguyên.",
                                           "nope": "Chỉ tiêu không có trong biểu mẫu."}
    r = specialist.patch(f"{R}/submissions/{sid}", json={"values": {"tasks_planned": "5", "tasks_done": 7,
                                                                    "digital_signature_rate": "92,5"}})
    assert r.status_code == 200, r.text
    draft = r.json()
    assert draft["values"] == {"tasks_planned": 5, "tasks_done": 7, "digital_signature_rate": 92.5}
    assert draft["problems"]["tasks_done"].startswith("Số nhiệm vụ đã hoàn thành")
    assert draft["people"][draft["history"][0]["by"]]   # names for the history

    # strict JSON at the edge: a nested value is no field value
    r = specialist.patch(f"{R}/submissions/{sid}", json={"values": {"tasks_planned": {"x": 1}}})
    assert r.status_code == 422

    # attachments stream to S3; the office and the school download them
    r = upload(specialist, sid, b"%PDF-1.7\n" + b"x" * 5000)
    assert r.status_code == 201, r.text
    attachment = r.json()
    assert attachment["name"] == "Biên bản tự kiểm tra.pdf" and attachment["size"] == 5009 and "key" not in attachment
    link = specialist.get(f"{R}/submissions/{sid}/attachments/{attachment['attachment_id']}")
    assert link.status_code == 302 and requests.get(link.headers["Location"], timeout=10).content.startswith(b"%PDF")
    extra = upload(specialist, sid, b"%PDF-1.7\n tam", "Bản nháp.pdf").json()
    assert specialist.delete(f"{R}/submissions/{sid}/attachments/{extra['attachment_id']}").status_code == 204
    assert [a["name"] for a in specialist.get(f"{R}/submissions/{sid}").json()["attachments"]] == [
        "Biên bản tự kiểm tra.pdf"]

    # only the principal submits; an incomplete report is refused field by field
    assert specialist.post(f"{R}/submissions/{sid}/submit").status_code == 403
    r = principal.post(f"{R}/submissions/{sid}/submit")
    assert r.status_code == 422
    fields = r.json()["error"]["fields"]
    assert fields["tasks_done"].startswith("Số nhiệm vụ đã hoàn thành") and fields["staff_total"] == "Bắt buộc nhập."

    assert specialist.patch(f"{R}/submissions/{sid}", json={"values": cchc_values()}).status_code == 200
    r = principal.post(f"{R}/submissions/{sid}/submit")
    assert r.status_code == 200, r.text
    sent = r.json()
    assert sent["status"] == "submitted" and sent["late"] is False and not sent["editable"]
    assert sent["people"][sent["submitted_by"]] == district.users[district.username(1, "lanhdao")]["full_name"]

    # sent: no more changes, and no file reaches S3 for it
    assert specialist.patch(f"{R}/submissions/{sid}", json={"values": {"tasks_done": 1}}).status_code == 409
    assert principal.post(f"{R}/submissions/{sid}/submit").status_code == 409
    before = uploads_in_s3(storage)
    assert upload(specialist, sid, b"%PDF-1.7\n muon").status_code == 409
    assert uploads_in_s3(storage) == before

    row = next(r for r in specialist.get(f"{R}/mine").json()["items"] if r["form_code"] == "CCHC")
    assert row["status"] == "submitted" and row["submitted"] and row["late"] is False


def test_the_office_follows_the_board_reviews_and_consolidates(district, as_user):
    freeze("2026-03-20 09:00")
    first = fill_and_submit(as_user, 1, cchc_values(0))
    freeze("2026-03-27 08:00")     # after the 25th: late
    second = fill_and_submit(as_user, 2, cchc_values(1))
    open_report(as_user(3, "lanhdao"))   # the third school has only started
    leader, specialist, clerk = as_user(0, "lanhdao"), as_user(0, "cv1"), as_user(0, "vanthu")

    forms = leader.get(f"{R}/forms").json()["items"]
    assert {f["code"] for f in forms} == {"CCHC", "HDTHANG"} and all(f["owner_unit"] == district.office for f in forms)
    form = leader.get(f"{R}/forms/CCHC").json()
    assert form["field_count"] == 25 and form["field_types"]["yes_no"] == "Có/Không"
    periods = leader.get(f"{R}/forms/CCHC/periods", params={"year": 2026}).json()["items"]
    assert [p["id"] for p in periods] == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]
    assert periods[0]["deadline"].startswith("2026-03-25T16:59:59")

    board = leader.get(f"{R}/forms/CCHC/periods/2026-Q1/completeness").json()
    t = board["totals"]
    counts = tuple(t[k] for k in ("expected", "submitted", "on_time", "late", "missing", "in_progress"))
    assert counts == (3, 2, 1, 1, 1, 1)
    assert t["awaiting_approval"] == 2 and t["approved"] == 0
    assert [u["code"] for u in board["missing_units"]] == [district.schools[2]]
    states = {u["code"]: u for u in board["units"]}
    assert states[district.schools[1]]["late"] is True and states[district.schools[0]]["late"] is False
    assert states[district.schools[2]]["status"] == "draft" and not board["office"]["finalized"]

    year = leader.get(f"{R}/forms/CCHC/board", params={"year": 2026}).json()
    assert [p["period"]["id"] for p in year["periods"]] == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]
    assert year["grid"][district.schools[1]]["2026-Q1"] == {"status": "submitted", "late": True}

    listing = specialist.get(f"{R}/submissions", params={"form_code": "CCHC", "period_id": "2026-Q1",
                                                         "status": "submitted"}).json()
    assert listing["total"] == 2 and {s["unit_code"] for s in listing["items"]} == set(district.schools[:2])

    # the office's specialist returns one with a reason; only its leader approves
    sid = second["submission_id"]
    assert specialist.post(f"{R}/submissions/{sid}/return", json={"reason": "ok"}).status_code == 422
    r = specialist.post(f"{R}/submissions/{sid}/return", json={"reason": "Số hồ sơ trực tuyến chưa khớp phần mềm."})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "returned"
    row = next(r for r in as_user(2, "cv1").get(f"{R}/mine").json()["items"] if r["form_code"] == "CCHC")
    assert row["status"] == "returned" and row["return_reason"] == "Số hồ sơ trực tuyến chưa khớp phần mềm."
    fixed = as_user(2, "cv1").patch(f"{R}/submissions/{sid}", json={"values": {"applications_online": 31}})
    assert fixed.status_code == 200
    resent = as_user(2, "lanhdao").post(f"{R}/submissions/{sid}/submit").json()
    assert resent["status"] == "submitted" and resent["late"] is True and resent["revision"] == 2

    assert specialist.post(f"{R}/submissions/{first['submission_id']}/approve", json={}).status_code == 403
    for s in (first, second):
        r = leader.post(f"{R}/submissions/{s['submission_id']}/approve", json={"note": "Đồng ý."})
        assert r.status_code == 200, r.text
        assert r.json()["locked"] and r.json()["status"] == "approved"
    assert leader.post(f"{R}/submissions/{sid}/approve", json={}).status_code == 409
    # approved data is locked for the school
    r = as_user(2, "cv1").patch(f"{R}/submissions/{sid}", json={"values": {"tasks_done": 1}})
    assert r.status_code == 409 and "khóa" in r.json()["error"]["message"]

    # reopen one unit (leader, with a reason), then approve again
    assert specialist.post(f"{R}/submissions/{sid}/reopen", json={"reason": "Điều chỉnh số liệu."}).status_code == 403
    r = leader.post(f"{R}/submissions/{sid}/reopen", json={"reason": "Điều chỉnh số liệu hồ sơ."})
    assert r.status_code == 200 and r.json()["status"] == "reopened" and r.json()["reopen_count"] == 1
    assert as_user(2, "lanhdao").post(f"{R}/submissions/{sid}/submit").status_code == 200
    assert leader.post(f"{R}/submissions/{sid}/approve", json={}).status_code == 200

    board = leader.get(f"{R}/forms/CCHC/periods/2026-Q1/completeness").json()
    assert board["totals"]["approved"] == 2 and board["totals"]["approved_rate"] == pytest.approx(66.67)

    # consolidation: sums of the approved reports, select fields counted per option
    c = leader.get(f"{R}/forms/CCHC/periods/2026-Q1/consolidated").json()
    values = {f["code"]: f for f in c["fields"]}
    assert c["units_included"] == 2 and values["documents_received"]["value"] == 201
    assert values["digital_signature_rate"]["value"] == 92.5
    assert {o["value"]: o["count"] for o in values["self_assessment"]["option_counts"]} == {
        "tot": 1, "kha": 1, "trung_binh": 0, "yeu": 0}
    assert leader.get(f"{R}/forms/CCHC/periods/2026-Q1/consolidated", params={"basis": "x"}).status_code == 422

    # the consolidated report as .docx and .xlsx (the văn thư may export too)
    r = clerk.post(f"{R}/forms/CCHC/periods/2026-Q1/exports", json={"basis": "approved"})
    assert r.status_code == 201, r.text
    export = r.json()
    assert export["docx"]["file"]["name"] == "Báo cáo tổng hợp CCHC 2026-Q1.docx" and not export["finalized"]
    docx = requests.get(export["docx"]["url"], timeout=20)
    assert docx.status_code == 200 and "attachment" in docx.headers["Content-Disposition"]
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    assert requests.get(export["xlsx"]["url"], timeout=20).content[:2] == b"PK"

    # the leader finalises once
    assert specialist.post(f"{R}/forms/CCHC/periods/2026-Q1/finalize").status_code == 403
    r = leader.post(f"{R}/forms/CCHC/periods/2026-Q1/finalize")
    assert r.status_code == 200, r.text
    assert r.json()["finalized"] and r.json()["late"] is False
    assert leader.post(f"{R}/forms/CCHC/periods/2026-Q1/finalize").status_code == 409
    assert leader.get(f"{R}/forms/CCHC/periods/2026-Q1/completeness").json()["office"]["finalized"]

    # the state changes are in the audit log
    admin = as_user(0, "admin")
    for action, count in (("report.submit", 4), ("report.return", 1), ("report.approve", 3), ("report.reopen", 1),
                          ("report.export", 1), ("report.finalize", 1)):
        entries = admin.get("/api/v1/admin/audit", params={"action": action}).json()["items"]
        assert len([e for e in entries if e["ok"]]) == count, action
    approvals = admin.get("/api/v1/admin/audit", params={"action": "report.approve"}).json()["items"]
    assert any(e["target"] == f"submission_id={sid}" and e["status"] == 409 for e in approvals)


def test_who_may_see_what_and_bad_input(district, as_user, storage):
    freeze("2026-03-16 09:00")
    school, other, office = as_user(1, "cv1"), as_user(2, "cv1"), as_user(0, "lanhdao")
    sub = open_report(school)
    sid = sub["submission_id"]

    # a school reads no board; another school does not see this report
    assert school.get(f"{R}/forms/CCHC/periods/2026-Q1/completeness").status_code == 403
    assert school.get(f"{R}/forms/CCHC/board").status_code == 403
    assert other.get(f"{R}/submissions/{sid}").status_code == 404
    assert other.patch(f"{R}/submissions/{sid}", json={"values": {"tasks_done": 1}}).status_code == 404
    assert office.get(f"{R}/submissions/{sid}").status_code == 200   # the office that collects it does
    assert office.post(f"{R}/forms/CCHC/periods/2026-Q1/open").status_code == 404   # not a form it reports

    # unknown forms and periods, malformed bodies and queries
    assert school.get(f"{R}/forms/NOPE").status_code == 404
    assert school.post(f"{R}/forms/CCHC/periods/2026-Q2/open").status_code == 422   # not in CCHC's schedule
    assert school.post(f"{R}/forms/CCHC/periods/2026-Q9/open").status_code == 422
    r = school.post(f"{R}/forms/CCHC/periods/2026-Q3/open")
    assert r.status_code == 422 and "chưa bắt đầu" in r.json()["error"]["message"]
    assert office.get(f"{R}/forms/CCHC/periods/banana/completeness").status_code == 422
    assert school.get(f"{R}/mine", params={"year": "1999"}).status_code == 422
    assert school.patch(f"{R}/submissions/{sid}", json={"values": {}, "extra": 1}).status_code == 422
    assert school.patch(f"{R}/submissions/{sid}", data="not json",
                        headers={"Content-Type": "application/json"}).status_code == 400
    assert office.post(f"{R}/forms/CCHC/periods/2026-Q1/exports", json={"basis": "all"}).status_code == 422
    assert office.get(f"{R}/periods", params={"period_type": "weekly"}).status_code == 422
    quarters = office.get(f"{R}/periods", params={"period_type": "quarterly", "year": 2026}).json()["items"]
    assert [p["label"] for p in quarters] == [f"Quý {r} năm 2026" for r in ("I", "II", "III", "IV")]

    # a file the reporting service refuses does not stay in S3: a văn thư may not attach
    before = uploads_in_s3(storage)
    r = upload(as_user(1, "vanthu"), sid, b"%PDF-1.7\n" + b"y" * 2000)
    assert r.status_code == 403, r.text
    assert uploads_in_s3(storage) == before
    # another school's report: refused before a byte is stored
    assert upload(other, sid, b"%PDF-1.7\n z").status_code == 404
    assert uploads_in_s3(storage) == before
    assert school.get(f"{R}/submissions/{sid}/attachments/nope").status_code == 404


def test_kpis_per_unit_and_period(district, as_user, rpc):
    admin = {"user_id": "admin-test", "unit_id": district.office, "roles": ["admin"]}
    a, b = district.schools[:2]

    def event(kind: str, unit: str, item: str, **data) -> dict:
        return {"event_id": uuid.uuid4().hex, "type": f"document.{kind}", "version": 1,
                "occurred_at": "2026-02-10T03:00:00+00:00", "producer": "documents",
                "data": {"item_id": item, "recipient_unit": unit, **data}}

    rpc.reporting.kpi_replay(admin, [
        event("delivered", a, "i1"), event("delivered", a, "i2"), event("delivered", b, "i3"),
        event("completed", a, "i1", on_time=True, processing_days=2),
        event("completed", a, "i2", on_time=False, processing_days=6),
        event("overdue", b, "i3"),
    ])
    office = as_user(0, "lanhdao").get("/api/v1/kpis", params={"period_id": "2026-Q1"})
    assert office.status_code == 200, office.text
    report = office.json()
    assert report["period"]["label"] == "Quý I năm 2026"
    assert report["total"]["documents_received"] == 3 and report["total"]["documents_overdue"] == 1
    units = {u["code"]: u["kpis"] for u in report["units"]}
    assert units[a]["on_time_rate"] == 50.0 and units[a]["average_processing_days"] == 4.0
    assert units[b]["documents_overdue"] == 1 and units[b]["on_time_rate"] is None

    school = as_user(1, "cv1")
    own = school.get("/api/v1/kpis", params={"period_id": "2026-Q1"}).json()
    assert [u["code"] for u in own["units"]] == [a]
    assert school.get("/api/v1/kpis", params={"period_id": "2026-Q1", "unit_codes": [b]}).status_code == 403
    assert school.get("/api/v1/kpis", params={"period_id": "2026-Q5"}).status_code == 422
    assert school.get("/api/v1/kpis").status_code == 422
    march = as_user(0, "lanhdao").get("/api/v1/kpis", params={"period_id": "2026-M03", "unit_codes": [a]}).json()
    assert [u["code"] for u in march["units"]] == [a] and march["total"]["documents_received"] == 0
