"""Checking the values a unit enters against its form version.

Values arrive from web forms as strings as often as numbers, so each type
accepts the usual spellings (``"12,5"`` for 12.5, ``"14/03/2026"`` for a date,
``"có"`` for yes) and stores one canonical form. Errors are per field, in
Vietnamese, ready to show beside the input.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from services.common.text import fold, nfc

from .forms import (DATE, DECIMAL, INTEGER, PERCENT, SELECT, TEXT, YES_NO, FieldSpec, FormSpec, OPERATORS,
                    RuleSpec)

MAX_TEXT = 4000
MAX_ABS = Decimal("1e15")   # beyond any count a school reports; keeps floats exact
_TRUE = {"true", "1", "yes", "co", "x", "dung", "y"}
_FALSE = {"false", "0", "no", "khong", "sai", "n"}
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

REQUIRED = "Bắt buộc nhập."
UNKNOWN = "Chỉ tiêu không có trong biểu mẫu."


class FieldError(ValueError):
    """One value that does not fit its field; the message is for people."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def coerce(field: FieldSpec, raw):
    """The canonical stored value of ``raw`` for ``field``, or ``FieldError``.
    Blank input gives None (checked for required-ness separately)."""
    if is_blank(raw):
        return None
    if field.type in (INTEGER, DECIMAL, PERCENT):
        return _number(field, raw)
    if field.type == YES_NO:
        return _yes_no(raw)
    if field.type == DATE:
        return _date(raw).isoformat()
    if field.type == SELECT:
        value = nfc(str(raw))
        if value not in {o.value for o in field.options}:
            raise FieldError("Giá trị không có trong danh sách lựa chọn.")
        return value
    if field.type == TEXT:
        text = nfc(str(raw))
        if len(text) > MAX_TEXT:
            raise FieldError(f"Tối đa {MAX_TEXT} ký tự.")
        return text
    raise FieldError("Kiểu dữ liệu không được hỗ trợ.")


def _number(field: FieldSpec, raw):
    if isinstance(raw, bool):
        raise FieldError("Phải là số.")
    try:
        if isinstance(raw, (int, float, Decimal)):
            value = Decimal(str(raw))
        else:
            text = str(raw).strip().replace(" ", "")
            if field.type != INTEGER:
                text = text.replace(",", ".")   # Vietnamese decimal comma
            value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise FieldError("Phải là số nguyên." if field.type == INTEGER else "Phải là số.") from None
    if not value.is_finite():
        raise FieldError("Phải là số.")
    if abs(value) >= MAX_ABS:
        raise FieldError("Giá trị quá lớn.")
    if field.type == INTEGER and value != value.to_integral_value():
        raise FieldError("Phải là số nguyên.")
    if field.min is not None and value < field.min:
        raise FieldError(f"Không được nhỏ hơn {_show(field.min)}.")
    if field.max is not None and value > field.max:
        raise FieldError(f"Không được lớn hơn {_show(field.max)}.")
    if field.type == INTEGER:
        return int(value)
    places = max(0, min(field.decimals, 6)) if field.type == DECIMAL else 2
    if value != round(value, places):
        raise FieldError(f"Tối đa {places} chữ số thập phân.")
    return float(value)


def _yes_no(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    text = fold(str(raw))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldError("Chọn Có hoặc Không.")


def _date(raw) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    match = _VN_DATE.match(text)
    try:
        if match:
            day, month, year = (int(x) for x in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text[:10])
    except ValueError:
        raise FieldError("Ngày không hợp lệ (dd/mm/yyyy).") from None


def _show(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return text.replace(".", ",")


# ---------------------------------------------------------------- a whole submission

def clean(form: FormSpec, values: dict | None, complete: bool) -> tuple[dict, dict]:
    """(canonical values, errors by field code).

    ``complete=False`` (saving a draft) checks each value that is there;
    ``complete=True`` (submitting) also requires the required fields and applies
    the cross-field rules."""
    clean_values: dict = {}
    errors: dict = {}
    for code, raw in (values or {}).items():
        field = form.field(code)
        if field is None:
            errors[code] = UNKNOWN
            continue
        try:
            value = coerce(field, raw)
        except FieldError as exc:
            errors[code] = str(exc)
            continue
        if value is not None:
            clean_values[code] = value
    if complete:
        for field in form.fields:
            if field.required and field.code not in clean_values and field.code not in errors:
                errors[field.code] = REQUIRED
        for field_code, message in check_rules(form, clean_values).items():
            errors.setdefault(field_code, message)
    return clean_values, errors


def check_rules(form: FormSpec, values: dict) -> dict:
    """Broken cross-field rules, reported on each field of the rule's left side.
    A rule whose fields are not all filled is not judged (required-ness is)."""
    errors: dict = {}
    for rule in form.rules:
        left, right = _side(rule.left, values), _side(rule.right, values)
        if left is None or right is None or _holds(left, rule.op, right):
            continue
        message = rule.message or _rule_message(form, rule, left, right)
        for code in rule.left_fields or rule.field_codes:
            errors.setdefault(code, message)
    return errors


def _side(terms, values) -> Decimal | None:
    total = Decimal(0)
    for sign, term in terms:
        if term[0].isdigit():
            value = Decimal(term)
        elif values.get(term) is None:
            return None
        else:
            value = Decimal(str(values[term]))
        total += sign * value
    return total


def _holds(left: Decimal, op: str, right: Decimal) -> bool:
    return {"<=": left <= right, ">=": left >= right, "<": left < right, ">": left > right,
            "==": left == right, "!=": left != right}[op]


def _rule_message(form: FormSpec, rule: RuleSpec, left: Decimal, right: Decimal) -> str:
    def name(terms):
        parts = []
        for i, (sign, term) in enumerate(terms):
            label = term if term[0].isdigit() else f"“{form.field(term).label}”"
            parts.append(("- " if sign < 0 else "+ " if i else "") + label)
        return " ".join(parts)
    return f"{name(rule.left)} phải {OPERATORS[rule.op]} {name(rule.right)} (hiện {_show(left)} và {_show(right)})."
