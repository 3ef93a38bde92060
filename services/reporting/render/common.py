"""What both renderings of a consolidated report share: the input shape, dates in
words (Decree 30), how a consolidated value reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain import forms

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ReportData:
    """Everything a consolidated report shows, already computed by the service."""
    office: dict                   # {name, short_name, superior_name, place}
    form: dict                     # {code, title, version}
    period: dict                   # periods.Period.as_dict() (+ deadline)
    issued_on: date                # the report's date (Vietnam)
    sections: list[dict]           # aggregation.by_section(...)
    completeness: dict             # completeness.completeness(...)
    units: list[dict] = field(default_factory=list)   # included units: {code, name, kind, values, late, status}
    field_specs: list[forms.FieldSpec] = field(default_factory=list)
    basis: str = "approved"

    @property
    def totals(self) -> dict:
        return self.completeness["totals"]


def date_in_words(place: str, day: date) -> str:
    """"Đồ Sơn, ngày 05 tháng 02 năm 2026": Decree 30 writes days below 10 and
    the months January and February with a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def period_phrase(label: str) -> str:
    """A period label inside a sentence: "Quý I năm 2026" → "quý I năm 2026"."""
    return label[:1].lower() + label[1:] if label else label


def symbol_placeholder(short_name: str) -> str:
    """The number is left blank: the clerk issues it through the documents register."""
    return f"Số:      /BC-{short_name}" if short_name else "Số:      /BC"


def format_number(value) -> str:
    """Vietnamese number format: 1.234,5 (dot thousands, comma decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}".replace(",", ".")
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return str(value)


def value_text(result: dict) -> str:
    """How one consolidated field reads in the report."""
    if result.get("option_counts") is not None and result["aggregation"] == forms.COUNT:
        return "; ".join(f"{o['label']}: {o['count']}" for o in result["option_counts"])
    if result["aggregation"] == forms.NONE:
        return ""
    if result["value"] is None:
        return "—"
    text = format_number(result["value"])
    if result["type"] == forms.YES_NO and result["aggregation"] == forms.COUNT:
        return f"{text} đơn vị có"
    if result["aggregation"] == forms.AVERAGE and result["type"] == forms.PERCENT:
        return f"{text}%"
    return text


def method_label(result: dict) -> str:
    return forms.AGGREGATION_LABELS.get(result["aggregation"], "")
