"""Register books (sổ đăng ký văn bản đi / đến) as .docx, columns per Decree 30 Appendix IV."""
from __future__ import annotations

import io

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUTGOING_COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
                    "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
                    "Ngày chuyển", "Ký nhận", "Ghi chú")
INCOMING_COLUMNS = ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng",
                    "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ký nhận", "Ghi chú")
TITLES = {"outgoing": "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "incoming": "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_register(kind: str, unit_name: str, year: int, rows: list[tuple[str, ...]]) -> bytes:
    """A landscape A4 register: title, unit, year, then one table row per document."""
    columns = OUTGOING_COLUMNS if kind == "outgoing" else INCOMING_COLUMNS
    doc = Docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")

    for text, size, bold in ((unit_name.upper(), 13, True), (TITLES[kind], 14, True), (f"Năm {year}", 13, False)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.font.size = bold, Pt(size)

    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value or ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
