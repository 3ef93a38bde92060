"""The browser half of test_meetings_browser.py (see browser_flow.py for why it
is a child process). The chair schedules a meeting of all principals in the web
form and sends the invitations; one principal delegates to a teacher of their
school; the chair starts the meeting in the live room; three principals and the
delegate check in on their own pages; the chair opens a vote; each votes on
their own page, which shows the ballot without being reloaded; the chair closes
it and every page — also the principal who delegated — shows the same counts.
Usage: python meetings_flow.py '<json settings>'; exit 0 = pass."""
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from playwright.sync_api import expect

import browser_flow as bf   # this folder is on sys.path: the script runs from it

VN = timezone(timedelta(hours=7))
QUESTION = "Thông qua báo cáo công tác tháng 2"


class Shots(bf.Shots):
    def __call__(self, page, name):
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)


def local(dt: datetime) -> str:
    return dt.astimezone(VN).strftime("%Y-%m-%dT%H:%M")


def counts(page) -> dict:
    """Option label -> count, as the results table shows them."""
    table = page.locator("[data-test=vote-results] tbody tr")
    table.first.wait_for()
    out = {}
    for i in range(table.count()):
        row = table.nth(i)
        out[row.get_attribute("data-option")] = int(row.locator("[data-test=count]").inner_text())
    return out


def open_room(page, base_url, meeting_id):
    page.goto(f"{base_url}/#/hop/{meeting_id}/phong")
    page.locator("[data-test=room-status]").get_by_text(re.compile("túc số")).wait_for()


