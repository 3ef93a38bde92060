"""Build the extraction corpus: .docx files laid out the ways people write them
(tables or tab-separated paragraphs, soft line breaks, NFD, no diacritics,
case and spacing noise), each with the JSON a clerk would register from it.

The expected JSON is written by hand below, not computed by the extractor.
Run: python -m tests.formats.make_corpus  (rewrites tests/formats/corpus/)
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from services.documents.formats.extract import empty_result
from services.documents.formats.render import render_docx

CORPUS = Path(__file__).parent / "corpus"
CENTER, JUSTIFY, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT

TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# ---------------------------------------------------------------- builders
class Page:
    """A hand-made document; ``t`` transforms every string (NFD, ...)."""

    def __init__(self, t=lambda s: s):
        self.doc = Docx()
        self.t = t

    def p(self, text="", bold=None, align=None, into=None, runs=None):
        target = into if into is not None else self.doc
        para = target.add_paragraph()
        para.alignment = align
        for run_text, run_bold in (runs or [(text, bold)]):
            run = para.add_run(self.t(run_text))
            run.bold = run_bold
        return para

    def table(self, left: list, right: list):
        """A two-column row; items are text or (text, bold) or (text, bold, align)."""
        table = self.doc.add_table(rows=1, cols=2)
        for cell, items in zip(table.rows[0].cells, (left, right)):
            cell._tc.remove(cell.paragraphs[0]._p)
            for item in items or [""]:
                text, bold, align = (item, None, CENTER) if isinstance(item, str) else (*item, CENTER)[:3]
                self.p(text, bold, align, into=cell)
        return table

    def save(self, path: Path):
        self.doc.save(path)


def header(page, left, right):
    page.table(left, right)


def body(page, *paragraphs):
    for text in paragraphs:
        page.p(text, align=JUSTIFY)


def title(page, *lines):
    for i, line in enumerate(lines):
        page.p(line, bold=True, align=CENTER)


NFD = lambda s: unicodedata.normalize("NFD", s)   # noqa: E731


# ---------------------------------------------------------------- cases
CASES: list[tuple[str, callable, dict]] = []


def case(name, expect):
    def register(build):
        CASES.append((name, build, expect))
        return build
    return register


SIGNER_KT = {"authority": "KT.", "on_behalf_of": "TRƯỞNG PHÒNG", "position": "PHÓ TRƯỞNG PHÒNG",
             "full_name": "Nguyễn Văn Hà"}


@case("01_kh_table_standard", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 18,
    "symbol": "18/KH-GDĐT", "notation": "KH-GDĐT", "type_code": "KH", "type_name": "Kế hoạch",
    "summary": "Kiểm tra nội bộ trường học năm học 2024-2025", "place": "Đồ Sơn", "date": "2025-01-12",
    "signer": SIGNER_KT, "recipients": ["Sở GD&ĐT (để b/c)", "Các trường trực thuộc", "Lãnh đạo Phòng"],
    "archive": "VT, KHTC"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 18/KH-GDĐT"],
           [(TITLE, True), (MOTTO, True), "", "Đồ Sơn, ngày 12 tháng 01 năm 2025"])
    title(page, "KẾ HOẠCH", "Kiểm tra nội bộ trường học năm học 2024-2025")
    body(page, "Căn cứ Công văn số 1205/SGDĐT-KT ngày 20/9/2024 của Sở Giáo dục và Đào tạo;",
         "I. MỤC ĐÍCH, YÊU CẦU", "Đánh giá đúng thực trạng công tác quản lý của các trường.")
    page.table([("Nơi nhận:", True), "- Sở GD&ĐT (để b/c);", "- Các trường trực thuộc;", "- Lãnh đạo Phòng;",
                "- Lưu: VT, KHTC."],
               [("KT. TRƯỞNG PHÒNG", True), ("PHÓ TRƯỞNG PHÒNG", True), "", "", ("Nguyễn Văn Hà", True)])


@case("02_cv_ampersand_spaces", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GD&ĐT", "number": 18,
    "symbol": "18/GD&ĐT-TCCB", "notation": "GD&ĐT-TCCB", "type_code": "CV", "type_name": "Công văn",
    "summary": "cử cán bộ tham dự tập huấn chuyển đổi số năm 2025", "place": "Đồ Sơn", "date": "2025-02-03",
    "addressees": ["Hiệu trưởng các trường THCS trên địa bàn quận"],
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Lê Thị Mai"},
    "recipients": ["Như trên"], "archive": "VT, TCCB"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GD&ĐT", True), "Số:18 /GD&ĐT-TCCB",
                  "V/v cử cán bộ tham dự tập huấn", "chuyển đổi số năm 2025"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 03 tháng 02 năm 2025"])
    page.p("Kính gửi: Hiệu trưởng các trường THCS trên địa bàn quận.", align=CENTER)
    body(page, "Thực hiện Kế hoạch số 12/KH-SGDĐT của Sở Giáo dục và Đào tạo về chuyển đổi số, Phòng Giáo dục "
               "và Đào tạo đề nghị các trường cử cán bộ tham dự.", "Trân trọng./.")
    page.table([("Nơi nhận:", True), "- Như trên;", "- Lưu: VT, TCCB."],
               [("TRƯỞNG PHÒNG", True), "(Đã ký)", ("Lê Thị Mai", True)])


@case("03_qd_ubnd_extra_spaces", {
    "superior_unit": None, "issuing_unit": "ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN", "number": 5,
    "symbol": "05/QĐ-UBND", "notation": "QĐ-UBND", "type_code": "QĐ", "type_name": "Quyết định",
    "summary": "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số quận Đồ Sơn", "place": "Đồ Sơn",
    "date": "2025-01-06",
    "signer": {"authority": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
               "full_name": "Phạm Minh Đức"},
    "recipients": ["Như Điều 3", "TT Quận ủy, TT HĐND quận"], "archive": "VT"})
def _(page):
    header(page, [("ỦY BAN NHÂN DÂN", True), ("QUẬN ĐỒ SƠN", True), "Số : 05 / QĐ - UBND"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 06 tháng 01 năm 2025"])
    title(page, "QUYẾT ĐỊNH", "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số quận Đồ Sơn")
    page.p("ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN", bold=True, align=CENTER)
    body(page, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    page.p("QUYẾT ĐỊNH:", bold=True, align=CENTER)
    body(page, "Điều 1. Kiện toàn Ban Chỉ đạo chuyển đổi số quận.", "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    page.table([("Nơi nhận:", True), "- Như Điều 3;", "- TT Quận ủy, TT HĐND quận;", "- Lưu: VT."],
               [("TM. ỦY BAN NHÂN DÂN", True), ("CHỦ TỊCH", True), "", "", ("Phạm Minh Đức", True)])


def _tabs_page(page, lines):
    for text, bold, align in lines:
        page.p(text, bold=bold, align=align)


@case("04_tb_paragraph_tabs", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GD&ĐT", "number": 12,
    "symbol": "12/TB-GD&ĐT", "notation": "TB-GD&ĐT", "type_code": "TB", "type_name": "Thông báo",
    "summary": "Lịch công tác tháng 3 năm 2025", "place": "Đồ Sơn", "date": "2025-03-03",
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Trần Văn Nam"},
    "recipients": ["Các trường MN, TH, THCS", "Website Phòng"], "archive": "VT"})
def _(page):
    _tabs_page(page, [
        ("UBND QUẬN ĐỒ SƠN\t\t" + TITLE, None, None),
        ("PHÒNG GD&ĐT\t\t\t" + MOTTO, True, None),
        ("Số: 12/TB-GD&ĐT\t\tĐồ Sơn, ngày 3 tháng 3 năm 2025", None, None),
        ("THÔNG BÁO", True, CENTER), ("Lịch công tác tháng 3 năm 2025", True, CENTER),
        ("Phòng Giáo dục và Đào tạo thông báo lịch công tác tháng 3 năm 2025 như sau:", None, JUSTIFY),
        ("- Ngày 05/3: họp giao ban hiệu trưởng.", None, JUSTIFY),
        ("Nơi nhận:\t\t\t\tTRƯỞNG PHÒNG", True, None),
        ("- Các trường MN, TH, THCS;", None, None),
        ("- Website Phòng;\t\t\t\t(Đã ký)", None, None),
        ("- Lưu: VT.", None, None),
        ("\t\t\t\t\tTrần Văn Nam", True, None),
    ])


@case("05_bc_nfd_school", {
    "superior_unit": "PHÒNG GD&ĐT QUẬN ĐỒ SƠN", "issuing_unit": "TRƯỜNG THCS NGỌC XUYÊN", "number": 27,
    "symbol": "27/BC-THCSNX", "notation": "BC-THCSNX", "type_code": "BC", "type_name": "Báo cáo",
    "summary": "Kết quả thực hiện nhiệm vụ học kỳ I năm học 2024-2025", "place": "Đồ Sơn",
    "date": "2025-01-15",
    "signer": {"authority": "", "on_behalf_of": None, "position": "HIỆU TRƯỞNG", "full_name": "Đỗ Thị Hương"},
    "recipients": ["Phòng GD&ĐT (để b/c)"], "archive": "VT"})
def _(page):
    page.t = NFD
    header(page, [("PHÒNG GD&ĐT QUẬN ĐỒ SƠN", False), ("TRƯỜNG THCS NGỌC XUYÊN", True), "Số: 27/BC-THCSNX"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 15 tháng 01 năm 2025"])
    title(page, "BÁO CÁO", "Kết quả thực hiện nhiệm vụ học kỳ I năm học 2024-2025")
    body(page, "Thực hiện Công văn số 45/GDĐT-GDTrH của Phòng Giáo dục và Đào tạo, nhà trường báo cáo như sau:")
    page.table([("Nơi nhận:", True), "- Phòng GD&ĐT (để b/c);", "- Lưu: VT."],
               [("HIỆU TRƯỞNG", True), "", ("Đỗ Thị Hương", True)])


@case("06_gm_no_diacritics", {
    "superior_unit": "UBND QUAN DO SON", "issuing_unit": "PHONG GIAO DUC VA DAO TAO", "number": 7,
    "symbol": "07/GM-GDDT", "notation": "GM-GDDT", "type_code": "GM", "type_name": "Giấy mời",
    "summary": "Du hoi nghi tong ket nam hoc 2024-2025", "place": "Do Son", "date": "2025-01-12",
    "signer": {"authority": "KT.", "on_behalf_of": "TRUONG PHONG", "position": "PHO TRUONG PHONG",
               "full_name": "Pham Thi Lan"},
    "recipients": ["Nhu tren"], "archive": "VT"})
def _(page):
    header(page, [("UBND QUAN DO SON", False), ("PHONG GIAO DUC VA DAO TAO", True), "So: 07/GM-GDDT"],
           [("CONG HOA XA HOI CHU NGHIA VIET NAM", True),
            ("Doc lap - Tu do - Hanh phuc", True), "Do Son, ngay 12 thang 01 nam 2025"])
    title(page, "GIAY MOI", "Du hoi nghi tong ket nam hoc 2024-2025")
    body(page, "Phong Giao duc va Dao tao tran trong kinh moi dai dien lanh dao cac truong du hoi nghi.")
    page.table([("Noi nhan:", True), "- Nhu tren;", "- Luu: VT."],
               [("KT. TRUONG PHONG", True), ("PHO TRUONG PHONG", True), "", ("Pham Thi Lan", True)])


@case("07_bb_two_signers", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 2,
    "symbol": "02/BB-GDĐT", "notation": "BB-GDĐT", "type_code": "BB", "type_name": "Biên bản",
    "summary": "Họp giao ban hiệu trưởng tháng 01 năm 2025", "place": "Đồ Sơn", "date": "2025-01-15",
    "signer": {"authority": "", "on_behalf_of": None, "position": "CHỦ TRÌ", "full_name": "Trần Văn Nam"}})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 02/BB-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 15 tháng 01 năm 2025"])
    title(page, "BIÊN BẢN", "Họp giao ban hiệu trưởng tháng 01 năm 2025")
    body(page, "Hôm nay, vào lúc 8 giờ 00 ngày 14 tháng 01 năm 2025, tại phòng họp Phòng Giáo dục và Đào tạo.",
         "Cuộc họp kết thúc lúc 11 giờ 00 cùng ngày./.")
    page.table([("THƯ KÝ", True), "", "", ("Vũ Thị Yến", True)], [("CHỦ TRÌ", True), "", "", ("Trần Văn Nam", True)])


@case("08_kh_lower_case", {
    "superior_unit": "Ubnd quận Đồ Sơn", "issuing_unit": "Phòng Giáo dục và Đào tạo", "number": 18,
    "symbol": "18/KH-GDĐT", "notation": "KH-GDĐT", "type_code": "KH", "type_name": "Kế hoạch",
    "summary": "Tổ chức Hội khỏe Phù Đổng cấp quận năm 2025", "place": "Đồ Sơn", "date": "2025-04-02",
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Lê Thị Mai"},
    "recipients": ["Các trường trực thuộc"], "archive": "vt, khtc"})
def _(page):
    header(page, [("Ubnd quận Đồ Sơn", False), ("Phòng Giáo dục và Đào tạo", True), "số: 18/kh-gdđt"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 02 tháng 4 năm 2025"])
    title(page, "KẾ HOẠCH", "Tổ chức Hội khỏe Phù Đổng cấp quận năm 2025")
    body(page, "Căn cứ kế hoạch năm học, Phòng xây dựng kế hoạch tổ chức Hội khỏe Phù Đổng như sau.")
    page.table([("nơi nhận:", True), "- Các trường trực thuộc;", "- lưu: vt, khtc."],
               [("TRƯỞNG PHÒNG", True), "", ("Lê Thị Mai", True)])


@case("09_cv_hoatoc_mat_list", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 123,
    "symbol": "123/GDĐT-VP", "notation": "GDĐT-VP", "type_code": "CV", "type_name": "Công văn",
    "summary": "phòng, chống bão số 3", "place": "Đồ Sơn", "date": "2024-09-06",
    "urgency": 3, "urgency_label": "Hỏa tốc", "confidentiality": 1, "confidentiality_label": "Mật",
    "addressees": ["Hiệu trưởng các trường MN, TH, THCS", "Các tổ chuyên môn Phòng"],
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Trần Văn Nam"},
    "recipients": ["Như trên", "UBND quận (để b/c)"], "archive": "VT, VP"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 123/GDĐT-VP",
                  "V/v phòng, chống bão số 3", ("MẬT", True), ("HỎA TỐC", True)],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 06 tháng 9 năm 2024"])
    page.p("Kính gửi:", align=CENTER)
    page.p("- Hiệu trưởng các trường MN, TH, THCS;")
    page.p("- Các tổ chuyên môn Phòng.")
    body(page, "Thực hiện Công điện của UBND quận về việc chủ động ứng phó với bão số 3, Phòng đề nghị ...")
    page.table([("Nơi nhận:", True), "- Như trên;", "- UBND quận (để b/c);", "- Lưu: VT, VP."],
               [("TRƯỞNG PHÒNG", True), "", ("Trần Văn Nam", True)])


@case("10_draft_unnumbered", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": None,
    "symbol": None, "notation": "KH-GDĐT", "type_code": "KH", "type_name": "Kế hoạch",
    "summary": "Bồi dưỡng thường xuyên giáo viên năm 2025", "place": "Đồ Sơn", "date": None,
    "signer": SIGNER_KT, "recipients": ["Các trường"], "archive": "VT, GDTrH"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số:        /KH-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày      tháng 01 năm 2025"])
    title(page, "KẾ HOẠCH", "Bồi dưỡng thường xuyên giáo viên năm 2025")
    body(page, "Căn cứ Thông tư số 17/2019/TT-BGDĐT, Phòng xây dựng kế hoạch như sau.")
    page.table([("Nơi nhận:", True), "- Các trường;", "- Lưu: VT, GDTrH."],
               [("KT. TRƯỞNG PHÒNG", True), ("PHÓ TRƯỞNG PHÒNG", True), "", ("Nguyễn Văn Hà", True)])


@case("11_ttr_soft_breaks", {
    "superior_unit": "PHÒNG GD&ĐT ĐỒ SƠN", "issuing_unit": "TRƯỜNG TIỂU HỌC VẠN HƯƠNG", "number": 9,
    "symbol": "09/TTr-THVH", "notation": "TTr-THVH", "type_code": "TTr", "type_name": "Tờ trình",
    "summary": "Đề nghị sửa chữa phòng học khu B", "place": "Vạn Hương", "date": "2025-05-20",
    "signer": {"authority": "", "on_behalf_of": None, "position": "HIỆU TRƯỞNG", "full_name": "Bùi Thanh Long"},
    "recipients": ["Phòng GD&ĐT", "UBND phường Vạn Hương"], "archive": "VT"})
def _(page):
    table = page.doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    for text, bold in (("PHÒNG GD&ĐT ĐỒ SƠN\n", False), ("TRƯỜNG TIỂU HỌC VẠN HƯƠNG\n", True),
                       ("Số: 09/TTr-THVH", False)):
        left.paragraphs[0].add_run(text).bold = bold
    right.paragraphs[0].add_run(f"{TITLE}\n{MOTTO}\nVạn Hương, ngày 20 tháng 5 năm 2025").bold = None
    title(page, "TỜ TRÌNH", "Đề nghị sửa chữa phòng học khu B")
    body(page, "Kính trình Phòng Giáo dục và Đào tạo xem xét, phê duyệt kinh phí sửa chữa phòng học khu B.")
    table = page.doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:\n- Phòng GD&ĐT;\n- UBND phường Vạn Hương;\n- Lưu: VT.")
    right.paragraphs[0].add_run("HIỆU TRƯỞNG\n\n\nBùi Thanh Long").bold = True


@case("12_hd_numeric_date", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 3,
    "symbol": "03/HD-GDĐT", "notation": "HD-GDĐT", "type_code": "HD", "type_name": "Hướng dẫn",
    "summary": "Tuyển sinh vào lớp 1 năm học 2025-2026", "place": "Đồ Sơn", "date": "2025-03-05",
    "signer": SIGNER_KT, "recipients": ["Các trường tiểu học"], "archive": "VT, GDTH"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 03/HD-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 05/3/2025"])
    title(page, "HƯỚNG DẪN", "Tuyển sinh vào lớp 1 năm học 2025-2026")
    body(page, "Căn cứ Thông tư số 30/2024/TT-BGDĐT ngày 30 tháng 12 năm 2024 của Bộ Giáo dục và Đào tạo;")
    page.table([("Nơi nhận:", True), "- Các trường tiểu học;", "- Lưu: VT, GDTH."],
               [("KT. TRƯỞNG PHÒNG", True), ("PHÓ TRƯỞNG PHÒNG", True), "(Đã ký)", ("Nguyễn Văn Hà", True)])


@case("13_plain_letter_no_header", {})
def _(page):
    body(page, "Trong những năm qua, công tác chuyển đổi số của ngành giáo dục quận đã đạt nhiều kết quả tích cực, "
               "được các cấp ghi nhận và đánh giá cao.",
         "Đề nghị các đồng chí nghiên cứu và góp ý trước ngày 20 tháng 5 năm 2025.")


@case("14_tb_tl_signer", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 41,
    "symbol": "41/TB-GDĐT", "notation": "TB-GDĐT", "type_code": "TB", "type_name": "Thông báo",
    "summary": "Kết luận của Trưởng phòng tại cuộc họp giao ban tháng 4", "place": "Đồ Sơn",
    "date": "2025-04-28",
    "signer": {"authority": "TL.", "on_behalf_of": "TRƯỞNG PHÒNG", "position": "TỔ TRƯỞNG TỔ HÀNH CHÍNH",
               "full_name": "Ngô Quang Dũng"},
    "recipients": ["Các trường trực thuộc", "Các tổ chuyên môn"], "archive": "VT, HC"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 41/TB-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 28 tháng 4 năm 2025"])
    title(page, "THÔNG BÁO", "Kết luận của Trưởng phòng tại cuộc họp giao ban tháng 4")
    body(page, "Ngày 25 tháng 4 năm 2025, Trưởng phòng chủ trì cuộc họp giao ban, kết luận như sau:")
    page.table([("Nơi nhận:", True), "- Các trường trực thuộc;", "- Các tổ chuyên môn;", "- Lưu: VT, HC."],
               [("TL. TRƯỞNG PHÒNG", True), ("TỔ TRƯỞNG TỔ HÀNH CHÍNH", True), "(Đã ký)", "",
                ("Ngô Quang Dũng", True)])


@case("15_bc_q_signer_en_dashes", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 11,
    "symbol": "11/BC-GDĐT", "notation": "BC-GDĐT", "type_code": "BC", "type_name": "Báo cáo",
    "summary": "Tình hình thực hiện chuyển đổi số quý I năm 2025", "place": "Đồ Sơn", "date": "2025-03-24",
    "signer": {"authority": "Q.", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Hoàng Thu Thảo"},
    "recipients": ["UBND quận"], "archive": "VT"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 11/BC–GDĐT"],
           [(TITLE, True), ("Độc lập – Tự do – Hạnh phúc", True), "Đồ Sơn, ngày 24 tháng 3 năm 2025"])
    title(page, "BÁO CÁO", "Tình hình thực hiện chuyển đổi số quý I năm 2025")
    body(page, "Thực hiện chỉ đạo của UBND quận, Phòng Giáo dục và Đào tạo báo cáo như sau:")
    page.table([("Nơi nhận:", True), "– UBND quận;", "– Lưu: VT."],
               [("Q. TRƯỞNG PHÒNG", True), "", "", ("Hoàng Thu Thảo", True)])


@case("16_thuong_khan_impossible_date", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 15,
    "symbol": "15/TB-GDĐT", "notation": "TB-GDĐT", "type_code": "TB", "type_name": "Thông báo",
    "summary": "Cho học sinh nghỉ học do rét đậm", "place": "Đồ Sơn", "date": None,
    "urgency": 2, "urgency_label": "Thượng khẩn",
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Trần Văn Nam"},
    "recipients": ["Các trường MN, TH"], "archive": "VT"})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 15/TB-GDĐT",
                  ("THƯỢNG KHẨN", True)],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 30 tháng 02 năm 2025"])
    title(page, "THÔNG BÁO", "Cho học sinh nghỉ học do rét đậm")
    body(page, "Do nhiệt độ ngoài trời xuống dưới 10 độ C, Phòng thông báo cho học sinh mầm non, tiểu học nghỉ học.")
    page.table([("Nơi nhận:", True), "- Các trường MN, TH;", "- Lưu: VT."],
               [("TRƯỞNG PHÒNG", True), "", ("Trần Văn Nam", True)])


@case("17_hop_dong_hd_vs_hd", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 4,
    "symbol": "04/HĐ-GDĐT", "notation": "HĐ-GDĐT", "type_code": "HĐ", "type_name": "Hợp đồng",
    "summary": "Về việc thuê dịch vụ vệ sinh trụ sở năm 2025", "place": "Đồ Sơn", "date": "2025-01-02",
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Trần Văn Nam"}})
def _(page):
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số: 04/HĐ-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 02 tháng 01 năm 2025"])
    title(page, "HỢP ĐỒNG", "Về việc thuê dịch vụ vệ sinh trụ sở năm 2025")
    body(page, "Căn cứ Bộ luật Dân sự số 91/2015/QH13;", "Hôm nay, tại trụ sở Phòng, chúng tôi gồm: ...")
    page.table([("ĐẠI DIỆN BÊN B", True), ("GIÁM ĐỐC", True), "", ("Lý Văn Khánh", True)],
               [("ĐẠI DIỆN BÊN A", True), ("TRƯỞNG PHÒNG", True), "", ("Trần Văn Nam", True)])


@case("18_qd_school_three_lines", {
    "superior_unit": "PHÒNG GD&ĐT QUẬN ĐỒ SƠN", "issuing_unit": "TRƯỜNG MẦM NON NGỌC HẢI", "number": 21,
    "symbol": "21/QĐ-MNNH", "notation": "QĐ-MNNH", "type_code": "QĐ", "type_name": "Quyết định",
    "summary": "Về việc thành lập Tổ kiểm tra nội bộ năm học 2024-2025", "place": "Đồ Sơn",
    "date": "2024-10-01",
    "signer": {"authority": "", "on_behalf_of": None, "position": "HIỆU TRƯỞNG", "full_name": "Đặng Ngọc Yến"},
    "recipients": ["Như Điều 3"], "archive": "VT"})
def _(page):
    header(page, [("PHÒNG GD&ĐT QUẬN ĐỒ SƠN", False), ("TRƯỜNG MẦM NON", True), ("NGỌC HẢI", True),
                  "Số: 21/QĐ-MNNH"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 01 tháng 10 năm 2024"])
    title(page, "QUYẾT ĐỊNH", "Về việc thành lập Tổ kiểm tra nội bộ", "năm học 2024-2025")
    page.p("HIỆU TRƯỞNG TRƯỜNG MẦM NON NGỌC HẢI", bold=True, align=CENTER)
    body(page, "Căn cứ Điều lệ trường mầm non;")
    page.p("QUYẾT ĐỊNH:", bold=True, align=CENTER)
    body(page, "Điều 1. Thành lập Tổ kiểm tra nội bộ.")
    page.table([("Nơi nhận:", True), "- Như Điều 3;", "- Lưu: VT."],
               [("HIỆU TRƯỞNG", True), "", ("Đặng Ngọc Yến", True)])


@case("19_paragraph_signer_no_table", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 18,
    "symbol": "18/KH-GDĐT", "notation": "KH-GDĐT", "type_code": "KH", "type_name": "Kế hoạch",
    "summary": "Ngày hội đọc sách năm 2025", "place": "Đồ Sơn", "date": "2025-04-10",
    "signer": {"authority": "KT.", "on_behalf_of": "TRƯỞNG PHÒNG", "position": "PHÓ TRƯỞNG PHÒNG",
               "full_name": "Nguyễn Văn Hà"},
    "recipients": ["Các trường trực thuộc"], "archive": "VT"}, )
def _(page):
    page.t = NFD
    header(page, [("UBND QUẬN ĐỒ SƠN", False), ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", True), "Số:18/KH-GDĐT"],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 10 tháng 4 năm 2025"])
    title(page, "KẾ HOẠCH", "Ngày hội đọc sách năm 2025")
    body(page, "Nhằm phát triển văn hóa đọc trong trường học, Phòng xây dựng kế hoạch như sau.")
    page.p("KT. TRƯỞNG PHÒNG", bold=True, align=RIGHT)
    page.p("PHÓ TRƯỞNG PHÒNG", bold=True, align=RIGHT)
    page.p("", align=RIGHT)
    page.p("Nguyễn Văn Hà", bold=True, align=RIGHT)
    page.p("Nơi nhận:", bold=True)
    page.p("- Các trường trực thuộc;")
    page.p("- Lưu: VT.")


@case("20_cv_inline_vv_colon", {
    "superior_unit": None, "issuing_unit": "ỦY BAN NHÂN DÂN QUẬN ĐỒ SƠN", "number": 45,
    "symbol": "45/UBND-VX", "notation": "UBND-VX", "type_code": "CV", "type_name": "Công văn",
    "summary": "đôn đốc báo cáo kết quả năm học", "place": "Đồ Sơn", "date": "2025-06-02",
    "urgency": 1, "urgency_label": "Khẩn",
    "addressees": ["Phòng Giáo dục và Đào tạo quận"],
    "signer": {"authority": "KT.", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH",
               "full_name": "Vũ Minh Khánh"},
    "recipients": ["Như trên", "CT, các PCT UBND quận"], "archive": "VT"})
def _(page):
    header(page, [("ỦY BAN NHÂN DÂN", True), ("QUẬN ĐỒ SƠN", True), "Số: 45/UBND-VX",
                  "V/v: đôn đốc báo cáo kết quả năm học", ("KHẨN", True)],
           [(TITLE, True), (MOTTO, True), "Đồ Sơn, ngày 02 tháng 6 năm 2025"])
    page.p("Kính gửi: Phòng Giáo dục và Đào tạo quận.", align=CENTER)
    body(page, "Ủy ban nhân dân quận đề nghị Phòng Giáo dục và Đào tạo khẩn trương tổng hợp, báo cáo.")
    page.table([("Nơi nhận:", True), "- Như trên;", "- CT, các PCT UBND quận;", "- Lưu: VT."],
               [("KT. CHỦ TỊCH", True), ("PHÓ CHỦ TỊCH", True), "", "", ("Vũ Minh Khánh", True)])


@case("21_rendered_gm", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 9,
    "symbol": "09/GM-GDĐT", "notation": "GM-GDĐT", "type_code": "GM", "type_name": "Giấy mời",
    "summary": "Họp triển khai nhiệm vụ năm học 2025-2026", "place": "Đồ Sơn", "date": "2025-08-05",
    "signer": {"authority": "", "on_behalf_of": None, "position": "TRƯỞNG PHÒNG", "full_name": "Trần Văn Nam"},
    "recipients": ["Hiệu trưởng các trường trực thuộc"], "archive": "VT, VP"})
def _(page):
    return render_docx({
        "type_code": "GM", "superior_unit": "UBND quận Đồ Sơn", "issuing_unit": "Phòng Giáo dục và Đào tạo",
        "symbol": "09/GM-GDĐT", "summary": "Họp triển khai nhiệm vụ năm học 2025-2026", "place": "Đồ Sơn",
        "date": "2025-08-05", "section": "VP", "recipients": ["Hiệu trưởng các trường trực thuộc"],
        "body": "Phòng Giáo dục và Đào tạo trân trọng kính mời Hiệu trưởng các trường trực thuộc.\n"
                "Thời gian: 8 giờ 00, ngày 08/8/2025.\nĐịa điểm: Hội trường Phòng.",
        "signer": {"position": "Trưởng phòng", "full_name": "Trần Văn Nam"}})


@case("22_rendered_bb_co_signer", {
    "superior_unit": "UBND QUẬN ĐỒ SƠN", "issuing_unit": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "number": 3,
    "symbol": "03/BB-GDĐT", "notation": "BB-GDĐT", "type_code": "BB", "type_name": "Biên bản",
    "summary": "Họp Hội đồng thi đua khen thưởng", "place": "Đồ Sơn", "date": "2025-05-30",
    "signer": {"authority": "", "on_behalf_of": None, "position": "CHỦ TRÌ", "full_name": "Trần Văn Nam"}})
def _(page):
    return render_docx({
        "type_code": "BB", "superior_unit": "UBND quận Đồ Sơn", "issuing_unit": "Phòng Giáo dục và Đào tạo",
        "symbol": "03/BB-GDĐT", "summary": "Họp Hội đồng thi đua khen thưởng", "place": "Đồ Sơn",
        "date": "2025-05-30", "body": "Hôm nay, vào lúc 14 giờ 00 ngày 30 tháng 5 năm 2025, tại Phòng họp.",
        "signer": {"position": "Chủ trì", "full_name": "Trần Văn Nam"},
        "co_signer": {"position": "Thư ký", "full_name": "Vũ Thị Yến"}})


@case("23_mixed_case_vv_multiline_cell_recipients", {
    "superior_unit": "UBND THÀNH PHỐ HẢI PHÒNG", "issuing_unit": "Sở Giáo dục và Đào tạo", "number": 1205,
    "symbol": "1205/SGDĐT-KT", "notation": "SGDĐT-KT", "type_code": "CV", "type_name": "Công văn",
    "summary": "hướng dẫn kiểm tra nội bộ năm học 2024-2025", "place": "Hải Phòng", "date": "2024-09-20",
    "addressees": ["Phòng GD&ĐT các quận, huyện"],
    "signer": {"authority": "KT.", "on_behalf_of": "GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC",
               "full_name": "Ngô Thị Hoa"},
    "recipients": ["Như trên", "Giám đốc Sở (để b/c)"], "archive": "VT, KT"})
def _(page):
    # No bold anywhere: the superior/issuing split falls back to line order.
    header(page, ["UBND THÀNH PHỐ HẢI PHÒNG", "Sở Giáo dục và Đào tạo", "Số: 1205/SGDĐT-KT",
                  "V/v hướng dẫn kiểm tra nội bộ", "năm học 2024-2025"],
           [TITLE, MOTTO, "Hải Phòng, ngày 20 tháng 9 năm 2024"])
    page.p("Kính gửi: Phòng GD&ĐT các quận, huyện.", align=CENTER)
    body(page, "Căn cứ Thông tư số 39/2013/TT-BGDĐT, Sở hướng dẫn công tác kiểm tra nội bộ như sau.")
    table = page.doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận: - Như trên;\n- Giám đốc Sở (để b/c);\n- Lưu: VT, KT.")
    right.paragraphs[0].add_run("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\nNgô Thị Hoa")


def build_all(target: Path = CORPUS) -> list[str]:
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for name, build, expect in CASES:
        page = Page()
        made = build(page)
        path = target / f"{name}.docx"
        if isinstance(made, bytes):
            path.write_bytes(made)
        else:
            page.save(path)
        unknown = set(expect) - set(empty_result())
        assert not unknown, f"{name}: unknown fields {unknown}"
        expected = {**empty_result(), **expect}
        (target / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
        names.append(name)
    return names


if __name__ == "__main__":
    print("\n".join(build_all()))
