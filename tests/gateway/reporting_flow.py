"""The browser half of test_reporting_browser.py, run in its own process (see
browser_flow.py for why). Usage: python reporting_flow.py '<json settings>';
exit 0 = pass."""
import re
import sys
import zipfile
from pathlib import Path

from playwright.sync_api import expect

import browser_flow as bf   # this folder is on sys.path: the script runs from it
from browser_flow import open_as

RETURN_REASON = "Số hồ sơ trực tuyến chưa khớp với phần mềm một cửa."
# the specialist's values (text, as typed); the self-assessment is left to the principal
VALUES = {
    "self_inspections": "1", "procedures_total": "12", "procedures_public": "12", "applications_received": "40",
    "applications_online": "30", "applications_on_time": "39", "documents_received": "100",
    "documents_on_time": "90", "documents_overdue": "2", "documents_sent": "50", "documents_sent_electronic": "48",
    "digital_signature_rate": "92,5", "meetings_held": "6", "meetings_paperless": "4", "staff_total": "40",
    "staff_trained_it": "30", "staff_trained_ai": "10", "satisfaction_rate": "95",
    "difficulties": "Thiếu thiết bị trình chiếu ở điểm trường lẻ.",
}


def count(page, key):
    return page.locator(f"#completeness-chart [data-count={key}]")


