"""The browser half of test_notifications_pages.py (see browser_flow.py for why
it is a child process): a school clerk's bell goes up when the office issues a
document, the list, the click through to the document and the count dropping,
the preferences page, and the paper registration page pre-filling from a
corpus .docx. Usage: python notifications_flow.py '<json settings>'; exit 0 = pass."""
import json
import re
import sys
from pathlib import Path

import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import browser_flow as bf   # this folder is on sys.path: the script runs from it

DOCX = Path(__file__).resolve().parents[1] / "formats" / "corpus" / "01_kh_table_standard.docx"


class Shots(bf.Shots):
    def __call__(self, page, name):
        self.count += 1
        page.screenshot(path=str(self.folder / f"n{self.count:02d}-{name}.png"), full_page=True)


def office_issues(base_url: str) -> dict:
    """The office's clerk issues an urgent plan to the schools (over the API)."""
    http = requests.Session()
    r = http.post(base_url + "/api/v1/auth/login", json={"username": S["office_clerk"], "password": S["password"]}, timeout=30)
    r.raise_for_status()
    http.headers["Authorization"] = "Bearer " + r.json()["token"]
    r = http.post(base_url + "/api/v1/documents", timeout=30, json={
        "type_code": "KH", "summary": "Kế hoạch tổ chức Ngày hội đọc sách năm 2026", "urgency": 1,
        "signer": {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"},
        "recipients": S["schools"]})
    r.raise_for_status()
    r = http.post(base_url + f"/api/v1/documents/{r.json()['document_id']}/issue", timeout=30)
    r.raise_for_status()
    return r.json()


def bell_count(page) -> str:
    count = page.locator("[data-test=bell-count]")
    return "" if count.is_hidden() else count.inner_text()


def flow(browser, base_url, shots):
    clerk = bf.open_as(browser, base_url, S["school_clerk"])
    clerk.locator(".bell").wait_for()
    assert bell_count(clerk) == "", "no notices yet"

    issued = office_issues(base_url)
    # the bell polls every 30 s and refreshes on every page change: move around until it shows the notice
    for _ in range(60):
        clerk.get_by_role("link", name="Văn bản đến", exact=True).click()
        clerk.get_by_role("link", name="Tổng quan").click()
        try:
            clerk.locator("[data-test=bell-count]", has_text="1").wait_for(timeout=500)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError("the bell never showed the new notice")
    assert "1 chưa đọc" in clerk.locator(".bell").get_attribute("aria-label")
    shots(clerk, "bell-count")

    clerk.locator(".bell").click()
    clerk.get_by_role("heading", name="Thông báo").wait_for()
    row = clerk.locator("#notification-list a.note").first
    assert "urgent" in row.get_attribute("class") and "unread" in row.get_attribute("class")
    shots(clerk, "notification-list")
    row.click()
    clerk.get_by_role("heading", name=issued["symbol"]).wait_for()
    clerk.locator("[data-test=bell-count]").wait_for(state="hidden")
    shots(clerk, "opened-document")
    clerk.locator(".bell").click()
    clerk.locator("#notification-list a.note").first.wait_for()
    assert "unread" not in clerk.locator("#notification-list a.note").first.get_attribute("class")
    clerk.get_by_label("Chỉ thông báo chưa đọc").check()
    clerk.get_by_text("Không có thông báo chưa đọc.").wait_for()

    # preferences: critical kinds locked in the app; no email for arriving documents; quiet hours; digest
    clerk.get_by_role("link", name="Cài đặt thông báo").click()
    clerk.get_by_role("heading", name="Cài đặt thông báo").wait_for()
    critical = clerk.locator("input[data-kind=document_overdue][data-channel=inapp]")
    assert critical.is_checked() and critical.is_disabled()
    clerk.locator("input[data-kind=document_arrived][data-channel=email]").uncheck()
    clerk.get_by_label("Yên lặng từ").fill("21:30")
    clerk.get_by_label("Yên lặng đến").fill("06:30")
    clerk.get_by_label(re.compile("email tổng hợp mỗi ngày")).check()
    clerk.get_by_role("button", name="Lưu cài đặt").click()
    clerk.get_by_text("Đã lưu cài đặt thông báo.").wait_for()
    shots(clerk, "preferences")
    clerk.reload()
    clerk.get_by_role("heading", name="Cài đặt thông báo").wait_for()
    assert not clerk.locator("input[data-kind=document_arrived][data-channel=email]").is_checked()
    assert clerk.locator("input[data-kind=document_arrived][data-channel=inapp]").is_checked()
    assert clerk.get_by_label(re.compile("email tổng hợp mỗi ngày")).is_checked()
    assert clerk.get_by_label("Yên lặng từ").input_value() == "21:30"

    # a paper document arrives as a .docx: the form fills itself, the clerk corrects the summary and registers
    clerk.get_by_role("link", name="Vào sổ VB giấy").click()
    clerk.get_by_role("heading", name="Vào sổ văn bản giấy/ngoài hệ thống").wait_for()
    clerk.get_by_label("Chọn tệp văn bản").set_input_files(str(DOCX))
    clerk.locator("#prefill-status.ok-note").wait_for()
    assert clerk.get_by_label("Số, ký hiệu").input_value() == "18/KH-GDĐT"
    assert clerk.get_by_label("Cơ quan ban hành").input_value() == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    assert clerk.get_by_label("Loại văn bản").input_value() == "KH"
    assert clerk.get_by_label("Ngày ban hành").input_value() == "2025-01-12"
    assert clerk.get_by_label("Trích yếu").input_value() == "Kiểm tra nội bộ trường học năm học 2024-2025"
    assert clerk.get_by_label("Thẩm quyền").input_value() == "KT."
    assert clerk.get_by_label("Chức vụ").input_value() == "PHÓ TRƯỞNG PHÒNG"
    assert clerk.get_by_label("Họ tên").input_value() == "Nguyễn Văn Hà"
    clerk.get_by_label("Trích yếu").fill("Kế hoạch kiểm tra nội bộ trường học năm học 2024-2025")
    shots(clerk, "paper-prefilled")
    clerk.get_by_role("button", name="Vào sổ văn bản đến").click()
    clerk.get_by_role("heading", name="18/KH-GDĐT").wait_for()
    clerk.get_by_text("Kế hoạch kiểm tra nội bộ trường học năm học 2024-2025").first.wait_for()
    clerk.locator("h1 .badge.s03").wait_for()
    clerk.get_by_role("link", name="01_kh_table_standard.docx").wait_for()
    shots(clerk, "paper-registered")

    # the list and the paper page on a phone-width screen
    phone = bf.open_as(browser, base_url, S["school_clerk"], viewport={"width": 390, "height": 844})
    phone.goto(base_url + "/#/thong-bao")
    phone.locator("#notification-list a.note").first.wait_for()
    shots(phone, "phone-notifications")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    phone.goto(base_url + "/#/vao-so")
    phone.get_by_role("heading", name="Vào sổ văn bản giấy/ngoài hệ thống").wait_for()
    shots(phone, "phone-paper")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert not bf.PROBLEMS, bf.PROBLEMS


def main() -> int:
    folder = Path(json.loads(sys.argv[1])["artifacts"])
    for old in folder.glob("n[0-9][0-9]-*.png"):
        old.unlink()
    return bf.run(flow, "notifications", Shots)


S = bf.S

if __name__ == "__main__":
    sys.exit(main())
