"""Validation at the service edge: pydantic models turned into typed errors."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "Trường bắt buộc.",
    "string_too_short": "Không được để trống.",
    "string_too_long": "Quá dài.",
    "extra_forbidden": "Trường không được hỗ trợ.",
    "literal_error": "Giá trị không hợp lệ.",
    "enum": "Giá trị không hợp lệ.",
}


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def load(model: type[M], data) -> M:
    """Parse ``data`` or raise ``ValidationFailed`` with a Vietnamese message per field."""
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        fields = {}
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]) or "body"
            fields[name] = _MESSAGES.get(err["type"], err["msg"])
        raise ValidationFailed("Dữ liệu không hợp lệ.", fields) from None
