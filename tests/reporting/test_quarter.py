"""A quarter of the CCHC report across the district, over the real broker and S3:
30 schools; 25 submit on time, 3 late, 2 never. Reminders go out before and
after the deadline only to those who have not submitted; the office approves
(locking), returns one, reopens one; completeness, consolidation (.docx and
.xlsx opened and read) and the district portal's gRPC answers agree."""
import os
from collections import Counter
from pathlib import Path

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from services.portal.stubs import pb, pb_grpc
from services.reporting.exceptions import Locked, PermissionDenied, SubmissionNotFound
from tests.integration.district import seed
from tests.integration.helpers import events_emitted

from .helpers import cchc_values, download, fill, fill_and_submit, reminders_sent
from .portal import PortalProcess, auth, blocking, channel

pytestmark = pytest.mark.integration

Q1 = "2026-Q1"


def test_a_quarter_of_reporting_for_thirty_schools(services, rpc, freeze, reporting_config):
    district = seed(rpc, schools=30)
    office_leader = district.actor(district.office, "lanhdao")
    office_specialist = district.actor(district.office, "cv1")
    assert rpc.reporting.install_seed_forms(office_leader)["created"] == ["CCHC", "HDTHANG"]
    # the monthly report is archived here: no reminders of its own to count
    assert rpc.reporting.archive_form(office_leader, "HDTHANG")["active"] is False
    schools = district.schools
    on_time, late, never = schools[:25], schools[25:28], schools[28:]
    values = {school: cchc_values(i) for i, school in enumerate(schools)}

    # ---- before the deadline (25 March): 20 submit early
    freeze("2026-03-16 09:00")
    for school in on_time[:20]:
        sub = fill_and_submit(rpc, district, school, values[school])
        assert sub["status"] == "submitted" and sub["late"] is False and sub["revision"] == 1

    freeze("2026-03-21 09:00")
    assert rpc.reporting.send_due_reminders() == 0                 # -3 days falls on the 22nd at 08:00
    freeze("2026-03-22 09:00")
    assert rpc.reporting.send_due_reminders() == 10
    assert rpc.reporting.send_due_reminders() == 0                 # each reminder once
    before = reminders_sent()
    assert {r["unit_code"] for r in before} == set(schools[20:])
    assert {(r["offset_days"], r["kind"]) for r in before} == {(-3, "before")}
    assert before[0]["message"].startswith("Còn 3 ngày đến hạn nộp “Báo cáo công tác cải cách hành chính”")
    assert before[0]["roles"] == ["chuyen_vien", "lanh_dao"]

    freeze("2026-03-24 15:00")
    for school in on_time[20:]:
        fill_and_submit(rpc, district, school, values[school])
    assert rpc.reporting.send_due_reminders() == 0

    # ---- after the deadline: reminders only for the 5 still missing, then the 2
    freeze("2026-03-26 09:00")
    assert rpc.reporting.send_due_reminders() == 5
    freeze("2026-03-27 10:30")
    for school in late:
        sub = fill_and_submit(rpc, district, school, values[school])
        assert sub["late"] is True                                  # accepted, marked late
        assert sub["history"][-1]["note"] == "Nộp sau hạn"
    freeze("2026-03-28 09:00")
    assert rpc.reporting.send_due_reminders() == 2
    assert rpc.reporting.send_due_reminders() == 0
    sent = Counter((r["unit_code"], r["offset_days"]) for r in reminders_sent())
    assert all(n == 1 for n in sent.values()) and len(sent) == 17
    assert {u for (u, o) in sent if o == 1} == set(late + never)
    assert {u for (u, o) in sent if o == 3} == set(never)
    assert not {u for (u, _) in sent} & set(on_time[:20])          # muted: they had submitted

    submitted = events_emitted("reporting", "report.submitted")
    assert len(submitted) == 28 and sum(e["data"]["late"] for e in submitted) == 3

    # ---- completeness for the district and per kind, with the missing schools
    board = rpc.reporting.completeness(office_specialist, "CCHC", Q1)
    totals = board["totals"]
    assert (totals["expected"], totals["submitted"], totals["on_time"], totals["late"], totals["missing"]) == \
        (30, 28, 25, 3, 2)
    assert totals["approved"] == 0 and totals["awaiting_approval"] == 28
    assert {u["code"] for u in board["missing_units"]} == set(never)
    assert sum(k["expected"] for k in board["by_kind"]) == 30
    assert [k["kind"] for k in board["by_kind"]] == ["MN", "TH", "TH&THCS", "THCS"]
    assert sum(k["late"] for k in board["by_kind"]) == 3
    assert board["period"]["deadline"] == "2026-03-25T16:59:59+00:00"    # 23:59:59 on the 25th, Vietnam time

    # ---- who may do what
    first = district.actor(schools[0], "lanhdao")
    first_sub = rpc.reporting.list_submissions(first, {"form_code": "CCHC"})["items"][0]
    with pytest.raises(SubmissionNotFound):                        # another school's report: not found
        rpc.reporting.get_submission(district.actor(schools[1], "lanhdao"), first_sub["submission_id"])
    with pytest.raises(PermissionDenied):                          # a principal cannot approve
        rpc.reporting.approve(first, first_sub["submission_id"])
    with pytest.raises(PermissionDenied):                          # an office specialist cannot either
        rpc.reporting.approve(office_specialist, first_sub["submission_id"])
    with pytest.raises(PermissionDenied):
        rpc.reporting.completeness(first, "CCHC", Q1)              # schools do not see the board

    # ---- approval, a return with its reason, locking
    freeze("2026-03-29 08:00")
    listing = rpc.reporting.list_submissions(office_leader, {"form_code": "CCHC", "period_id": Q1, "page_size": 100})
    assert listing["total"] == 28
    by_unit = {s["unit_code"]: s for s in listing["items"]}
    returned_school = on_time[3]
    back = rpc.reporting.return_submission(office_specialist, by_unit[returned_school]["submission_id"],
                                           "Số hồ sơ trực tuyến chưa khớp với Cổng dịch vụ công.")
    assert back["status"] == "returned" and back["return_reason"].startswith("Số hồ sơ trực tuyến")
    for school, sub in by_unit.items():
        if school != returned_school:
            approved = rpc.reporting.approve(office_leader, sub["submission_id"])
            assert approved["status"] == "approved" and approved["locked"]
    values[returned_school] = {**values[returned_school], "applications_online": 20}
    fixed = fill_and_submit(rpc, district, returned_school, {"applications_online": 20})
    assert fixed["revision"] == 2 and fixed["late"] is False       # timeliness stays with the first submission
    rpc.reporting.approve(office_leader, fixed["submission_id"])

    locked = by_unit[schools[0]]["submission_id"]
    with pytest.raises(Locked):
        rpc.reporting.save_draft(district.actor(schools[0], "cv1"), locked, {"tasks_done": 1})
    with pytest.raises(Locked):
        fill(rpc, district, schools[0], {"tasks_done": 1})

    # ---- the office reopens one unit's approved report (recorded), it is corrected and approved again
    reopened = rpc.reporting.reopen(office_leader, locked, "Điều chỉnh số văn bản đến theo sổ đăng ký.")
    assert reopened["status"] == "reopened" and reopened["reopen_count"] == 1
    assert reopened["history"][-1]["action"] == "reopen" and reopened["history"][-1]["by"] == office_leader["user_id"]
    values[schools[0]] = {**values[schools[0]], "documents_received": 150}
    again = fill_and_submit(rpc, district, schools[0], {"documents_received": 150})
    assert again["late"] is False and again["revision"] == 2
    rpc.reporting.approve(office_leader, again["submission_id"])
    assert len(events_emitted("reporting", "report.reopened")) == 1

    board = rpc.reporting.completeness(office_leader, "CCHC", Q1)
    assert board["totals"]["approved"] == 28 and board["totals"]["missing"] == 2

    # ---- consolidation: the approved values, per field as the form says
    included = on_time + late
    expected = {
        "documents_received": sum(values[s]["documents_received"] for s in included),
        "applications_online": sum(values[s]["applications_online"] for s in included),
        "staff_trained_ai": sum(values[s]["staff_trained_ai"] for s in included),
        "plan_issued": 28,
        "satisfaction_rate": 95.0,
        "digital_signature_rate": round(sum(values[s]["digital_signature_rate"] for s in included) / 28, 2),
    }
    result = rpc.reporting.consolidate(office_leader, "CCHC", Q1)
    fields = {f["code"]: f for f in result["fields"]}
    assert result["units_included"] == 28 and result["units_expected"] == 30
    for code, value in expected.items():
        assert fields[code]["value"] == value, code
    assessment = {o["value"]: o["count"] for o in fields["self_assessment"]["option_counts"]}
    assert assessment == {"tot": sum(1 for s in included if values[s]["self_assessment"] == "tot"),
                          "kha": sum(1 for s in included if values[s]["self_assessment"] == "kha"),
                          "trung_binh": 0, "yeu": 0}

    # ---- the consolidated report, finalised by the office before its own deadline
    freeze("2026-03-30 10:00")
    export = rpc.reporting.finalize_consolidation(office_leader, "CCHC", Q1)
    if os.environ.get("REPORTING_KEEP_EXPORTS"):   # to look at them: REPORTING_KEEP_EXPORTS=/tmp/x
        for kind in ("docx", "xlsx"):
            Path(os.environ["REPORTING_KEEP_EXPORTS"], f"cchc-q1.{kind}").write_bytes(
                download(export[kind]["url"]).getvalue())
    assert export["finalized"] and export["late"] is False and export["units_included"] == 28
    never_names = [u["name"] for u in rpc.directory.get_units(never).values()]
    check_docx(download(export["docx"]["url"]), expected["documents_received"], never_names)
    check_xlsx(download(export["xlsx"]["url"]), expected["documents_received"], included)
    consolidated = events_emitted("reporting", "report.consolidated")
    assert len(consolidated) == 1 and consolidated[0]["data"]["files"]["docx"]["key"] == export["docx"]["file"]["key"]
    assert rpc.reporting.completeness(office_leader, "CCHC", Q1)["office"]["finalized"] is True

    # ---- what the district portal sees over gRPC
    portal = PortalProcess(reporting_config["AMQP_URI"]).start()
    try:
        stub = pb_grpc.PortalServiceStub(channel(portal.address))
        check_portal(stub, never, expected, included)
    finally:
        portal.stop()


