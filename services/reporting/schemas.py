"""Input shapes for reporting commands (validated at the edge). What a schema
cannot judge — unique field codes, rules over numeric fields — is checked by
``domain.forms.build``."""
from __future__ import annotations

from datetime import date as Date
from typing import Any, Literal, Optional, Union

from pydantic import Field, field_validator

from services.common.schemas import Schema
from services.common.text import nfc

from .domain import forms, periods

PeriodType = Literal["monthly", "quarterly", "half_yearly", "nine_months", "yearly"]
FieldType = Literal["integer", "decimal", "percent", "text", "yes_no", "date", "select"]
Aggregation = Literal["sum", "average", "count", "none"]
Number = Union[int, float]


def _nfc(v):
    return nfc(v) if isinstance(v, str) else v


class OptionIn(Schema):
    value: str = Field(min_length=1, max_length=40)
    label: str = Field(min_length=1, max_length=200)

    _n = field_validator("value", "label")(_nfc)


class FieldIn(Schema):
    code: str = Field(min_length=1, max_length=48)
    label: str = Field(min_length=1, max_length=300)
    type: FieldType
    required: bool = False
    min: Optional[Number] = None
    max: Optional[Number] = None
    options: list[OptionIn] = Field(default_factory=list, max_length=100)
    aggregation: Optional[Aggregation] = None
    unit: str = Field(default="", max_length=40)
    help: str = Field(default="", max_length=1000)
    decimals: int = Field(default=2, ge=0, le=6)

    _n = field_validator("label", "unit", "help")(_nfc)


class SectionIn(Schema):
    code: str = Field(min_length=1, max_length=10)
    title: str = Field(min_length=1, max_length=300)
    fields: list[FieldIn] = Field(min_length=1, max_length=200)

    _n = field_validator("title")(_nfc)


class RuleIn(Schema):
    expr: str = Field(min_length=3, max_length=300)
    message: str = Field(default="", max_length=500)

    _n = field_validator("message")(_nfc)


class DeadlineIn(Schema):
    day: int = Field(default=periods.DEFAULT_DEADLINE_DAY, ge=1, le=31)
    month_offset: int = Field(default=0, ge=0, le=12)


class FormIn(Schema):
    code: str = Field(min_length=2, max_length=32)
    title: str = Field(min_length=3, max_length=300)
    description: str = Field(default="", max_length=2000)
    period_types: list[PeriodType] = Field(min_length=1, max_length=5)
    longest_wins: bool = False
    sections: list[SectionIn] = Field(min_length=1, max_length=50)
    rules: list[RuleIn] = Field(default_factory=list, max_length=100)
    assigned_kinds: list[str] = Field(default_factory=list, max_length=20)
    assigned_units: list[str] = Field(default_factory=list, max_length=2000)
    deadline: DeadlineIn = Field(default_factory=DeadlineIn)
    office_deadline: DeadlineIn = Field(default_factory=lambda: DeadlineIn(**periods.OFFICE_DEADLINE.as_dict()))
    reminder_offsets: Optional[list[int]] = Field(default=None, max_length=20)
    collect_from: Optional[Date] = None     # the first deadline collected (see FormSpec.collect_from)

    _n = field_validator("title", "description")(_nfc)

    @field_validator("code")
    @classmethod
    def _code(cls, v):
        v = v.strip().upper()
        if not forms.FORM_CODE.match(v):
            raise ValueError("Mã biểu mẫu gồm chữ in hoa, số, '-' hoặc '_'.")
        return v

    @field_validator("reminder_offsets")
    @classmethod
    def _offsets(cls, v):
        if v is not None and any(abs(o) > 60 for o in v):
            raise ValueError("Lịch nhắc trong khoảng 60 ngày trước/sau hạn.")
        return v

    @field_validator("assigned_units")
    @classmethod
    def _units(cls, v):
        return list(dict.fromkeys(x.strip() for x in v if x and x.strip()))


class ListQuery(Schema):
    form_code: Optional[str] = None
    period_id: Optional[str] = None
    status: Optional[Literal["draft", "submitted", "returned", "approved", "reopened"]] = None
    unit_code: Optional[str] = None
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=50, ge=1, le=500)


class ValuesIn(Schema):
    values: dict[str, Any] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _size(cls, v):
        if len(v) > 500:
            raise ValueError("Quá nhiều chỉ tiêu.")
        return v
