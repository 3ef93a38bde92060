"""Input shapes for documents commands and queries (validated at the edge)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional, Union

from pydantic import Field, field_validator

from services.common.schemas import Schema
from services.common.text import nfc

from . import domain


def _nfc(v):
    return nfc(v) if isinstance(v, str) else v


class SignerIn(Schema):
    authority: Literal["", "TM.", "KT.", "Q.", "TL.", "TUQ."] = ""
    position: str = Field(min_length=2, max_length=120)
    full_name: str = Field(min_length=2, max_length=120)

    _n = field_validator("position", "full_name")(_nfc)


class DraftIn(Schema):
    type_code: str
    summary: str = Field(min_length=3, max_length=1000)
    body: Optional[str] = Field(default=None, max_length=200_000)
    urgency: int = Field(default=0, ge=0, le=4)
    confidentiality: int = Field(default=0, ge=0, le=3)
    section: Optional[str] = Field(default=None, max_length=20, pattern=r"^[0-9A-Za-zĐđ&]+$")
    signer: Optional[SignerIn] = None
    recipients: list[str] = Field(default_factory=list, max_length=2000)
    response_deadline: Optional[Union[datetime, date]] = None
    copies: int = Field(default=1, ge=1, le=1000)

    _n = field_validator("summary", "body", "section")(_nfc)

    @field_validator("type_code")
    @classmethod
    def _type(cls, v):
        v = nfc(v)
        if v not in domain.DOCUMENT_TYPES:
            raise ValueError("Loại văn bản không có trong danh mục Nghị định 30.")
        return v

    @field_validator("recipients")
    @classmethod
    def _unique(cls, v):
        return list(dict.fromkeys(x.strip() for x in v if x and x.strip()))


class DraftPatch(DraftIn):
    """Every field optional: only what is sent changes."""
    type_code: Optional[str] = None
    summary: Optional[str] = Field(default=None, min_length=3, max_length=1000)
    recipients: Optional[list[str]] = None


class AssignIn(Schema):
    lead_user_id: str = Field(min_length=1)
    coordinator_ids: list[str] = Field(default_factory=list, max_length=50)
    deadline: Optional[Union[datetime, date]] = None
    direction: Optional[str] = Field(default=None, max_length=4000)

    _n = field_validator("direction")(_nfc)


class ChangeRequestIn(Schema):
    kind: Literal["recall", "update", "replace"]
    reason: str = Field(min_length=3, max_length=2000)
    changes: Optional[dict] = None
    replacement_id: Optional[str] = None
    recipients: Optional[list[str]] = None   # default: every recipient still holding it

    _n = field_validator("reason")(_nfc)


class ListQuery(Schema):
    status: Optional[str] = None
    type_code: Optional[str] = None
    urgency: Optional[int] = Field(default=None, ge=0, le=4)
    urgent_only: bool = False
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    overdue: Optional[bool] = None
    q: Optional[str] = Field(default=None, max_length=200)
    include_inactive: bool = False
    assigned_to: Optional[str] = None
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=200)
