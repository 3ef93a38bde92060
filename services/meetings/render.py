"""Rendering the meeting's papers as .docx.

The giấy mời, biên bản and thông báo kết luận use the shared Decree 30 renderer
(``services.documents.formats.render.render_docx``: a pure function of plain
data, no service call), so every official document of the system has one
layout. The attendance sheet is a table, which that renderer does not draw, so
it is laid out here with python-docx and the same small helpers (docxkit).
"""
from __future__ import annotations

import io
import re

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from services.common.clock import to_local
from services.documents.formats import docxkit as kit
from services.documents.formats.render import DOCX_TYPE, render_docx

from .domain.participants import ROLE_LABELS
from .domain.wording import clock_time, day_text

__all__ = ["DOCX_TYPE", "docx_name", "official", "attendance_sheet"]

SHEET_COLUMNS = ("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Vai trò", "Giờ đến", "Ghi chú")


def docx_name(prefix: str, title: str) -> str:
    """"Giấy mời - Họp giao ban tháng 11-2025.docx": no path or control characters, not too long."""
    stem = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "-", f"{prefix} - {title}").strip(" -.")
    return stem[:150] + ".docx"


def official(spec: dict) -> bytes:
    """A Decree 30 document (GM, BB, TB …) from its plain-data spec."""
    return render_docx(spec)


def attendance_sheet(title: str, unit_name: str, starts_at, place: str | None, rows: list[dict]) -> bytes:
    """Danh sách đại biểu dự họp: one row per participant (``full_name``,
    ``position``, ``unit_name``, ``role``, ``checked_in_at``, ``note``), landscape A4."""
    doc = Docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    kit.set_font(doc.styles["Normal"])
    doc.styles["Normal"].font.size = Pt(12)

    when = f"{clock_time(starts_at)}, {day_text(starts_at)}" + (f" — {place}" if place else "")
    kit.paragraph(doc, unit_name.upper(), size=13, bold=True)
    kit.paragraph(doc, "DANH SÁCH ĐẠI BIỂU DỰ HỌP", size=14, bold=True, before=12)
    kit.paragraph(doc, title, size=14, bold=True)
    kit.paragraph(doc, when, size=13, italic=True, after=12)

    table = doc.add_table(rows=1, cols=len(SHEET_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, SHEET_COLUMNS):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        kit.add_run(cell.paragraphs[0], name, size=12, bold=True)
    for i, row in enumerate(rows, 1):
        arrived = to_local(row["checked_in_at"]).strftime("%H:%M") if row.get("checked_in_at") else ""
        values = (str(i), row.get("full_name") or "", row.get("position") or "", row.get("unit_name") or "",
                  ROLE_LABELS.get(row.get("role"), ""), arrived, row.get("note") or "")
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    present = sum(1 for r in rows if r.get("checked_in_at"))
    kit.paragraph(doc, f"Tổng số: {len(rows)} người; có mặt: {present}; vắng mặt: {len(rows) - present}.",
                  size=12, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
