"""The meeting's papers as data and as Decree 30 .docx: giấy mời, biên bản,
thông báo kết luận, and the attendance sheet."""
import io
from datetime import date, datetime

from docx import Document as Docx

from services.meetings import paperwork, render
from services.meetings.domain import votes

UNIT = {"code": "000.01.31.H26", "name": "Phòng Giáo dục và Đào tạo quận Đồ Sơn", "short_name": "GDĐT",
        "kind": "office", "superior_name": "UBND QUẬN ĐỒ SƠN", "place": "Đồ Sơn"}
CHAIR = {"full_name": "Nguyễn Văn Hà", "position": "Phó Trưởng phòng"}
SECRETARY = {"full_name": "Vũ Thị Yến", "position": "Chuyên viên"}


def facts(**extra):
    vote = votes.build_spec(votes.YES_NO)
    results = votes.results(vote, {"agree": 2, "disagree": 1, "abstain": 0}, 3, 3, 4)
    base = {
        "title": "Họp giao ban tháng 3/2030", "kind_label": "Họp giao ban", "description": None,
        "starts_at": datetime(2030, 3, 5, 1), "ends_at": datetime(2030, 3, 5, 3), "started_at": datetime(2030, 3, 5, 1, 2),
        "ended_at": datetime(2030, 3, 5, 2, 45), "place": "Phòng họp tầng 2", "online_url": None, "paperless": True,
        "today": date(2030, 3, 1), "unit": UNIT, "chair": CHAIR, "secretary": SECRETARY,
        "invitees": ["Hiệu trưởng các trường mầm non, trường tiểu học", "Đồng chí Lê Minh Lan, Chuyên viên"],
        "agenda": [{"item_id": "i1", "title": "Đánh giá công tác tháng 2", "presenter_name": "Lê Minh Lan",
                    "duration_minutes": 30, "conclusion": "Các trường hoàn thành báo cáo trước ngày 10/3.",
                    "materials": ["Báo cáo tháng 2 (phiên bản 2)"],
                    "speakers": [{"full_name": "Trần Thu Hà", "seconds": 200}],
                    "votes": [{"question": "Thông qua kế hoạch tháng 3", "secret": True, "results": results}]}],
        "recipient_names": ["Trường Mầm non Ngọc Xuyên", "Trường Tiểu học Ngọc Hải"],
        "participants": [
            {"full_name": "Nguyễn Văn Hà", "position": "Phó Trưởng phòng", "unit_name": UNIT["name"], "role": "chair",
             "checked_in_at": datetime(2030, 3, 5, 0, 55), "late": False},
            {"full_name": "Trần Thu Hà", "position": "Hiệu trưởng", "unit_name": "Trường Mầm non Ngọc Xuyên",
             "role": "member", "checked_in_at": datetime(2030, 3, 5, 1, 15), "late": True, "minutes_late": 15},
            {"full_name": "Phạm Đức Nam", "position": "Hiệu trưởng", "unit_name": "Trường Tiểu học Ngọc Hải",
             "role": "member", "checked_in_at": None, "absence": "Đi công tác"}],
        "delegations": [{"member_name": "Bùi Thanh Long", "delegate_name": "Đỗ Quang Mai"}],
        "attendance": {"expected": 4, "present": 3, "present_in_person": 2, "represented": 1, "absent": 1, "late": 1},
        "quorum": {"rule": "majority", "rule_label": "Quá nửa tổng số đại biểu", "total_seats": 4, "present_seats": 3,
                   "required": 3, "reached": True},
        "opinions": [{"title": "Dự thảo quy chế", "answered": 2, "expected": 3, "agree": 1}],
    }
    return {**base, **extra}


def paragraphs(data: bytes) -> list[str]:
    doc = Docx(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells]
    return texts


def test_summaries_read_naturally():
    assert paperwork.invitation_summary("Họp giao ban tháng 3") == "Mời dự họp giao ban tháng 3"
    assert paperwork.invitation_summary("Triển khai năm học mới") == "Mời họp triển khai năm học mới"
    assert paperwork.notice_summary("Họp giao ban tháng 3", CHAIR) == \
        "Kết luận của Phó Trưởng phòng Nguyễn Văn Hà tại họp giao ban tháng 3"
    assert paperwork.signer(CHAIR)["authority"] == "KT."
    assert paperwork.signer({"full_name": "A", "position": "Trưởng phòng"})["authority"] == ""


def test_invitees_are_described_from_how_they_were_named():
    units = {"U": {"name": "Trường THCS Ngọc Hải", "kind": "THCS"}}
    users = {"u1": {"full_name": "Lê Lan", "position": "Chuyên viên", "unit_code": "U"}}
    assert paperwork.describe_ref({"unit_kinds": ["MN", "THCS"], "role": "lanh_dao"}, users, units) == \
        "Hiệu trưởng các trường mầm non, trường THCS"
    assert paperwork.describe_ref({"unit_code": "U"}, users, units) == "Hiệu trưởng Trường THCS Ngọc Hải"
    assert paperwork.describe_ref({"unit_code": "U", "role": "van_thu"}, users, units) == "Văn thư Trường THCS Ngọc Hải"
    assert paperwork.describe_ref({"user_id": "u1"}, users, units) == "Đồng chí Lê Lan, Chuyên viên, Trường THCS Ngọc Hải"


