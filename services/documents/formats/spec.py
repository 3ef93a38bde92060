"""What a rendered official document is made of: the plain-dict contract that
the documents service and other services (meetings: giấy mời, biên bản) pass to
``render.render_docx``."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal, Optional, Union

from pydantic import Field, field_validator

from services.common.clock import local_date
from services.common.schemas import Schema
from services.common.text import nfc

from .. import domain


def _nfc(v):
    if isinstance(v, str):
        return nfc(v)
    if isinstance(v, list):
        return [nfc(x) for x in v if isinstance(x, str) and x.strip()]
    return v


class SignerSpec(Schema):
    authority: Literal["", "TM.", "KT.", "Q.", "TL.", "TUQ."] = ""
    position: str = Field(min_length=2, max_length=120)   # "PHÓ TRƯỞNG PHÒNG"
    full_name: str = Field(min_length=2, max_length=120)
    # The principal named after the prefix ("TRƯỞNG PHÒNG" in "KT. TRƯỞNG PHÒNG");
    # derived when absent (see decree30.authority_line).
    on_behalf_of: Optional[str] = Field(default=None, max_length=200)

    _n = field_validator("position", "full_name", "on_behalf_of")(_nfc)


class DocumentSpec(Schema):
    type_code: str
    issuing_unit: str = Field(min_length=2, max_length=300)      # tên cơ quan ban hành
    superior_unit: Optional[str] = Field(default=None, max_length=300)  # cơ quan chủ quản
    unit_symbol: Optional[str] = Field(default=None, max_length=30)     # GDĐT, for an unnumbered draft
    unit_kind: Optional[str] = None
    symbol: Optional[str] = Field(default=None, max_length=60)          # 18/KH-GDĐT; none on a draft
    section: Optional[str] = Field(default=None, max_length=20)         # drafting section (Lưu: VT, <section>)
    summary: str = Field(min_length=3, max_length=1000)                 # trích yếu
    place: Optional[str] = Field(default=None, max_length=100)
    date: Optional[Date] = None
    body: Union[str, list[str], None] = None
    addressees: list[str] = Field(default_factory=list, max_length=200)  # Kính gửi
    recipients: list[str] = Field(default_factory=list, max_length=2000)  # Nơi nhận
    signer: Optional[SignerSpec] = None
    co_signer: Optional[SignerSpec] = None   # left block of a biên bản (thư ký)
    urgency: int = Field(default=0, ge=0, le=4)
    confidentiality: int = Field(default=0, ge=0, le=3)

    _n = field_validator("issuing_unit", "superior_unit", "unit_symbol", "symbol", "section", "summary",
                         "place", "body", "addressees", "recipients")(_nfc)

    @field_validator("type_code")
    @classmethod
    def _type(cls, v):
        v = nfc(v)
        if v not in domain.DOCUMENT_TYPES:
            raise ValueError("Loại văn bản không có trong danh mục Nghị định 30.")
        return v

    def paragraphs(self) -> list[str]:
        text = self.body if isinstance(self.body, list) else (self.body or "").split("\n")
        return [line.strip() for line in text if line and line.strip()]


def outgoing_spec(doc, unit: dict, recipient_names: list[str]) -> dict:
    """The render input for an ``OutgoingDocument`` (draft or issued) of ``unit``
    (a directory unit dict). A công văn names its recipients in "Kính gửi" and
    lists them as "Như trên"; other kinds list them under "Nơi nhận"."""
    when = doc.issued_at
    return {
        "type_code": doc.type_code, "issuing_unit": doc.unit_name or unit.get("name") or doc.unit_code,
        "superior_unit": unit.get("superior_name"), "unit_symbol": unit.get("short_name"),
        "unit_kind": unit.get("kind"), "symbol": doc.symbol, "section": doc.section, "summary": doc.summary,
        "place": doc.place or unit.get("place"), "date": local_date(when).isoformat() if when else None,
        "body": doc.body, "addressees": recipient_names if doc.type_code == domain.CONG_VAN else [],
        "recipients": [] if doc.type_code == domain.CONG_VAN else recipient_names,
        "signer": doc.signer.as_dict() if doc.signer else None,
        "urgency": doc.urgency or 0, "confidentiality": doc.confidentiality or 0,
    }
