"""Input shapes for notifications commands."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, HttpUrl

from services.common.schemas import Schema


class PreferencesIn(Schema):
    kinds: dict[str, list[str]] = Field(default_factory=dict)
    quiet_start: Optional[str] = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    quiet_end: Optional[str] = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    digest: bool = False


class WebhookIn(Schema):
    name: str = Field(min_length=2, max_length=100)
    url: HttpUrl
    secret: str = Field(min_length=16, max_length=200)
    kinds: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)


class InboxQuery(Schema):
    unread_only: bool = False
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=100)