def flow(browser, base_url, shots):
    chair = bf.open_as(browser, base_url, S["chair"])
    chair.get_by_role("link", name="Cuộc họp", exact=True).click()
    chair.get_by_role("heading", name="Cuộc họp", exact=True).wait_for()
    shots(chair, "chair-meetings")

    # ---- the chair schedules a meeting of every principal, in the form
    chair.get_by_role("link", name="Lên lịch họp").click()
    chair.get_by_role("heading", name="Lên lịch họp").wait_for()
    start = datetime.now(timezone.utc) + timedelta(minutes=10)
    chair.get_by_label("Tên cuộc họp").fill("Họp giao ban hiệu trưởng tháng 3")
    chair.get_by_label("Loại cuộc họp").select_option("giao_ban")
    chair.get_by_label("Bắt đầu").fill(local(start))
    chair.get_by_label("Kết thúc").fill(local(start + timedelta(hours=2)))
    chair.get_by_label("Địa điểm").fill("Phòng họp tầng 2, Phòng GD&ĐT")
    chair.get_by_label("Thư ký").select_option(S["secretary_id"])
    chair.get_by_role("button", name="Tất cả hiệu trưởng các trường").first.click()
    expect(chair.locator("[data-test=member-list]")).to_contain_text("Hiệu trưởng tất cả các trường")
    chair.locator("[name=agenda_title]").first.fill("Báo cáo công tác tháng 2")
    shots(chair, "chair-schedule-form")
    chair.get_by_role("button", name="Lên lịch họp").click()
    chair.get_by_role("heading", name="Họp giao ban hiệu trưởng tháng 3").wait_for()
    meeting_id = chair.url.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{32}", meeting_id), chair.url
    # every principal is listed by name, with the quorum
    participants = chair.locator("#participants tbody tr")
    expect(participants).to_have_count(2 + S["principals"])
    expect(chair.locator("#participants")).to_contain_text(S["delegating_name"])
    chair.get_by_role("button", name="Gửi giấy mời").click()
    chair.get_by_text("Đã phát hành giấy mời.").wait_for()
    chair.get_by_role("link", name=re.compile(r"Giấy mời \d+.GM-")).wait_for()
    shots(chair, "chair-meeting-invited")

    # ---- a principal who cannot come authorises a teacher of their school
    absent = bf.open_as(browser, base_url, S["delegating"])
    absent.goto(f"{base_url}/#/hop/{meeting_id}")
    absent.get_by_role("heading", name="Tham dự của tôi").wait_for()
    absent.get_by_role("button", name="Ủy quyền…").click()
    absent.get_by_label("Đơn vị người nhận ủy quyền").select_option(S["delegating_unit"])
    person = absent.get_by_label("Người nhận ủy quyền", exact=True)
    person.locator(f"option[value='{S['delegate_id']}']").wait_for(state="attached")
    person.select_option(S["delegate_id"])
    absent.get_by_label("Lý do", exact=True).fill("Trùng lịch tiếp đoàn kiểm tra của Sở")
    absent.get_by_role("button", name="Xác nhận ủy quyền").click()
    absent.get_by_text(f"Bạn đã ủy quyền cho {S['delegate_name']} dự họp thay.").wait_for()
    shots(absent, "principal-delegated")

    # ---- the chair starts the meeting in the live room and checks in
    chair.get_by_role("link", name="Vào phòng họp").click()
    chair.get_by_role("button", name="Bắt đầu họp").click()
    chair.get_by_text("Cuộc họp đã bắt đầu.").wait_for()
    chair.get_by_role("button", name="Điểm danh").click()
    chair.locator("[data-test=me-present]").wait_for()

    # ---- three principals and the delegate open the room on their own pages and check in
    voters = {}
    for key in ("member1", "member2", "member3", "delegate"):
        page = bf.open_as(browser, base_url, S[key])
        open_room(page, base_url, meeting_id)
        page.get_by_role("button", name="Điểm danh").click()
        page.locator("[data-test=me-present]").wait_for()
        voters[key] = page
    expect(voters["delegate"].locator("[data-test=room-status]")).to_contain_text(f"Thay mặt: {S['delegating_name']}")
    open_room(absent, base_url, meeting_id)
    expect(chair.locator("[data-test=quorum]")).to_contain_text(f"Đủ túc số: 5/{S['principals'] + 1}")
    shots(chair, "chair-room-quorum")

    # ---- the chair opens a vote; the voters' pages show the ballot without a reload
    chair.get_by_label("Nội dung biểu quyết").fill(QUESTION)
    chair.get_by_role("button", name="Mở biểu quyết").click()
    chair.get_by_text("Đã mở biểu quyết.").wait_for()
    choices = {"member1": "Tán thành", "member2": "Tán thành", "member3": "Không tán thành", "delegate": "Tán thành"}
    for key, page in voters.items():
        page.locator("[data-test=vote-question]", has_text=QUESTION).wait_for()
        page.get_by_role("button", name=choices[key], exact=True).click()
        page.locator("[data-test=voted]").wait_for()
    expect(voters["delegate"].locator("[data-test=voted]")).to_have_text(f"Đã biểu quyết thay {S['delegating_name']}.")
    shots(voters["delegate"], "delegate-voted")
    expect(absent.locator("#vote")).to_contain_text("Bạn đã ủy quyền biểu quyết cho người khác.")
    expect(chair.locator("[data-test=ballot-count]")).to_contain_text("Đã nhận 4/5 phiếu")
    shots(chair, "chair-vote-open")

    # ---- the chair closes it: everyone sees the same published result
    chair.get_by_role("button", name="Kết thúc biểu quyết").click()
    chair.get_by_text("Đã kết thúc biểu quyết và công bố kết quả.").wait_for()
    expected = {"agree": 3, "disagree": 1, "abstain": 0}
    pages = {"chair": chair, **voters, "delegating": absent}
    for key, page in pages.items():
        page.locator("[data-test=vote-results]").wait_for()
        assert counts(page) == expected, (key, counts(page))
        expect(page.locator("[data-test=verdict]")).to_have_text("Thông qua")
        shots(page, f"{key}-result")

    # ---- the same room on a phone-width screen
    phone = bf.open_as(browser, base_url, S["member1"], viewport={"width": 390, "height": 844})
    open_room(phone, base_url, meeting_id)
    phone.locator("[data-test=vote-results]").wait_for()
    assert counts(phone) == expected
    shots(phone, "phone-room")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    # ---- back on the detail page the vote is listed with its result; the list and calendar show the meeting
    chair.get_by_role("link", name="Chi tiết cuộc họp").click()
    expect(chair.locator("#votes")).to_contain_text(QUESTION)
    chair.get_by_role("link", name="‹ Danh sách").click()
    chair.locator(f"#meeting-list a[data-meeting='{meeting_id}']").wait_for()
    chair.get_by_role("tab", name="Lịch tuần").click()
    chair.locator("#meeting-calendar .cal-item", has_text="Họp giao ban hiệu trưởng tháng 3").first.wait_for()
    shots(chair, "chair-calendar")
    with chair.expect_download() as download:
        chair.get_by_role("link", name="Tải lịch (.ics)").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "lich-hop.ics"
    assert f"UID:{meeting_id}@eoffice" in ics and "BEGIN:VCALENDAR" in ics, ics[:500]

    # ---- the secretary submits a material (approved as a secretary's); the room shows it without a reload
    secretary = bf.open_as(browser, base_url, S["secretary"])
    secretary.goto(f"{base_url}/#/hop/{meeting_id}")
    secretary.get_by_role("heading", name="Chương trình họp").wait_for()
    report = Path(S["tmp"]) / "Báo cáo công tác tháng 2.pdf"
    report.write_bytes(b"%PDF-1.7\n" + os.urandom(300 * 1024))
    secretary.get_by_label("Nộp tài liệu cho “Báo cáo công tác tháng 2”").set_input_files(str(report))
    secretary.get_by_text("Đã nộp tài liệu.").wait_for()
    secretary.locator("#agenda li[data-material]").wait_for()
    shots(secretary, "secretary-material")
    member = voters["member1"]
    member.locator(".room-item a", has_text="Báo cáo công tác tháng 2").wait_for()

    # ---- a principal asks to speak; the chair gives and ends the floor
    member.get_by_role("button", name="Đăng ký phát biểu").click()
    member.get_by_text("Đã đăng ký phát biểu.").wait_for()
    chair.goto(f"{base_url}/#/hop/{meeting_id}/phong")
    chair.locator("#speakers li[data-speaker]", has_text=S["member1_name"]).wait_for()
    chair.get_by_role("button", name="Bắt đầu", exact=True).click()
    member.locator(".speaking-now", has_text=S["member1_name"]).wait_for()
    shots(member, "member-speaking")
    chair.get_by_role("button", name="Dừng phát biểu").click()
    chair.locator("#speakers li.s-done").wait_for()

    # ---- the chair ends the meeting; the secretary records the conclusion and the minutes; the chair approves
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.get_by_role("button", name="Kết thúc họp").click()
    chair.locator(".room-notice", has_text="Cuộc họp đã kết thúc.").wait_for()
    member.locator(".room-notice", has_text="Cuộc họp đã kết thúc.").wait_for()
    secretary.reload()
    secretary.get_by_label("Kết luận nội dung “Báo cáo công tác tháng 2”").fill(
        "Thống nhất thông qua báo cáo; các trường hoàn thành số liệu trước ngày 25.")
    secretary.get_by_role("button", name="Lưu kết luận").click()
    secretary.get_by_text("Đã lưu kết luận.").wait_for()
    secretary.get_by_role("button", name="Lập biên bản").click()
    secretary.get_by_text("Đã lập biên bản và thông báo kết luận.").wait_for()
    shots(secretary, "secretary-minutes")
    chair.goto(f"{base_url}/#/hop/{meeting_id}")
    chair.get_by_role("button", name="Duyệt biên bản, ban hành thông báo").click()
    chair.get_by_text("Đã ban hành thông báo kết luận.").wait_for()
    expect(chair.locator(".heading-row .badge")).to_have_text("Đã ban hành kết luận")
    member.goto(f"{base_url}/#/hop/{meeting_id}")
    member.get_by_role("link", name="Biên bản (lần 1)").wait_for()
    member.get_by_role("link", name=re.compile(r"Thông báo kết luận \d+.TB-")).wait_for()
    shots(member, "member-published")
    assert not bf.PROBLEMS, bf.PROBLEMS


S = bf.S

if __name__ == "__main__":
    sys.exit(bf.run(flow, "meetings", Shots))
