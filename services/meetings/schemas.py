"""Input shapes of meetings commands and queries (validated at the edge)."""
from __future__ import annotations

from datetime import date as Date, datetime
from typing import Literal, Optional, Union

from pydantic import Field, field_validator, model_validator

from services.common.actor import ROLES
from services.common.errors import ValidationFailed
from services.common.schemas import Schema, load
from services.common.text import nfc

from .domain import calendar, participants, quorum, schedule, votes


def _nfc(v):
    return nfc(v) if isinstance(v, str) else v


class PersonRef(Schema):
    """Who to invite: one user, everyone with ``role`` in a unit, or everyone with
    ``role`` in every unit of some kinds ("all principals": kinds MN/TH/TH&THCS/THCS,
    role lanh_dao)."""
    user_id: Optional[str] = Field(default=None, min_length=1, max_length=100)
    unit_code: Optional[str] = Field(default=None, min_length=1, max_length=50)
    unit_kinds: Optional[list[str]] = Field(default=None, min_length=1, max_length=20)
    role: Optional[Literal[ROLES]] = None

    @model_validator(mode="after")
    def _one_target(self):
        problem = participants.person_ref_problem(self.user_id, self.unit_code, self.unit_kinds, self.role)
        if problem:
            raise ValueError(problem)
        return self

    def described(self) -> dict:
        return self.model_dump(exclude_none=True)


class AgendaItemIn(Schema):
    title: str = Field(min_length=2, max_length=500)
    description: Optional[str] = Field(default=None, max_length=5000)
    presenter_id: Optional[str] = Field(default=None, max_length=100)
    duration_minutes: int = Field(default=0, ge=0, le=600)

    _n = field_validator("title", "description")(_nfc)


class AgendaItemPatch(AgendaItemIn):
    title: Optional[str] = Field(default=None, min_length=2, max_length=500)
    duration_minutes: Optional[int] = Field(default=None, ge=0, le=600)


class _MeetingFields(Schema):
    title: str = Field(min_length=3, max_length=500)
    kind: Literal[tuple(schedule.KINDS)] = "khac"
    description: Optional[str] = Field(default=None, max_length=20000)
    starts_at: datetime
    ends_at: datetime
    place: Optional[str] = Field(default=None, max_length=300)
    online_url: Optional[str] = Field(default=None, max_length=1000, pattern=r"^https?://\S+$")
    paperless: bool = True
    chair_id: str = Field(min_length=1, max_length=100)
    secretary_id: Optional[str] = Field(default=None, max_length=100)
    quorum_rule: Optional[Literal[tuple(quorum.RULES)]] = None
    vote_threshold: Optional[Literal[tuple(votes.THRESHOLDS)]] = None

    _n = field_validator("title", "description", "place")(_nfc)


class ScheduleIn(_MeetingFields):
    members: list[PersonRef] = Field(default_factory=list, max_length=500)
    guests: list[PersonRef] = Field(default_factory=list, max_length=500)
    agenda: list[AgendaItemIn] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _where(self):
        if not (self.place or self.online_url):
            raise ValueError("Cần địa điểm hoặc đường dẫn họp trực tuyến.")
        if self.secretary_id and self.secretary_id == self.chair_id:
            raise ValueError("Không thể vừa là chủ trì vừa là thư ký.")
        return self


class MeetingPatch(_MeetingFields):
    """Only what is sent changes."""
    title: Optional[str] = Field(default=None, min_length=3, max_length=500)
    kind: Optional[Literal[tuple(schedule.KINDS)]] = None
    starts_at: Optional[datetime] = None
    ends_at: Optional[datetime] = None
    paperless: Optional[bool] = None
    chair_id: Optional[str] = Field(default=None, min_length=1, max_length=100)


class ParticipantsIn(Schema):
    members: list[PersonRef] = Field(default_factory=list, max_length=500)
    guests: list[PersonRef] = Field(default_factory=list, max_length=500)


class RespondIn(Schema):
    answer: Literal["attend", "decline", "delegate"]
    reason: Optional[str] = Field(default=None, max_length=1000)
    delegate_id: Optional[str] = Field(default=None, max_length=100)

    _n = field_validator("reason")(_nfc)


class FileIn(Schema):
    """A file already streamed to S3 with ``Storage.put_stream`` (prefix uploads)."""
    key: str = Field(min_length=8, max_length=300)
    name: str = Field(min_length=1, max_length=255)
    size: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    content_type: Optional[str] = Field(default=None, max_length=200)


class MaterialIn(Schema):
    file: FileIn
    title: Optional[str] = Field(default=None, min_length=2, max_length=500)
    material_id: Optional[str] = Field(default=None, max_length=100)   # a new version of this material

    _n = field_validator("title")(_nfc)


class VoteIn(Schema):
    question: str = Field(min_length=3, max_length=1000)
    item_id: Optional[str] = Field(default=None, max_length=100)
    secret: bool = False
    kind: Literal["yes_no", "options"] = "yes_no"
    options: list[str] = Field(default_factory=list, max_length=votes.MAX_OPTIONS)
    multiple: bool = False
    min_choices: Optional[int] = Field(default=None, ge=0, le=votes.MAX_OPTIONS)
    max_choices: Optional[int] = Field(default=None, ge=1, le=votes.MAX_OPTIONS)
    threshold: Optional[Literal[tuple(votes.THRESHOLDS)]] = None
    require_quorum: bool = True

    _n = field_validator("question")(_nfc)

    @field_validator("options")
    @classmethod
    def _labels(cls, v):
        return [nfc(x) for x in v]


class OpinionIn(Schema):
    title: str = Field(min_length=3, max_length=500)
    text: Optional[str] = Field(default=None, max_length=100_000)
    file: Optional[FileIn] = None
    deadline: Union[datetime, Date]
    recipient_ids: Optional[list[str]] = Field(default=None, max_length=2000)

    _n = field_validator("title", "text")(_nfc)

    @model_validator(mode="after")
    def _content(self):
        if not (self.text or self.file):
            raise ValueError("Cần nội dung dự thảo hoặc tệp đính kèm.")
        return self


class AnswerIn(Schema):
    agree: bool
    comment: Optional[str] = Field(default=None, max_length=10_000)

    _n = field_validator("comment")(_nfc)


class ConclusionIn(Schema):
    text: str = Field(min_length=3, max_length=20_000)

    _n = field_validator("text")(_nfc)


class CalendarQuery(Schema):
    date: Optional[Date] = None          # default: today (Vietnam)
    view: Literal[calendar.DAY, calendar.WEEK, calendar.MONTH] = calendar.WEEK
    include_cancelled: bool = True


class MeetingsQuery(Schema):
    scope: Literal["mine", "unit"] = "mine"     # unit: meetings the actor's unit organises (its leaders)
    date_from: Optional[Date] = None
    date_to: Optional[Date] = None
    status: Optional[Literal[tuple(schedule.STATUS_LABELS)]] = None
    q: Optional[str] = Field(default=None, max_length=200)
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=200)


class IcsQuery(Schema):
    date_from: Optional[Date] = None     # default: 30 days ago
    date_to: Optional[Date] = None       # default: a year ahead


def parse(model, data):
    """``services.common.schemas.load`` with pydantic's "Value error, " prefix
    removed from our own messages."""
    try:
        return load(model, data)
    except ValidationFailed as exc:
        fields = {k: v.removeprefix("Value error, ") for k, v in exc.fields.items()}
        raise ValidationFailed(exc.message, fields) from None
