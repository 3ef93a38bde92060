"""Field-level validation messages in Vietnamese, from pydantic's error types."""
from __future__ import annotations

from pydantic import ValidationError

_BY_TYPE = {
    "missing": "Trường bắt buộc.",
    "extra_forbidden": "Trường không được hỗ trợ.",
    "string_type": "Phải là chuỗi ký tự.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "date_type": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_from_datetime_inexact": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "datetime_type": "Thời điểm không hợp lệ (ISO 8601).",
    "datetime_parsing": "Thời điểm không hợp lệ (ISO 8601).",
    "datetime_from_date_parsing": "Thời điểm không hợp lệ (ISO 8601).",
    "string_pattern_mismatch": "Sai định dạng.",
    "literal_error": "Giá trị không hợp lệ.",
    "enum": "Giá trị không hợp lệ.",
    "json_invalid": "Nội dung JSON không đọc được.",
    "union_tag_invalid": "Giá trị không hợp lệ.",
}


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "string_too_short":
        return "Không được để trống." if ctx.get("min_length", 1) <= 1 else f"Tối thiểu {ctx['min_length']} ký tự."
    if kind == "string_too_long":
        return f"Tối đa {ctx.get('max_length')} ký tự."
    if kind == "too_short":
        return f"Cần ít nhất {ctx.get('min_length')} phần tử."
    if kind == "too_long":
        return f"Tối đa {ctx.get('max_length')} phần tử."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Phải lớn hơn{' hoặc bằng' if kind.endswith('equal') else ''} {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Phải nhỏ hơn{' hoặc bằng' if kind.endswith('equal') else ''} {ctx.get('le', ctx.get('lt'))}."
    if kind == "value_error":
        # our own validators raise ValueError with a Vietnamese message
        return str(ctx.get("error") or err["msg"]).removeprefix("Value error, ")
    return _BY_TYPE.get(kind, "Giá trị không hợp lệ.")


def field_errors(exc: ValidationError) -> dict[str, str]:
    """``{"signer.full_name": "Trường bắt buộc.", ...}``; the first error per field wins."""
    fields: dict[str, str] = {}
    for err in exc.errors():
        # drop union branch names ("datetime", "date") from the location
        loc = [str(p) for p in err["loc"] if not (isinstance(p, str) and p in {"datetime", "date", "str", "int"})]
        fields.setdefault(".".join(loc) or "body", _message(err))
    return fields
