"""Input shapes for directory commands."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator

from services.common.actor import ROLES
from services.common.schemas import Schema
from services.common.text import nfc

from .domain import UNIT_KINDS


class UnitIn(Schema):
    code: str = Field(min_length=3, max_length=40, pattern=r"^[0-9A-Za-z.\-]+$")
    name: str = Field(min_length=2, max_length=250)
    short_name: str = Field(min_length=1, max_length=30)
    kind: str
    parent: Optional[str] = None
    place: Optional[str] = Field(default=None, max_length=100)
    superior_name: Optional[str] = Field(default=None, max_length=250)
    email: Optional[str] = Field(default=None, max_length=200)
    active: bool = True

    @field_validator("name", "short_name", "place", "superior_name")
    @classmethod
    def _nfc(cls, v):
        return nfc(v)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v):
        if v not in UNIT_KINDS:
            raise ValueError(f"Loại đơn vị phải là một trong: {', '.join(UNIT_KINDS)}")
        return v


class UserIn(Schema):
    username: str = Field(min_length=3, max_length=60, pattern=r"^[a-z0-9._\-]+$")
    full_name: str = Field(min_length=2, max_length=120)
    position: Optional[str] = Field(default=None, max_length=120)
    unit_code: str
    roles: list[Literal["van_thu", "lanh_dao", "chuyen_vien", "admin"]] = Field(min_length=1)
    email: Optional[str] = Field(default=None, max_length=200)
    password: Optional[str] = Field(default=None, min_length=8, max_length=200)
    active: bool = True

    @field_validator("full_name", "position")
    @classmethod
    def _nfc(cls, v):
        return nfc(v)


assert set(ROLES) == {"van_thu", "lanh_dao", "chuyen_vien", "admin"}
