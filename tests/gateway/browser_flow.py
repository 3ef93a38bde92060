"""The browser half of test_browser.py, run in its own process: Playwright's
sync API and eventlet's monkey-patching (which the services under test need)
do not share a process safely — after Playwright ran, later greenthread waits
hung. So pytest runs the services, and this script drives Debian's chromium
against them. Usage: python browser_flow.py '<json settings>'; exit 0 = pass."""
import json
import os
import re
import sys
import traceback
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


class Shots:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def __call__(self, page, name):
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)


PROBLEMS: list[str] = []   # console errors (a CSP violation shows up here) and uncaught exceptions


S: dict = {}   # the settings from the command line (filled in place by ``run``; other flows share it)


def open_as(browser, base_url, username, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("console", lambda msg: msg.type == "error" and "status of 401" not in msg.text  # before login
            and PROBLEMS.append(f"{username}: {msg.text}"))
    page.on("pageerror", lambda exc: PROBLEMS.append(f"{username}: {exc}"))
    page.goto(base_url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(S["password"])
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name=re.compile("Xin chào")).wait_for()
    return page


def open_first_inbox_item(page, base_url):
    """The inbox, reloaded until the delivered document shows up."""
    for _ in range(40):
        page.goto(base_url + "/#/den")
        rows = page.locator("#inbox-list a.doc")
        try:
            rows.first.wait_for(timeout=500)
            return rows
        except PlaywrightTimeout:
            continue
    raise AssertionError("the document never reached the inbox")


def flow(browser, base_url, shots):
    plan = Path(S["tmp"]) / "Kế hoạch tuyển sinh 2026.pdf"
    plan.write_bytes(b"%PDF-1.7\n" + os.urandom(2 * 1024 * 1024))

    # the office's văn thư composes and issues
    office = open_as(browser, base_url, S["office_clerk"])
    shots(office, "office-dashboard")
    office.get_by_role("link", name="Soạn văn bản").first.click()
    office.get_by_label("Loại văn bản").select_option("KH")
    office.get_by_label("Độ khẩn").select_option("1")
    office.get_by_label("Trích yếu").fill("Kế hoạch tuyển sinh vào lớp 1 và lớp 6 năm học 2026–2027")
    office.get_by_label("Nội dung").fill("Căn cứ Thông tư 30/2024/TT-BGDĐT, Phòng GD&ĐT hướng dẫn các trường ...")
    office.get_by_label("Thẩm quyền").select_option("KT.")
    office.get_by_label("Chức vụ").fill("PHÓ TRƯỞNG PHÒNG")
    office.get_by_label("Họ tên").fill("Nguyễn Văn Hà")
    office.get_by_role("button", name="Tất cả các trường").click()
    assert office.locator("[data-test=recipient-count]").inner_text() == f"Đã chọn {S['schools']} đơn vị"
    office.get_by_label("Chọn tệp đính kèm").set_input_files(str(plan))
    office.locator("#attachments li[data-attachment]").wait_for()
    shots(office, "office-compose")
    office.get_by_role("button", name="Cấp số và phát hành").click()
    office.get_by_role("heading", name="01/KH-GDĐT").wait_for()
    document_url = office.url
    shots(office, "office-issued")

    # a school's văn thư sees it in the inbox and registers it
    clerk = open_as(browser, base_url, S["school_clerk"])
    rows = open_first_inbox_item(clerk, base_url)
    assert "urgent" in rows.first.get_attribute("class")
    shots(clerk, "school-inbox")
    rows.first.click()
    clerk.get_by_role("button", name="Vào sổ văn bản đến").click()
    clerk.get_by_text("Đã vào sổ văn bản đến.").wait_for()
    clerk.locator("h1 .badge.s03").wait_for()
    shots(clerk, "school-registered")

    # the school's leader assigns it
    leader = open_as(browser, base_url, S["school_leader"])
    open_first_inbox_item(leader, base_url).first.click()
    specialist_name = S["specialist_name"]
    leader.get_by_label("Người chủ trì").select_option(label=_option_label(leader, specialist_name))
    leader.get_by_label("Hạn xử lý").fill("2027-01-15")
    leader.get_by_label("Ý kiến chỉ đạo").fill("Đồng chí chủ trì triển khai, báo cáo trước ngày 15/01.")
    leader.get_by_role("button", name="Phân công").click()
    leader.get_by_text("Đã phân công xử lý.").wait_for()
    shots(leader, "school-assigned")

    # the specialist finds it on the dashboard and completes it
    specialist = open_as(browser, base_url, S["specialist"])
    specialist.get_by_role("heading", name="Việc tôi chủ trì").wait_for()
    shots(specialist, "specialist-dashboard")
    specialist.locator("a.doc").first.click()
    specialist.get_by_role("button", name="Bắt đầu xử lý").click()
    specialist.get_by_text("Đã chuyển sang đang xử lý.").wait_for()
    specialist.get_by_label("Số, ký hiệu văn bản trả lời").fill("15/BC-MNNX")
    specialist.get_by_role("button", name="Hoàn thành").click()
    specialist.get_by_text("Đã hoàn thành xử lý.").wait_for()
    shots(specialist, "specialist-completed")

    # the office sees that school's row turn to "Hoàn thành"
    office.goto(document_url)
    office.reload()
    row = office.locator(f"#tracking tr[data-unit='{S['school_code']}'] td.status")
    row.get_by_text("Hoàn thành").wait_for()
    shots(office, "office-tracking")

    # the office's register of outgoing documents, exported for download
    office.get_by_role("link", name="Sổ văn bản").click()
    office.get_by_label("Loại sổ").select_option("outgoing")
    office.get_by_role("button", name="Xuất sổ").click()
    office.get_by_role("link", name=re.compile(r"Tải so-van-ban-di-\d{4}\.docx")).wait_for()
    shots(office, "office-register-export")

    # the administrator's page: people of a unit, units, the audit log
    admin = open_as(browser, base_url, S["admin"])
    admin.get_by_role("link", name="Quản trị").click()
    admin.get_by_role("heading", name="Nhật ký thao tác gần đây").wait_for()
    admin.get_by_role("cell", name="item.complete").first.wait_for()
    # a webhook to a receiver that is down: the test send says so, the row counts it
    hooks = admin.locator("#webhooks")
    hooks.get_by_label("Tên", exact=True).fill("Bot thử nghiệm")
    hooks.get_by_label("Địa chỉ nhận").fill("http://127.0.0.1:9/hook")
    hooks.get_by_label("Khóa ký").fill("khoa-ky-bi-mat-2026")
    hooks.get_by_label("Văn bản đến đơn vị").check()
    hooks.get_by_role("button", name="Thêm webhook").click()
    row = hooks.get_by_role("row", name=re.compile("Bot thử nghiệm"))
    row.get_by_role("button", name="Gửi thử").click()
    admin.locator("#toast").get_by_text(re.compile("Gửi thử: Lỗi tạm thời, sẽ gửi lại")).wait_for()
    admin.locator("#webhooks").get_by_role("row", name=re.compile("Bot thử nghiệm")).get_by_text("0 / 0 / 1").wait_for()
    shots(admin, "admin")

    # the same inbox on a phone-width screen
    phone = open_as(browser, base_url, S["school_clerk"], viewport={"width": 390, "height": 844})
    open_first_inbox_item(phone, base_url)
    shots(phone, "phone-inbox")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert not PROBLEMS, PROBLEMS


def _option_label(page, name: str) -> str:
    """The lead picker's option for ``name`` (it lists people once they load)."""
    option = page.get_by_label("Người chủ trì").locator("option", has_text=name)
    option.wait_for(state="attached")
    return option.inner_text()


def run(flow, label: str, shots_class=Shots) -> int:
    """Run ``flow(browser, base_url, shots)`` with the JSON settings of argv[1]
    (then in ``S``): 0 when it passes; when it fails, the traceback, what every
    open page showed (failed-*.png) and the console problems."""
    S.clear()
    S.update(json.loads(sys.argv[1]))
    folder = Path(S["artifacts"])
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            flow(browser, S["base_url"], shots_class(folder))
        except Exception:
            traceback.print_exc()
            for n, context in enumerate(browser.contexts):
                for m, page in enumerate(context.pages):
                    page.screenshot(path=str(folder / f"failed-{label}-{n:02d}{m}.png"), full_page=True)
            if PROBLEMS:
                print("console problems:", PROBLEMS)
            return 1
        finally:
            browser.close()
    print(f"{label} flow passed")
    return 0


if __name__ == "__main__":
    sys.exit(run(flow, "documents"))
