"""The consolidated report as .xlsx (openpyxl) for the office to work with:
"Tổng hợp" (one row per field, numbers as numbers), "Chi tiết đơn vị" (one row
per unit included, one column per field) and "Tiến độ nộp" (who submitted when)."""
from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from services.common.clock import to_local

from ..domain import forms
from .common import ReportData, date_in_words, method_label, period_phrase, value_text

BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
TITLE = Font(name="Times New Roman", bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

SUMMARY_COLUMNS = ("STT", "Mục", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Cách tổng hợp", "Kết quả",
                   "Số đơn vị báo cáo")
SUMMARY_WIDTHS = (6, 8, 24, 60, 14, 16, 18, 12)


def render(data: ReportData) -> bytes:
    book = Workbook()
    _summary(book.active, data)
    _details(book.create_sheet("Chi tiết đơn vị"), data)
    _progress(book.create_sheet("Tiến độ nộp"), data)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title_rows(sheet, data: ReportData, width: int) -> int:
    lines = [((data.office.get("name") or "").upper(), TITLE),
             (f"Tổng hợp {period_phrase(data.form['title'])} {period_phrase(data.period['label'])}", TITLE),
             (f"Biểu mẫu {data.form['code']} phiên bản {data.form['version']}; "
              f"{date_in_words(data.office.get('place') or '', data.issued_on)}", NORMAL)]
    for row, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return len(lines) + 2


def _header_row(sheet, row: int, titles, widths=None) -> None:
    for col, title in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=col, value=title)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEAD_FILL, BOX, CENTER
        if widths:
            sheet.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def _summary(sheet, data: ReportData) -> None:
    sheet.title = "Tổng hợp"
    row = _title_rows(sheet, data, len(SUMMARY_COLUMNS))
    _header_row(sheet, row, SUMMARY_COLUMNS, SUMMARY_WIDTHS)
    number = 0
    for section in data.sections:
        row += 1
        cell = sheet.cell(row=row, column=1, value=f"{section['code']}. {section['title']}")
        cell.font, cell.fill = BOLD, SECTION_FILL
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(SUMMARY_COLUMNS))
        for result in section["fields"]:
            number += 1
            row += 1
            value = result["value"] if _is_number(result) else value_text(result)
            values = (number, section["code"], result["code"], result["label"], result.get("unit") or "",
                      method_label(result), value, result["reporting_units"])
            for col, v in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=col, value=v)
                cell.font, cell.border, cell.alignment = NORMAL, BOX, WRAP
                if col == 7 and isinstance(v, float):
                    cell.number_format = "#,##0.00"
                elif col == 7 and isinstance(v, int):
                    cell.number_format = "#,##0"


def _is_number(result: dict) -> bool:
    return (result["aggregation"] in (forms.SUM, forms.AVERAGE, forms.COUNT) and result.get("option_counts") is None
            and isinstance(result["value"], (int, float)) and not isinstance(result["value"], bool))


def _details(sheet, data: ReportData) -> None:
    fields_ = data.field_specs
    titles = ["Mã đơn vị", "Tên đơn vị", "Loại", "Nộp lúc", "Muộn"] + [f.label for f in fields_]
    widths = [16, 36, 10, 18, 8] + [max(12, min(40, len(f.label) // 2)) for f in fields_]
    row = _title_rows(sheet, data, min(len(titles), 8))
    _header_row(sheet, row, titles, widths)
    for unit in data.units:
        row += 1
        submitted = unit.get("first_submitted_at")
        values = [unit["code"], unit["name"], unit.get("kind") or "", _local(submitted),
                  "Có" if unit.get("late") else "Không"]
        for f in fields_:
            v = unit["values"].get(f.code)
            if f.type == forms.YES_NO and v is not None:
                v = "Có" if v else "Không"
            elif f.type == forms.SELECT and v is not None:
                v = f.option_label(v)
            values.append(v)
        for col, v in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=v)
            cell.font, cell.border = NORMAL, BOX
            if isinstance(v, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"


def _progress(sheet, data: ReportData) -> None:
    titles = ("Mã đơn vị", "Tên đơn vị", "Loại", "Trạng thái", "Nộp lần đầu lúc", "Đúng hạn")
    row = _title_rows(sheet, data, len(titles))
    _header_row(sheet, row, titles, (16, 40, 10, 22, 20, 12))
    for unit in data.completeness.get("units", []):
        row += 1
        on_time = "" if unit.get("late") is None else ("Muộn" if unit["late"] else "Đúng hạn")
        values = (unit["code"], unit["name"], unit["kind"], unit["status_label"],
                  _local(unit.get("first_submitted_at")), on_time)
        for col, v in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=v)
            cell.font, cell.border = NORMAL, BOX
            if isinstance(v, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"


def _local(value) -> datetime | None:
    """Excel has no time zones: show Vietnam time, naive."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return to_local(value).replace(tzinfo=None)
