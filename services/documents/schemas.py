"""Input shapes for documents commands and queries (validated at the edge)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, Field, field_validator

from services.common.clock import parse_datetime
from services.common.schemas import Schema
from services.common.text import nfc

from . import domain


def _nfc(v):
    return nfc(v) if isinstance(v, str) else v


def _deadline(v):
    """Kept as given ("2027-01-31" or an ISO date-time); a bare date means the end
    of that day in Vietnam, which parse_datetime knows and pydantic's date/datetime
    union would lose (it reads "2027-01-31" as midnight)."""
    if v in (None, ""):
        return None
    try:
        parse_datetime(v)
    except (TypeError, ValueError):
        raise ValueError("Ngày giờ không hợp lệ (dạng 2026-12-31 hoặc 2026-12-31T17:00:00+07:00).") from None
    return v if isinstance(v, str) else v.isoformat()


Deadline = Annotated[Optional[Union[str, date, datetime]], AfterValidator(_deadline)]


class SignerIn(Schema):
    authority: Literal["", "TM.", "KT.", "Q.", "TL.", "TUQ."] = ""
    position: str = Field(min_length=2, max_length=120)
    full_name: str = Field(min_length=2, max_length=120)
    # the principal after the prefix ("TRƯỞNG PHÒNG" in "KT. TRƯỞNG PHÒNG"); derived when absent
    on_behalf_of: Optional[str] = Field(default=None, max_length=200)

    _n = field_validator("position", "full_name", "on_behalf_of")(_nfc)


class DraftIn(Schema):
    type_code: str
    summary: str = Field(min_length=3, max_length=1000)
    body: Optional[str] = Field(default=None, max_length=200_000)
    urgency: int = Field(default=0, ge=0, le=4)
    confidentiality: int = Field(default=0, ge=0, le=3)
    section: Optional[str] = Field(default=None, max_length=20, pattern=r"^[0-9A-Za-zĐđ&]+$")
    signer: Optional[SignerIn] = None
    recipients: list[str] = Field(default_factory=list, max_length=2000)
    response_deadline: Deadline = None
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
    """Every field optional: only what is sent changes. A draft always has a type,
    a summary and a recipient list, so those may be left out but not set to null."""
    type_code: Optional[str] = None
    summary: Optional[str] = Field(default=None, min_length=3, max_length=1000)
    recipients: Optional[list[str]] = None

    @field_validator("type_code", "summary", "recipients", mode="before")
    @classmethod
    def _not_null(cls, v):
        if v is None:
            raise ValueError("Không được để trống.")
        return v


class AssignIn(Schema):
    lead_user_id: str = Field(min_length=1)
    coordinator_ids: list[str] = Field(default_factory=list, max_length=50)
    deadline: Deadline = None
    direction: Optional[str] = Field(default=None, max_length=4000)

    _n = field_validator("direction")(_nfc)


class ChangeRequestIn(Schema):
    kind: Literal["recall", "update", "replace"]
    reason: str = Field(min_length=3, max_length=2000)
    changes: Optional[dict] = None
    replacement_id: Optional[str] = None
    recipients: Optional[list[str]] = None   # default: every recipient still holding it

    _n = field_validator("reason")(_nfc)


class ExternalIn(Schema):
    """A document that reached the unit outside the system (paper, e-mail, scan),
    entered by the clerk, often pre-filled from the .docx (formats.inspect_docx)."""
    sender_name: str = Field(min_length=2, max_length=300)     # tác giả / cơ quan ban hành
    sender_code: Optional[str] = Field(default=None, max_length=40)
    symbol: Optional[str] = Field(default=None, max_length=60)  # số, ký hiệu as printed
    type_code: str
    summary: str = Field(min_length=3, max_length=1000)
    issued_date: Optional[date] = None
    signer: Optional[SignerIn] = None
    urgency: int = Field(default=0, ge=0, le=4)
    confidentiality: int = Field(default=0, ge=0, le=3)
    response_deadline: Deadline = None
    file: Optional[dict] = None                                 # a StoredFile from Storage.put_stream

    _n = field_validator("sender_name", "symbol", "summary")(_nfc)
    _t = field_validator("type_code")(DraftIn._type.__func__)


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