def check_docx(stream, documents_received: int, never_names: list[str]) -> None:
    doc = Docx(stream)
    header = doc.tables[0].rows[0].cells
    left = [p.text for p in header[0].paragraphs if p.text]
    right = [p.text for p in header[1].paragraphs if p.text]
    assert left[0] == "UBND QUẬN ĐỒ SƠN"
    assert left[1] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN ĐỒ SƠN" and left[2].startswith("Số:")
    assert left[2].endswith("/BC-GDĐT")
    assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[1] == "Độc lập - Tự do - Hạnh phúc"
    assert right[2] == "Đồ Sơn, ngày 30 tháng 3 năm 2026"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "quý I năm 2026" in text
    assert "Số đơn vị phải báo cáo: 30; đã nộp: 28 (đúng hạn 25, muộn 3); chưa nộp: 2" in text
    missing_line = next(line for line in text.splitlines() if line.startswith("- Đơn vị chưa nộp báo cáo:"))
    assert all(name in missing_line for name in never_names) and len(never_names) == 2
    # one table per section (the header and signature tables aside), each row a field
    tables = doc.tables[1:-1]
    assert len(tables) == 5
    rows = {r.cells[1].text: r.cells[3].text for t in tables for r in t.rows[1:]}
    assert rows["Tổng số văn bản đến"] == f"{documents_received:,}".replace(",", ".")
    assert rows["Đã ban hành kế hoạch cải cách hành chính của đơn vị"] == "28 đơn vị có"
    assert tables[0].rows[0].cells[0].text == "STT"
    assert "Khó khăn, vướng mắc:" in text                          # text fields are listed, not summed
    assert "Nơi nhận:" in doc.tables[-1].rows[0].cells[0].text
    for run in (r for p in doc.paragraphs for r in p.runs):
        assert run.font.name == "Times New Roman"


