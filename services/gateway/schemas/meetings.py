"""Shapes of the meetings API (Cuộc họp). Requests mirror the meetings service's
own input schemas (services/meetings/schemas.py), bounded so that nonsense is a
422 here rather than an error deep in a service; responses mirror its views
(services/meetings/views.py) and leave out storage keys."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, model_validator

from services.meetings.domain import participants, quorum, schedule, votes

from . import (DateOrTime, Id, In, Out, PageInfo, People, Query, Role, UnitKind,  # noqa: F401 (re-exported)
               UploadQuery, UserList)

MeetingKind = Literal[tuple(schedule.KINDS)]  # type: ignore[valid-type]
MeetingStatus = Literal[tuple(schedule.STATUS_LABELS)]  # type: ignore[valid-type]
QuorumRule = Literal[tuple(quorum.RULES)]  # type: ignore[valid-type]
Threshold = Literal[tuple(votes.THRESHOLDS)]  # type: ignore[valid-type]

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def _sane_time(value: datetime) -> datetime:
    """Times far outside the office's working life would overflow time-zone
    arithmetic in the services: refuse them here."""
    if not FIRST_DAY.year <= value.year <= LAST_DAY.year:
        raise ValueError("Thời gian phải trong khoảng năm 2000–2100.")
    return value


When = Annotated[datetime, AfterValidator(_sane_time)]
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
OptionalId = Field(default=None, min_length=1, max_length=64)
IdItem = Annotated[str, Field(min_length=1, max_length=64)]


# ================================================================ requests
class PersonRefIn(In):
    """One person (``user_id``), everyone with ``role`` in a unit (``unit_code``), or
    everyone with ``role`` in every unit of some kinds (``unit_kinds``: "all principals"
    is kinds MN/TH/TH&THCS/THCS with role lanh_dao). The role defaults to lanh_dao."""
    user_id: Optional[str] = OptionalId
    unit_code: Optional[str] = Field(default=None, min_length=1, max_length=40)
    unit_kinds: Optional[list[UnitKind]] = Field(default=None, min_length=1, max_length=20)
    role: Optional[Role] = None

    @model_validator(mode="after")
    def _one_target(self):
        problem = participants.person_ref_problem(self.user_id, self.unit_code, self.unit_kinds, self.role)
        if problem:
            raise ValueError(problem)
        return self


class AgendaItemIn(In):
    title: str = Field(min_length=2, max_length=500)
    description: Optional[str] = Field(default=None, max_length=5000)
    presenter_id: Optional[str] = OptionalId
    duration_minutes: int = Field(default=0, ge=0, le=600, description="Thời lượng dự kiến (phút)")


class AgendaItemPatch(In):
    """Only the fields sent change."""
    title: str = Field(default=None, min_length=2, max_length=500)
    description: Optional[str] = Field(default=None, max_length=5000)
    presenter_id: Optional[str] = OptionalId
    duration_minutes: int = Field(default=None, ge=0, le=600)


class _MeetingFields(In):
    title: str = Field(min_length=3, max_length=500)
    kind: MeetingKind = "khac"
    description: Optional[str] = Field(default=None, max_length=20000)
    starts_at: When
    ends_at: When
    place: Optional[str] = Field(default=None, max_length=300, description="Địa điểm (phòng họp)")
    online_url: Optional[str] = Field(default=None, max_length=1000, pattern=r"^https?://\S+$",
                                      description="Đường dẫn họp trực tuyến")
    paperless: bool = True
    chair_id: str = Id
    secretary_id: Optional[str] = OptionalId
    quorum_rule: Optional[QuorumRule] = None
    vote_threshold: Optional[Threshold] = None


class ScheduleIn(_MeetingFields):
    members: list[PersonRefIn] = Field(default_factory=list, max_length=500, description="Đại biểu (có biểu quyết)")
    guests: list[PersonRefIn] = Field(default_factory=list, max_length=500, description="Khách mời")
    agenda: list[AgendaItemIn] = Field(default_factory=list, max_length=100)


class MeetingPatch(_MeetingFields):
    """Only the fields sent change; a new time or place outdates the giấy mời."""
    title: str = Field(default=None, min_length=3, max_length=500)
    kind: MeetingKind = None
    starts_at: When = None
    ends_at: When = None
    paperless: bool = None
    chair_id: str = Field(default=None, min_length=1, max_length=64)


class CancelIn(In):
    reason: str = Field(min_length=3, max_length=2000, description="Lý do hủy")


class ParticipantsIn(In):
    members: list[PersonRefIn] = Field(default_factory=list, max_length=500)
    guests: list[PersonRefIn] = Field(default_factory=list, max_length=500)


class RespondIn(In):
    answer: Literal["attend", "decline", "delegate"] = Field(description="Tham dự, không tham dự, ủy quyền")
    reason: Optional[str] = Field(default=None, max_length=1000)
    delegate_id: Optional[str] = OptionalId


class DelegateIn(In):
    delegate_id: str = Id
    note: Optional[str] = Field(default=None, max_length=1000)


class RevokeQuery(Query):
    member_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                     description="Đại biểu có ủy quyền bị thu hồi (chủ trì/thư ký); mặc định: tôi")


class OrderIn(In):
    item_ids: list[IdItem] = Field(min_length=1, max_length=100)


class MaterialUploadQuery(Query):
    filename: str = Field(min_length=1, max_length=255, description="Tên tệp (UTF-8)")
    title: Optional[str] = Field(default=None, min_length=2, max_length=500, description="Tên tài liệu")
    material_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                       description="Tải phiên bản mới của tài liệu này")


class VersionQuery(Query):
    version: Optional[int] = Field(default=None, ge=1, le=1000, description="Mặc định: phiên bản hiện hành")


class RejectIn(In):
    reason: str = Field(min_length=3, max_length=1000)


class CheckInIn(In):
    user_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                   description="Điểm danh cho người khác (chủ trì/thư ký); mặc định: tôi")


class AbsenceIn(In):
    user_id: str = Id
    reason: str = Field(min_length=2, max_length=1000)


class CurrentItemIn(In):
    item_id: str = Id


class SpeakerIn(In):
    item_id: str = Id
    user_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                   description="Đăng ký cho người khác (chủ trì/thư ký); mặc định: tôi")


class SpeakerOrderIn(In):
    item_id: str = Id
    speaker_ids: list[IdItem] = Field(min_length=1, max_length=500)


class CallSpeakerIn(In):
    speaker_id: Optional[str] = Field(default=None, min_length=1, max_length=64)
    item_id: Optional[str] = Field(default=None, min_length=1, max_length=64)


class StopSpeakerIn(In):
    speaker_id: Optional[str] = Field(default=None, min_length=1, max_length=64)


class SpeakersQuery(Query):
    item_id: Optional[str] = Field(default=None, min_length=1, max_length=64, description="Mặc định: nội dung đang họp")


class VoteIn(In):
    question: str = Field(min_length=3, max_length=1000)
    item_id: Optional[str] = Field(default=None, min_length=1, max_length=64)
    secret: bool = Field(default=False, description="Bỏ phiếu kín")
    kind: Literal["yes_no", "options"] = Field(default="yes_no",
                                               description="Tán thành/không tán thành/không biểu quyết, hoặc phương án")
    options: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(default_factory=list,
                                                                               max_length=votes.MAX_OPTIONS)
    multiple: bool = False
    min_choices: Optional[int] = Field(default=None, ge=0, le=votes.MAX_OPTIONS)
    max_choices: Optional[int] = Field(default=None, ge=1, le=votes.MAX_OPTIONS)
    threshold: Optional[Threshold] = None
    require_quorum: bool = True


class BallotIn(In):
    choices: list[Annotated[str, Field(min_length=1, max_length=20)]] = Field(max_length=votes.MAX_OPTIONS,
                                                                              description="Mã phương án")
    seat: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                description="Đại biểu mà phiếu này thay mặt (khi nhận ủy quyền)")


class OpinionIn(In):
    title: str = Field(min_length=3, max_length=500)
    text: Optional[str] = Field(default=None, max_length=100_000)
    deadline: DateOrTime = Field(description="Hạn góp ý (một ngày: hết ngày đó)")
    recipient_ids: Optional[list[IdItem]] = Field(default=None, min_length=1, max_length=2000,
                                                  description="Mặc định: mọi người dự họp")
    upload_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                     description="Tệp dự thảo đã tải lên qua PUT .../uploads")

    @model_validator(mode="after")
    def _content(self):
        if not (self.text or self.upload_id):
            raise ValueError("Cần nội dung dự thảo hoặc tệp đính kèm.")
        if isinstance(self.deadline, (date, datetime)) and not FIRST_DAY.year <= self.deadline.year <= LAST_DAY.year:
            raise ValueError("Hạn góp ý phải trong khoảng năm 2000–2100.")
        return self


class AnswerIn(In):
    agree: bool
    comment: Optional[str] = Field(default=None, max_length=10_000)


class ConclusionIn(In):
    text: str = Field(min_length=3, max_length=20_000)


class MeetingsQuery(Query):
    scope: Literal["mine", "unit"] = Field(default="mine", description="unit: mọi cuộc họp đơn vị tổ chức (lãnh đạo)")
    date_from: Optional[Day] = None
    date_to: Optional[Day] = None
    status: Optional[MeetingStatus] = None
    q: Optional[str] = Field(default=None, max_length=200, description="Tìm không dấu trong tên cuộc họp")
    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=20, ge=1, le=200)


class CalendarQuery(Query):
    date: Optional[Day] = Field(default=None, description="Mặc định: hôm nay")
    view: Literal["day", "week", "month"] = "week"
    include_cancelled: bool = True


class IcsQuery(Query):
    date_from: Optional[Day] = None
    date_to: Optional[Day] = None


class RoomQuery(Query):
    since: Optional[str] = Field(default=None, max_length=40, description="Phiên bản của lần trả lời trước")


class PeopleQuery(Query):
    unit_code: Optional[str] = Field(default=None, min_length=1, max_length=40, description="Mặc định: đơn vị tôi")
    role: Optional[Role] = None


# ================================================================ responses
class FileInfo(Out):
    name: str
    size: int
    sha256: Optional[str] = None
    content_type: Optional[str] = None


class FileLink(FileInfo):
    url: str = Field(description="Đường dẫn tải có thời hạn")


class MeetingSummary(Out):
    meeting_id: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    unit_code: str
    unit_name: Optional[str] = None
    starts_at: datetime
    ends_at: datetime
    place: Optional[str] = None
    online_url: Optional[str] = None
    paperless: bool = True
    chair_id: str
    secretary_id: Optional[str] = None
    cancel_reason: Optional[str] = None
    version: int = 0


class MeetingRow(MeetingSummary):
    my_role: Optional[str] = None
    my_role_label: Optional[str] = None
    my_response: Optional[str] = None
    my_response_label: Optional[str] = None
    chair_name: Optional[str] = None


class MeetingPage(PageInfo):
    items: list[MeetingRow]


class CalendarDay(Out):
    date: date
    meetings: list[MeetingRow]


class CalendarView(Out):
    view: str
    date: date
    from_: datetime = Field(alias="from")
    to: datetime
    days: list[CalendarDay]


class MaterialVersion(Out):
    version: int
    name: str
    size: int
    sha256: Optional[str] = None
    content_type: Optional[str] = None
    submitted_by: Optional[str] = None
    submitted_at: Optional[datetime] = None
    status: str
    status_label: str
    decided_by: Optional[str] = None
    decided_at: Optional[datetime] = None
    reason: Optional[str] = None


class Material(Out):
    material_id: str
    item_id: str
    title: str
    current_version: Optional[int] = Field(default=None, description="Phiên bản đã duyệt mới nhất")
    versions: list[MaterialVersion]


class AgendaItem(Out):
    item_id: str
    position: int
    title: str
    description: Optional[str] = None
    presenter_id: Optional[str] = None
    duration_minutes: int = 0
    conclusion: Optional[str] = None
    concluded_by: Optional[str] = None
    concluded_at: Optional[datetime] = None
    materials: list[Material] = []


class AgendaList(Out):
    items: list[AgendaItem]


class Participant(Out):
    user_id: str
    full_name: str
    position: Optional[str] = None
    unit_code: Optional[str] = None
    role: str
    role_label: str
    voting: bool
    response: str
    response_label: str
    response_reason: Optional[str] = None
    responded_at: Optional[datetime] = None
    present: bool
    checked_in_at: Optional[datetime] = None
    late: bool = False
    minutes_late: Optional[int] = None
    absence_reason: Optional[str] = None
    delegated_to: Optional[str] = Field(default=None, description="Người nhận ủy quyền của đại biểu này")
    holds_mandates_of: list[str] = []


class AttendanceCounts(Out):
    expected: int
    present: int
    present_in_person: int
    represented: int = Field(description="Vắng nhưng có người nhận ủy quyền có mặt")
    absent: int
    late: int
    people_present: int


class QuorumState(Out):
    rule: str
    rule_label: str
    total_seats: int
    present_seats: int
    required: int
    reached: bool


class Invitation(Out):
    document_id: Optional[str] = None
    symbol: Optional[str] = None
    recipients: list[str] = []
    file: Optional[FileInfo] = None
    sent_at: Optional[datetime] = None
    sent_by: Optional[str] = None


class Paperwork(Out):
    minutes_file: Optional[FileInfo] = None
    notice_file: Optional[FileInfo] = None
    revision: int = 0
    generated_at: Optional[datetime] = None
    generated_by: Optional[str] = None
    approved_at: Optional[datetime] = None
    approved_by: Optional[str] = None
    notice_document_id: Optional[str] = None
    notice_symbol: Optional[str] = None
    notice_recipients: list[str] = []


class GeneratedMinutes(Paperwork):
    minutes_url: str
    notice_url: str


class VoteOption(Out):
    id: str
    label: str


class ResultRow(VoteOption):
    count: int
    percent_of_present: Optional[float] = None
    percent_of_all: Optional[float] = None
    percent_of_cast: Optional[float] = None
    meets_threshold: bool


class VoteResults(Out):
    ballots: int
    present_seats: int
    total_seats: int
    not_voted: int
    options: list[ResultRow]
    threshold: str
    threshold_label: str
    threshold_base: str
    required: int
    quorum_reached: bool
    adopted: list[str]
    passed: bool
    summary: str


class Vote(Out):
    vote_id: str
    meeting_id: str
    item_id: Optional[str] = None
    question: str
    secret: bool
    kind: str
    options: list[VoteOption]
    multiple: bool = False
    min_choices: Optional[int] = None
    max_choices: Optional[int] = None
    threshold: str
    status: str
    ballots: int = 0
    opened_at: Optional[datetime] = None
    closed_at: Optional[datetime] = None
    results: Optional[VoteResults] = None


class MySeat(Out):
    seat: str = Field(description="Đại biểu mà phiếu thay mặt (chính tôi, hoặc người ủy quyền cho tôi)")
    voted: bool


class NamedBallot(Out):
    seat: str
    cast_by: str
    choices: list[str]


class VoteDetail(Vote):
    my_seats: list[MySeat] = []
    can_vote: bool = False
    named_ballots: Optional[list[NamedBallot]] = Field(default=None,
                                                       description="Chỉ với biểu quyết công khai đã kết thúc")


class VoteList(Out):
    items: list[Vote]


class VoteDetailWithPeople(VoteDetail, People):
    pass


class BallotReceipt(Out):
    vote_id: str
    seat: str
    counted: bool


class MandateRow(Out):
    mandate_id: str
    member_id: str
    delegate_id: str
    status: str
    used: bool = False


class Mandate(MandateRow):
    note: Optional[str] = None
    granted_at: Optional[datetime] = None
    revoked_at: Optional[datetime] = None


class MyMandates(People):
    given: list[Mandate]
    held: list[Mandate]
    seats: list[str]


class Me(Out):
    user_id: str
    participant: bool
    role: Optional[str] = None
    role_label: Optional[str] = None
    voting: bool = False
    response: Optional[str] = None
    present: bool = False
    can_manage: bool = False
    is_chair: bool = False
    is_secretary: bool = False
    seats: list[str] = []
    delegated_to: Optional[str] = None
    mandate: Optional[MandateRow] = None
    holds_mandates_of: list[str] = []


class Meeting(MeetingSummary, People):
    description: Optional[str] = None
    quorum_rule: str
    quorum_rule_label: str
    vote_threshold: str
    vote_threshold_label: str
    sequence: int = 0
    current_item_id: Optional[str] = None
    started_at: Optional[datetime] = None
    ended_at: Optional[datetime] = None
    cancelled_at: Optional[datetime] = None
    agenda: list[AgendaItem]
    participants: list[Participant]
    attendance: AttendanceCounts
    quorum: QuorumState
    invitations: list[Invitation]
    invitation_outdated: bool = Field(description="Thời gian/địa điểm đã đổi sau giấy mời gần nhất: cần gửi lại")
    paperwork: Optional[Paperwork] = None
    votes: list[Vote]
    me: Me


class CheckInResult(Out):
    participant: Participant
    attendance: AttendanceCounts
    quorum: QuorumState


class AttendanceView(Out):
    participants: list[Participant]
    attendance: AttendanceCounts
    quorum: QuorumState


class Speaker(Out):
    speaker_id: str
    item_id: str
    user_id: str
    full_name: Optional[str] = None
    status: str
    status_label: str
    position: int = 0
    registered_at: Optional[datetime] = None
    called_at: Optional[datetime] = None
    started_at: Optional[datetime] = None
    ended_at: Optional[datetime] = None
    seconds: Optional[int] = None


class SpeakerList(Out):
    items: list[Speaker]


class RoomItem(Out):
    item_id: str
    position: int
    title: str


class Room(People):
    """The live room. ``changed`` false: nothing changed since ``since``; only
    ``version`` is sent then."""
    changed: bool
    version: str
    meeting: Optional[MeetingSummary] = None
    agenda: list[RoomItem] = []
    current_item: Optional[AgendaItem] = None
    speakers: list[Speaker] = []
    speaking: Optional[Speaker] = None
    vote: Optional[VoteDetail] = None
    attendance: Optional[AttendanceCounts] = None
    quorum: Optional[QuorumState] = None
    me: Optional[Me] = None
    server_time: Optional[datetime] = None


class Opinion(Out):
    request_id: str
    meeting_id: str
    title: str
    text: Optional[str] = None
    file: Optional[FileInfo] = None
    deadline: datetime
    status: str
    recipient_ids: list[str]
    created_by: Optional[str] = None
    created_at: Optional[datetime] = None


class MyAnswer(Out):
    agree: bool
    comment: Optional[str] = None
    answered_at: Optional[datetime] = None


class OpinionRow(Opinion):
    open: bool = False
    my_answer: Optional[MyAnswer] = None


class OpinionList(Out):
    items: list[OpinionRow]


class OpinionAnswer(MyAnswer):
    request_id: str


class OpinionPerson(Out):
    user_id: str
    full_name: Optional[str] = None
    unit_code: Optional[str] = None


class OpinionAnswerRow(OpinionPerson):
    agree: bool
    comment: Optional[str] = None
    answered_at: Optional[datetime] = None


class OpinionSummary(Out):
    request: Opinion
    expected: int
    answered: int
    agree: int
    disagree: int
    percent_agree: Optional[float] = None
    answers: list[OpinionAnswerRow]
    missing: list[OpinionPerson]


class MeetingUpload(Out):
    upload_id: str
    name: str
    size: int
    content_type: Optional[str] = None


class AuditEntry(Out):
    at: Optional[datetime] = None
    by: Optional[str] = None
    by_name: Optional[str] = None
    action: str
    detail: dict = {}


class AuditList(Out):
    items: list[AuditEntry]
