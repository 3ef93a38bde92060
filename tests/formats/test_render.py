"""Rendering per Decree 30: wording rules, page geometry, every kind renders,
reads back through the extractor, and converts to PDF in LibreOffice."""
import io
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as Docx
from docx.shared import Mm

from services.common.errors import ValidationFailed
from services.documents.formats import decree30 as d30
from services.documents.formats.extract import extract_docx
from services.documents.formats.render import render_docx

from .kinds import KINDS


def test_dates_in_words_pad_days_and_the_first_two_months():
    assert d30.place_and_date("Đồ Sơn", date(2025, 1, 12)) == "Đồ Sơn, ngày 12 tháng 01 năm 2025"
    assert d30.date_in_words(date(2025, 3, 5)) == "ngày 05 tháng 3 năm 2025"
    assert d30.date_in_words(date(2025, 11, 20)) == "ngày 20 tháng 11 năm 2025"
    assert d30.place_and_date("Đồ Sơn", None) == "Đồ Sơn, ngày      tháng      năm"


@pytest.mark.parametrize("authority, position, extra, expected", [
    ("KT.", "Phó Trưởng phòng", {}, "KT. TRƯỞNG PHÒNG"),
    ("KT.", "PHÓ HIỆU TRƯỞNG", {}, "KT. HIỆU TRƯỞNG"),
    ("TM.", "Chủ tịch", {"unit_name": "Ủy ban nhân dân"}, "TM. ỦY BAN NHÂN DÂN"),
    ("TL.", "Chánh Văn phòng", {"unit_kind": "department"}, "TL. GIÁM ĐỐC"),
    ("TUQ.", "Trưởng phòng", {"on_behalf_of": "Giám đốc"}, "TUQ. GIÁM ĐỐC"),
    ("Q.", "Trưởng phòng", {}, None),
    ("", "Trưởng phòng", {}, None),
])
def test_authority_lines(authority, position, extra, expected):
    assert d30.authority_line(authority, position, **extra) == expected


def test_recipient_lines_end_with_the_archive_line():
    assert d30.recipient_lines(["Các trường;", "Lãnh đạo Phòng"], "KHTC") == [
        "- Các trường;", "- Lãnh đạo Phòng;", "- Lưu: VT, KHTC."]
    assert d30.recipient_lines([], None, as_above=True) == ["- Như trên;", "- Lưu: VT."]


def test_number_line_of_an_unnumbered_draft_keeps_the_blank():
    assert d30.number_line(None, "KH", "GDĐT", None) == "Số:       /KH-GDĐT"
    assert d30.number_line(None, "CV", "GDĐT", "TCCB") == "Số:       /GDĐT-TCCB"
    assert d30.number_line("05/KH-GDĐT", "KH", "GDĐT", None) == "Số: 05/KH-GDĐT"


def _open(data: bytes):
    return Docx(io.BytesIO(data))


def test_page_geometry_font_and_page_numbers():
    doc = _open(render_docx(KINDS["KH"]))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    mm = {k: round(getattr(section, f"{k}_margin").mm, 1) for k in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    # page numbers from page 2: a PAGE field in the header, an empty first-page header
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_header_is_a_borderless_two_column_table_with_the_decree_texts():
    doc = _open(render_docx(KINDS["KH"]))
    header = doc.tables[0]
    assert 'w:val="nil"' in header._tbl.xml
    left, right = (c.text for c in header.rows[0].cells)
    assert left.splitlines()[:2] == ["UBND QUẬN ĐỒ SƠN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
    assert "Số: 18/KH-GDĐT" in left and "KHẨN" in left
    assert right.splitlines()[:2] == [d30.NATIONAL_TITLE, d30.MOTTO]
    assert "Đồ Sơn, ngày 12 tháng 01 năm 2025" in right
    runs = {r.text: r for p in header.rows[0].cells[1].paragraphs for r in p.runs}
    assert runs[d30.NATIONAL_TITLE].bold and runs[d30.NATIONAL_TITLE].font.size.pt in (12, 13)
    assert runs[d30.MOTTO].bold and runs[d30.MOTTO].font.size.pt in (13, 14)
    assert runs["Đồ Sơn, ngày 12 tháng 01 năm 2025"].italic


def test_body_is_justified_with_a_first_line_indent():
    doc = _open(render_docx(KINDS["KH"]))
    body = [p for p in doc.paragraphs if p.text.startswith("Thực hiện Kế hoạch")][0]
    assert body.alignment == 3  # JUSTIFY
    assert 10 <= body.paragraph_format.first_line_indent.mm <= 12.7 + 0.01
    assert 13 <= body.runs[0].font.size.pt <= 14


def test_a_cong_van_shows_its_subject_under_the_number_and_no_title():
    doc = _open(render_docx(KINDS["CV"]))
    left = doc.tables[0].rows[0].cells[0].text
    assert "V/v cử cán bộ dự tập huấn chuyển đổi số" in left
    assert "MẬT" in left and "HỎA TỐC" in left
    assert not any(p.text == "CÔNG VĂN" for p in doc.paragraphs)
    assert any(p.text.startswith("Kính gửi: Hiệu trưởng các trường THCS") for p in doc.paragraphs)


def test_bad_input_is_refused_in_vietnamese():
    with pytest.raises(ValidationFailed) as err:
        render_docx({"type_code": "XX", "issuing_unit": "Phòng", "summary": "abc"})
    assert "type_code" in err.value.fields


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_reads_back_through_the_extractor(kind):
    spec = KINDS[kind]
    got = extract_docx(render_docx(spec))
    assert got["symbol"] == spec["symbol"]
    assert got["type_code"] == kind
    assert got["summary"] == spec["summary"]
    assert got["date"] == spec["date"] and got["place"] == spec["place"]
    assert got["issuing_unit"] == d30.upper(spec["issuing_unit"])
    assert got["superior_unit"] == d30.upper(spec["superior_unit"])
    assert got["signer"]["full_name"] == spec["signer"]["full_name"]
    assert got["signer"]["authority"] == spec["signer"].get("authority", "")
    assert got["urgency"] == (spec.get("urgency") or None)
    if kind != "BB":
        assert got["archive"] == ", ".join(filter(None, ["VT", spec["section"]]))


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                            "apt-get install libreoffice-writer-nogui")
def test_every_kind_converts_to_pdf_in_libreoffice(tmp_path):
    for kind, spec in KINDS.items():
        (tmp_path / f"{kind}.docx").write_bytes(render_docx(spec))
    files = sorted(str(p) for p in tmp_path.glob("*.docx"))
    result = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        pdf = tmp_path / f"{kind}.pdf"
        assert pdf.exists(), f"{kind}: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    # the long plan runs over two pages (page numbers start on page 2)
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run([pdfinfo, str(tmp_path / "KH.pdf")], capture_output=True, text=True).stdout
        assert int(info.split("Pages:")[1].split()[0]) >= 2
