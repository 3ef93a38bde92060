"""The office's consolidated report as .docx, laid out per Decree 30/2020/NĐ-CP:
A4, Times New Roman; header with the superior body and the office on the left
and the national title and motto on the right; "Số: .../BC-GDĐT"; place and date
in words; one table per section of the form; "Nơi nhận" and the signer block."""
from __future__ import annotations

import io

from docx import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from services.documents.formats.docxkit import set_font

from ..domain import forms
from .common import (ReportData, date_in_words, format_number, method_label, period_phrase,
                     symbol_placeholder, value_text)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TABLE_COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả tổng hợp", "Cách tổng hợp", "Số đơn vị báo cáo")
COLUMN_WIDTHS_MM = (13, 60, 20, 30, 22, 20)     # 165 mm: A4 less 30 + 15 mm margins
HEADER_WIDTHS_MM = (72, 93)


def render(data: ReportData) -> bytes:
    doc = Docx()
    _page(doc)
    _header(doc, data)
    _title(doc, data)
    _completeness(doc, data)
    _results(doc, data)
    _closing(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- layout helpers

def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    set_font(style)
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(0)


def _para(container, text="", size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER,
          before=0, after=0, indent_mm=None):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent_mm is not None:
        fmt.first_line_indent = Mm(indent_mm)
    if text:
        run = p.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
        set_font(run)
    return p


def _cell_text(cell, text, size=12, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    run = p.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    set_font(run)
    return p


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _short_rule(cell, width_mm: float, cell_width_mm: float) -> None:
    """The short solid line under the unit name and under the motto: an empty
    paragraph with a bottom border, indented so the line is centred."""
    p = _para(cell, "", size=2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    bdr.append(bottom)
    ppr.insert(0, bdr)
    side = Mm(max(0.0, (cell_width_mm - width_mm) / 2))
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side


def _widths(table, widths_mm) -> None:
    """Column widths for Word (cell widths) and LibreOffice (the table grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


# ---------------------------------------------------------------- parts

def _header(doc, data: ReportData) -> None:
    office = data.office
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, HEADER_WIDTHS_MM)
    left, right = table.rows[0].cells
    _cell_text(left, (office.get("superior_name") or "").upper(), size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, (office.get("name") or "").upper(), size=13, bold=True)
    _short_rule(left, 25, HEADER_WIDTHS_MM[0])
    _para(left, symbol_placeholder(office.get("short_name") or ""), size=13, before=6)
    _cell_text(right, NATIONAL_TITLE, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, MOTTO, size=13, bold=True)
    _short_rule(right, 60, HEADER_WIDTHS_MM[1])
    _para(right, date_in_words(office.get("place") or "", data.issued_on), size=14, italic=True, before=6)


def _title(doc, data: ReportData) -> None:
    _para(doc, "BÁO CÁO", size=14, bold=True, before=18)
    _para(doc, f"Tổng hợp {period_phrase(data.form['title'])} {period_phrase(data.period['label'])}",
          size=14, bold=True)
    _para(doc, "", size=6, after=6)
    basis = "đã được Phòng duyệt" if data.basis == "approved" else "đã gửi (gồm cả báo cáo chờ duyệt)"
    _para(doc, f"Căn cứ số liệu báo cáo {basis} của các đơn vị trực thuộc theo biểu mẫu "
               f"“{data.form['title']}” (mã {data.form['code']}, phiên bản {data.form['version']}), "
               f"{data.office.get('name') or 'đơn vị'} tổng hợp kết quả {period_phrase(data.period['label'])} "
               f"như sau:", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_mm=12.7, after=6)


def _completeness(doc, data: ReportData) -> None:
    t = data.totals
    _para(doc, "I. TÌNH HÌNH NỘP BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6, after=3)
    lines = [
        f"Số đơn vị phải báo cáo: {t['expected']}; đã nộp: {t['submitted']} "
        f"(đúng hạn {t['on_time']}, muộn {t['late']}); chưa nộp: {t['missing']}; đã duyệt: {t['approved']}.",
        f"Số đơn vị có số liệu được tổng hợp trong báo cáo này: {len(data.units)}.",
    ]
    late = [u["name"] for u in data.completeness.get("units", []) if u.get("late")]
    if late:
        lines.append("Đơn vị nộp muộn: " + "; ".join(late) + ".")
    missing = [u["name"] for u in data.completeness["missing_units"]]
    lines.append("Đơn vị chưa nộp báo cáo: " + ("; ".join(missing) + "." if missing else "không có."))
    for line in lines:
        _para(doc, f"- {line}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_mm=12.7, after=3)


def _results(doc, data: ReportData) -> None:
    _para(doc, "II. KẾT QUẢ TỔNG HỢP", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6, after=3)
    for number, section in enumerate(data.sections, start=1):
        _para(doc, f"{number}. {section['title']}", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6, after=3)
        rows = [r for r in section["fields"] if not (r["type"] == forms.TEXT and r["aggregation"] == forms.NONE)]
        if rows:
            _section_table(doc, rows)
        for text_field in (r for r in section["fields"] if r.get("texts")):
            _para(doc, f"{text_field['label']}:", italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=3)
            names = {u["code"]: u["name"] for u in data.units}
            for unit in data.units:
                text = unit["values"].get(text_field["code"])
                if text:
                    _para(doc, f"- {names[unit['code']]}: {text}", size=13, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                          indent_mm=12.7)


def _section_table(doc, rows: list[dict]) -> None:
    table = doc.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, TABLE_COLUMNS):
        _cell_text(cell, title, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    aligns = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
              WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER)
    for i, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        values = (str(i), row["label"], row.get("unit") or "", value_text(row), method_label(row),
                  format_number(row["reporting_units"]))
        for cell, text, align in zip(cells, values, aligns):
            _cell_text(cell, text, size=12, align=align)
    _widths(table, COLUMN_WIDTHS_MM)


def _closing(doc, data: ReportData) -> None:
    _para(doc, f"Trên đây là báo cáo tổng hợp {period_phrase(data.form['title'])} "
               f"{period_phrase(data.period['label'])} của {data.office.get('name') or 'đơn vị'}./.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_mm=12.7, before=6, after=12)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (80, 85))
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True)
    superior = data.office.get("superior_name") or "cấp trên"
    for line in (f"- {superior} (để báo cáo);", "- Lãnh đạo Phòng;", "- Lưu: VT."):
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(right, "TRƯỞNG PHÒNG", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