def test_the_invitation_renders_in_the_decree_30_layout():
    f = facts()
    draft = paperwork.invitation_draft(f, ["000.11.31.H26"])
    assert draft["type_code"] == "GM" and draft["summary"] == "Mời dự họp giao ban tháng 3/2030"
    assert draft["signer"] == {"authority": "KT.", "position": "Phó Trưởng phòng", "full_name": "Nguyễn Văn Hà"}
    texts = paragraphs(render.official(paperwork.invitation_spec(f)))
    joined = "\n".join(texts)
    assert "GIẤY MỜI" in texts and "Mời dự họp giao ban tháng 3/2030" in texts
    assert "Thời gian: 08 giờ 00 phút, thứ Ba, ngày 05/03/2030." in texts
    assert "Địa điểm: Phòng họp tầng 2." in texts
    assert "1. Đánh giá công tác tháng 2 (Lê Minh Lan, 30 phút)." in texts
    assert "- Hiệu trưởng các trường mầm non, trường tiểu học;" in texts
    assert "KT. TRƯỞNG PHÒNG" in joined and "Số:       /GM-GDĐT" in joined


def test_the_minutes_record_attendance_items_speakers_votes_and_conclusions():
    texts = paragraphs(render.official(paperwork.minutes_spec(facts())))
    joined = "\n".join(texts)
    assert "BIÊN BẢN" in texts and "Họp giao ban tháng 3/2030" in texts
    assert "I. THÀNH PHẦN THAM DỰ" in texts and "II. NỘI DUNG CUỘC HỌP" in texts
    assert ("Tổng số đại biểu được triệu tập: 4; có mặt: 2; dự thay theo ủy quyền: 1; vắng mặt: 1; "
            "đến muộn: 1.") in texts
    assert "Cuộc họp đủ số lượng đại biểu theo quy định (quá nửa tổng số đại biểu: từ 3 đại biểu)." in joined
    assert "- Trần Thu Hà, Hiệu trưởng, Trường Mầm non Ngọc Xuyên (đại biểu), đến muộn 15 phút;" in texts
    assert "- Đỗ Quang Mai dự thay Bùi Thanh Long;" in texts
    assert "- Phạm Đức Nam, Hiệu trưởng, Trường Tiểu học Ngọc Hải: Đi công tác;" in texts
    assert "Ý kiến phát biểu: Trần Thu Hà (3 phút 20 giây)." in texts
    assert any(t.startswith("Biểu quyết (bỏ phiếu kín): Thông qua kế hoạch tháng 3 — Tán thành: 2/3") for t in texts)
    assert "Kết luận: Các trường hoàn thành báo cáo trước ngày 10/3." in texts
    assert "- Dự thảo quy chế: 2/3 ý kiến, 1 đồng ý;" in texts
    assert "Cuộc họp kết thúc lúc 09 giờ 45 phút cùng ngày." in texts
    assert "THƯ KÝ" in joined and "CHỦ TRÌ" in joined and "Vũ Thị Yến" in joined


def test_the_conclusion_notice_lists_conclusions_and_passed_votes():
    f = facts()
    texts = paragraphs(render.official(paperwork.notice_spec(f)))
    assert "THÔNG BÁO" in texts
    assert any(t.startswith("1. Đánh giá công tác tháng 2: Các trường hoàn thành báo cáo trước ngày 10/3. "
                            "Nội dung “Thông qua kế hoạch tháng 3” đã được biểu quyết thông qua.") for t in texts)
    assert "- Trường Mầm non Ngọc Xuyên;" in "\n".join(texts)
    assert paperwork.notice_draft(f, ["X"])["type_code"] == "TB"


def test_attendance_sheet_is_a_table_with_a_row_per_person():
    rows = [{"full_name": "Nguyễn Văn Hà", "position": "Phó Trưởng phòng", "unit_name": "Phòng GD&ĐT",
             "role": "chair", "checked_in_at": datetime(2030, 3, 5, 0, 55), "note": ""},
            {"full_name": "Phạm Đức Nam", "position": "Hiệu trưởng", "unit_name": "Trường TH Ngọc Hải",
             "role": "member", "checked_in_at": None, "note": "Vắng: Đi công tác"}]
    doc = Docx(io.BytesIO(render.attendance_sheet("Họp giao ban", "Phòng GD&ĐT", datetime(2030, 3, 5, 1),
                                                  "Phòng họp", rows)))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(render.SHEET_COLUMNS)
    assert [c.text for c in table.rows[1].cells] == ["1", "Nguyễn Văn Hà", "Phó Trưởng phòng", "Phòng GD&ĐT",
                                                     "Chủ trì", "07:55", ""]
    assert table.rows[2].cells[6].text == "Vắng: Đi công tác"
    assert "DANH SÁCH ĐẠI BIỂU DỰ HỌP" in [p.text for p in doc.paragraphs]


def test_generated_file_names_carry_no_path_characters():
    assert render.docx_name("Giấy mời", "Họp giao ban tháng 11/2025") == "Giấy mời - Họp giao ban tháng 11-2025.docx"
    assert len(render.docx_name("Biên bản", "x" * 400)) == 155