def flow(browser, base_url, shots):
    names = S["school_names"]
    school, other = names[S["school"]], names[S["other_school"]]
    evidence = Path(S["tmp"]) / "Biên bản tự kiểm tra CCHC quý I.pdf"
    evidence.write_bytes(b"%PDF-1.7\n" + b"0" * 40_000)

    # ---- the school's specialist: my reports, then the form with inline messages
    sp = open_as(browser, base_url, S["specialist"])
    sp.locator("#nav a", has_text="Báo cáo").click()
    row = sp.locator("[data-group=todo] [data-report='CCHC/2026-Q1']")
    expect(row).to_contain_text("còn 9 ngày")
    expect(row).to_contain_text("Chưa thực hiện")
    # the monthly report of February was due on the 25th of February
    expect(sp.locator("[data-group=overdue] [data-report='HDTHANG/2026-M02']")).to_contain_text("quá hạn 19 ngày")
    expect(sp.locator("[data-stat=overdue] .num")).to_have_text("2")
    shots(sp, "school-my-reports")
    row.click()
    sp.get_by_role("heading", name="Báo cáo công tác cải cách hành chính").wait_for()

    planned = sp.get_by_label("Số nhiệm vụ cải cách hành chính theo kế hoạch")
    planned.fill("mười")
    planned.press("Tab")
    planned_error = sp.locator("[data-field=tasks_planned] .field-error")
    expect(planned_error).to_have_text("Phải là số nguyên.")
    expect(sp.locator("[data-field=tasks_planned]")).to_have_class(re.compile("invalid"))
    # "required" waits until a field has been visited
    expect(sp.locator("[data-field=staff_total] .field-error")).to_be_hidden()
    shots(sp, "school-inline-error")
    planned.fill("10")
    planned.press("Tab")
    expect(planned_error).to_be_hidden()
    done = sp.get_by_label("Số nhiệm vụ đã hoàn thành")
    done.fill("12")
    done.press("Tab")
    done_error = sp.locator("[data-field=tasks_done] .field-error")
    expect(done_error).to_contain_text("không được vượt số nhiệm vụ theo kế hoạch")
    done.fill("8")
    done.press("Tab")
    expect(done_error).to_be_hidden()
    sp.get_by_label("Đã ban hành kế hoạch cải cách hành chính của đơn vị").select_option("true")
    for code, value in VALUES.items():
        sp.locator(f"#f-{code}").fill(value)
    sp.get_by_label("Chọn tệp đính kèm").set_input_files(str(evidence))
    sp.locator("#report-files li[data-attachment]").wait_for()
    expect(sp.locator("[data-test=saved]")).to_have_text("Có thay đổi chưa lưu")
    sp.get_by_role("button", name="Lưu nháp").click()
    sp.get_by_text("Đã lưu bản nháp.").wait_for()
    expect(sp.locator("[data-test=saved]")).to_contain_text("Đã lưu lúc")
    expect(sp.locator(".fill-summary")).to_contain_text("1 chỉ tiêu cần xem lại")   # the self-assessment
    shots(sp, "school-draft-saved")

    # ---- the office opens the board: one on time, one being drafted, one not started
    office = open_as(browser, base_url, S["office_leader"])
    office.locator("#nav a", has_text="Báo cáo").click()
    card = office.locator("[data-form=CCHC]")
    expect(card.locator("tr[data-period='2026-Q1']")).to_contain_text("1/3")
    card.get_by_role("link", name="Quý I năm 2026").click()
    office.get_by_role("heading", name=re.compile("Quý I năm 2026")).wait_for()
    expect(count(office, "on_time")).to_have_text("1")
    expect(count(office, "in_progress")).to_have_text("1")
    expect(count(office, "not_started")).to_have_text("1")
    expect(office.locator("#completeness-chart svg circle[data-seg]")).to_have_count(3)
    expect(office.locator("#missing-units")).to_contain_text(school)
    expect(office.locator("#year-chart svg g[data-col]")).to_have_count(4)
    shots(office, "office-board-before")

    # ---- the principal: a refused submission shows the field, then it goes
    pr = open_as(browser, base_url, S["principal"])
    pr.goto(base_url + "/#/bao-cao/CCHC/2026-Q1")
    expect(pr.locator("#f-tasks_planned")).to_have_value("10")
    expect(pr.locator("#f-digital_signature_rate")).to_have_value("92,5")
    pr.get_by_role("button", name="Gửi báo cáo").click()
    pr.get_by_role("button", name="Xác nhận gửi").click()
    expect(pr.locator("[data-field=self_assessment] .field-error")).to_have_text("Bắt buộc nhập.")
    shots(pr, "principal-submit-refused")
    pr.get_by_label("Tự đánh giá kết quả thực hiện").select_option("tot")
    pr.get_by_role("button", name="Gửi báo cáo").click()
    pr.get_by_role("button", name="Xác nhận gửi").click()
    pr.locator("[data-banner=submitted]").wait_for()
    expect(pr.locator("#f-tasks_planned")).to_be_disabled()
    expect(pr.locator(".heading-row [data-status=submitted]")).to_be_visible()
    shots(pr, "principal-submitted")

    # ---- the office: the chart has changed; return one report, approve the other
    office.get_by_role("button", name="Làm mới").click()
    expect(count(office, "on_time")).to_have_text("2")
    expect(count(office, "in_progress")).to_have_text("0")
    expect(office.locator("#board-stats [data-stat=awaiting] .num")).to_have_text("2")
    expect(office.locator("#missing-units")).not_to_contain_text(school)
    shots(office, "office-board-after")
    office.locator("#units-table tr", has_text=other).get_by_role("link", name="Xem và duyệt").click()
    office.get_by_label("Lý do trả lại").fill(RETURN_REASON)
    office.get_by_role("button", name="Trả lại").click()
    office.get_by_text("Đã trả lại báo cáo cho đơn vị.").wait_for()
    expect(office.locator(".heading-row [data-status=returned]")).to_be_visible()
    shots(office, "office-returned")
    office.get_by_role("link", name=re.compile("Bảng theo dõi")).click()
    office.locator("#units-table tr", has_text=school).get_by_role("link", name="Xem và duyệt").click()
    expect(office.locator("#submission-values tr[data-field=tasks_planned] td.value")).to_have_text("10")
    expect(office.locator("#submission-values tr[data-field=self_assessment] td.value")).to_have_text("Tốt")
    expect(office.get_by_role("link", name=evidence.name)).to_be_visible()
    office.get_by_label("Ý kiến khi duyệt (không bắt buộc)").fill("Đồng ý.")
    office.get_by_role("button", name="Duyệt báo cáo").click()
    office.get_by_text("Đã duyệt báo cáo; số liệu đã khóa.").wait_for()
    expect(office.locator(".heading-row [data-status=approved]")).to_be_visible()
    shots(office, "office-approved")

    # ---- the consolidated report, downloaded as .docx
    office.get_by_role("link", name=re.compile("Bảng theo dõi")).click()
    expect(office.locator("#board-stats [data-stat=approved] .num")).to_have_text("1")
    expect(office.locator("#consolidated")).to_contain_text("Tổng hợp từ 1/3 đơn vị")
    office.get_by_role("button", name="Xuất báo cáo tổng hợp").click()
    docx = office.locator("#export-links a[data-format=docx]")
    with office.expect_download() as info:
        docx.click()
    download = info.value
    assert download.suggested_filename == "Báo cáo tổng hợp CCHC 2026-Q1.docx", download.suggested_filename
    assert zipfile.is_zipfile(download.path())
    shots(office, "office-consolidated")

    # ---- the KPI dashboard
    office.locator("#nav a", has_text="Báo cáo").click()
    office.get_by_role("link", name="Chỉ số cải cách hành chính").click()
    office.get_by_role("heading", name="Chỉ số cải cách hành chính").wait_for()
    office.goto(base_url + "/#/chi-so?loai=quarterly&nam=2026")   # the browser's clock is not the frozen one
    expect(office.get_by_label("Loại kỳ")).to_have_value("quarterly")
    office.get_by_label("Kỳ", exact=True).select_option("2026-Q1")
    expect(office.locator("#kpi-tiles [data-kpi=received] .num")).to_have_text("4")
    expect(office.locator("#kpi-tiles [data-kpi=on_time_rate] .num")).to_have_text("66,67%")
    expect(office.locator("#chart-on-time li[data-bar]")).to_have_count(2)
    expect(office.locator("#chart-documents li[data-bar]")).to_have_count(3)
    expect(office.locator("#chart-on-time li[data-bar]").first).to_contain_text("100%")
    shots(office, "office-kpis")

    # ---- the other school sees why its report came back
    osp = open_as(browser, base_url, S["other_specialist"])
    osp.locator("#nav a", has_text="Báo cáo").click()
    returned = osp.locator("[data-group=todo] [data-report='CCHC/2026-Q1']")
    expect(returned).to_contain_text(RETURN_REASON)
    returned.click()
    expect(osp.locator("[data-banner=returned]")).to_contain_text(RETURN_REASON)
    expect(osp.locator("#f-applications_online")).to_be_enabled()
    shots(osp, "school-returned")

    # ---- phone width: the approved report and the board fit the screen
    phone = open_as(browser, base_url, S["specialist"], viewport={"width": 390, "height": 844})
    phone.goto(base_url + "/#/bao-cao/CCHC/2026-Q1")
    phone.locator("[data-banner=approved]").wait_for()
    shots(phone, "phone-report")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    phone_office = open_as(browser, base_url, S["office_leader"], viewport={"width": 390, "height": 844})
    phone_office.goto(base_url + "/#/bao-cao/CCHC/2026-Q1")
    expect(count(phone_office, "on_time")).to_have_text("2")
    shots(phone_office, "phone-board")
    assert phone_office.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert not PROBLEMS, PROBLEMS


S = bf.S
PROBLEMS = bf.PROBLEMS

if __name__ == "__main__":
    sys.exit(bf.run(flow, "reporting"))