def check_xlsx(stream, documents_received: int, included: list[str]) -> None:
    book = load_workbook(stream)
    assert book.sheetnames == ["Tổng hợp", "Chi tiết đơn vị", "Tiến độ nộp"]
    summary = book["Tổng hợp"]
    rows = {r[2]: r for r in summary.iter_rows(values_only=True) if r and r[2]}
    assert rows["documents_received"][6] == documents_received and rows["documents_received"][7] == 28
    assert rows["documents_received"][3] == "Tổng số văn bản đến"
    details = book["Chi tiết đơn vị"]
    codes = [r[0] for r in details.iter_rows(min_row=6, values_only=True) if r[0]]
    assert sorted(codes) == sorted(included)
    progress = book["Tiến độ nộp"]
    states = Counter(r[5] for r in progress.iter_rows(min_row=6, values_only=True) if r[0])
    assert states == {"Đúng hạn": 25, "Muộn": 3, None: 2}


def check_portal(stub, never, expected, included) -> None:
    forms = blocking(stub.ListForms, pb.ListFormsRequest(), metadata=auth(), timeout=30)
    assert [f.code for f in forms.forms] == ["CCHC"]               # archived forms are not listed
    periods = blocking(stub.ListPeriods, pb.ListPeriodsRequest(form_code="CCHC", year=2026), metadata=auth(),
                       timeout=30)
    assert [p.id for p in periods.periods] == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]
    assert periods.periods[0].deadline.ToJsonString() == "2026-03-25T16:59:59Z"
    assert periods.periods[0].cutoff_start == "2025-12-15" and periods.periods[0].cutoff_end == "2026-03-14"

    board = blocking(stub.GetCompleteness, pb.GetCompletenessRequest(form_code="CCHC", period_id=Q1),
                     metadata=auth(), timeout=30)
    d = board.district
    assert (d.expected, d.submitted, d.on_time, d.late, d.missing, d.approved) == (30, 28, 25, 3, 2, 28)
    assert {u.code for u in board.missing_units} == set(never)
    assert board.office.finalized and not board.office.late
    assert len(board.units) == 30 and sum(u.late for u in board.units) == 3

    consolidated = blocking(stub.GetConsolidated, pb.GetConsolidatedRequest(form_code="CCHC", period_id=Q1),
                            metadata=auth(), timeout=30)
    fields = {f.code: f for f in consolidated.fields}
    assert consolidated.units_included == 28
    assert fields["documents_received"].value.integer == expected["documents_received"]
    assert fields["digital_signature_rate"].value.number == expected["digital_signature_rate"]
    assert fields["documents_received"].aggregation == pb.AGGREGATION_SUM
    assert sum(o.count for o in fields["self_assessment"].option_counts) == 28
    assert consolidated.finalized_at.ToJsonString() == "2026-03-30T03:00:00Z"    # 10:00 in Vietnam
    assert Docx(download(consolidated.docx_url)).tables[0].rows[0].cells[1].paragraphs[0].text == \
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

    # the approved stream: 28 approvals, a reopening, the re-approval; resumable at any cursor
    everything = blocking(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(form_code="CCHC"), metadata=auth(), timeout=30)))
    assert len(everything) == 30
    assert Counter(m.kind for m in everything) == {pb.CHANGE_KIND_APPROVED: 29, pb.CHANGE_KIND_REOPENED: 1}
    cursors = [m.cursor for m in everything]
    assert cursors == sorted(cursors) and len(set(cursors)) == 30
    rest = blocking(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(after_cursor=cursors[9]), metadata=auth(), timeout=30)))
    assert [m.cursor for m in rest] == cursors[10:]
    latest = {}
    for m in everything:
        latest[m.unit.code] = m
    assert {code for code, m in latest.items() if m.kind == pb.CHANGE_KIND_APPROVED} == set(included)
    total = sum(m.values["documents_received"].integer for m in latest.values())
    assert total == expected["documents_received"]
    sample = latest[included[0]]
    assert sample.values["plan_issued"].yes_no is True and sample.values["self_assessment"].text in ("tot", "kha")
    assert sample.period_id == Q1 and sample.form_version == 1 and sample.unit.name
