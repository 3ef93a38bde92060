"""The public API's shapes. Requests are parsed strictly (unknown fields and
wrong types are refused with a field-level message); responses are validated
before they leave, and the OpenAPI document is generated from these models."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from services.common.clock import VN

from services.common.actor import ROLES
from services.directory.domain import UNIT_KINDS
from services.documents import domain as documents_domain
from services.notifications import domain as notifications_domain

DocumentType = Literal[tuple(documents_domain.DOCUMENT_TYPES)]  # type: ignore[valid-type]
SignerAuthority = Literal[documents_domain.SIGNER_AUTHORITIES]  # type: ignore[valid-type]
ItemStatus = Literal[tuple(documents_domain.STATUS_LABELS)]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
UnitKind = Literal[tuple(UNIT_KINDS)]  # type: ignore[valid-type]


def _end_of_day(value: date | datetime) -> str:
    """A bare date is a deadline: the end of that day in Vietnam, spelled out so
    the services cannot read it as midnight at its start."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, 23, 59, 59, tzinfo=VN)
    return value.isoformat()


DateOrTime = Annotated[Union[datetime, date], PlainSerializer(_end_of_day, return_type=str, when_used="json")]

Id = Field(min_length=1, max_length=64)
Note = Field(default=None, max_length=2000)


class In(BaseModel):
    """A request body: unknown fields are an error, text is trimmed."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Query(BaseModel):
    """Query parameters: unknown ones are ignored (links may carry UI state)."""
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Out(BaseModel):
    """A response: only the documented fields leave the gateway."""
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# ================================================================ errors
class ErrorDetail(Out):
    code: str = Field(description="Mã lỗi cho máy đọc, ví dụ NOT_FOUND, VALIDATION_FAILED.")
    message: str = Field(description="Thông báo cho người dùng (tiếng Việt).")
    fields: Optional[dict[str, str]] = Field(default=None, description="Lỗi theo từng trường: tên trường → thông báo.")


class ErrorBody(Out):
    error: ErrorDetail


# ================================================================ auth
class LoginIn(In):
    username: str = Field(min_length=1, max_length=60)
    password: str = Field(min_length=1, max_length=200)


class ChangePasswordIn(In):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class User(Out):
    user_id: str
    username: str
    full_name: str
    position: Optional[str] = None
    unit_code: str
    roles: list[str]
    email: Optional[str] = None
    active: bool = True
    updated_at: Optional[datetime] = None


class Session(Out):
    token: str = Field(description="Mã phiên (JWT); gửi lại trong tiêu đề Authorization: Bearer.")
    token_type: Literal["Bearer"]
    expires_at: datetime
    user: User


# ================================================================ directory
class Unit(Out):
    code: str
    name: str
    short_name: str
    kind: str
    parent: Optional[str] = None
    place: Optional[str] = None
    superior_name: Optional[str] = None
    email: Optional[str] = None
    active: bool = True
    updated_at: Optional[datetime] = None


class UnitNode(Unit):
    children: list["UnitNode"] = []


class UnitGroup(Out):
    key: str
    label: str
    codes: list[str]


class UnitTree(Out):
    tree: list[UnitNode]
    groups: list[UnitGroup] = Field(description="Lối tắt chọn nơi nhận: tất cả trường, tất cả trường MN, ...")


class UnitList(Out):
    items: list[Unit]


class UserList(Out):
    items: list[User]


class Me(Out):
    user: User
    unit: Optional[Unit] = None
    role_labels: list[str]


class UnitsQuery(Query):
    kind: Optional[UnitKind] = None


class UnitUsersQuery(Query):
    role: Optional[Role] = None


# ================================================================ catalog
class CodeLabel(Out):
    code: str
    label: str


class LevelLabel(Out):
    value: int
    label: str


class Catalog(Out):
    document_types: list[CodeLabel]
    urgency: list[LevelLabel]
    confidentiality: list[LevelLabel]
    statuses: list[CodeLabel]
    signer_authorities: list[str]
    roles: list[CodeLabel]
    unit_kinds: list[CodeLabel]


# ================================================================ documents: requests
class SignerIn(In):
    authority: SignerAuthority = ""
    position: str = Field(min_length=2, max_length=120)
    full_name: str = Field(min_length=2, max_length=120)


class DraftFields(In):
    body: Optional[str] = Field(default=None, max_length=200_000)
    urgency: int = Field(default=0, ge=0, le=4, description="0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ")
    confidentiality: int = Field(default=0, ge=0, le=3, description="0 Thường, 1 Mật, 2 Tối mật, 3 Tuyệt mật")
    section: Optional[str] = Field(default=None, max_length=20, pattern=r"^[0-9A-Za-zĐđ&]+$",
                                   description="Bộ phận soạn thảo (trong ký hiệu công văn)")
    signer: Optional[SignerIn] = None
    recipients: list[str] = Field(default_factory=list, max_length=2000, description="Mã định danh đơn vị nhận")
    response_deadline: Optional[DateOrTime] = None
    copies: int = Field(default=1, ge=1, le=1000)


class DraftIn(DraftFields):
    type_code: DocumentType
    summary: str = Field(min_length=3, max_length=1000, description="Trích yếu")


class DraftPatch(DraftFields):
    """Only the fields sent change. Type, summary and recipients may be left
    out but not cleared (null), so they carry no ``Optional``."""
    type_code: DocumentType = None
    summary: str = Field(default=None, min_length=3, max_length=1000)
    recipients: list[str] = Field(default=None, max_length=2000)


class UploadQuery(Query):
    filename: str = Field(min_length=1, max_length=255, description="Tên tệp (UTF-8)")


class RegisterIn(In):
    note: Optional[str] = Note


class RefuseIn(In):
    reason: str = Field(min_length=3, max_length=2000)


class AssignIn(In):
    lead_user_id: str = Id
    coordinator_ids: list[str] = Field(default_factory=list, max_length=50)
    deadline: Optional[DateOrTime] = None
    direction: Optional[str] = Field(default=None, max_length=4000, description="Ý kiến chỉ đạo")


class CompleteIn(In):
    reply_symbol: Optional[str] = Field(default=None, max_length=60, description="Số, ký hiệu văn bản trả lời")
    note: Optional[str] = Note


class ChangesIn(In):
    summary: Optional[str] = Field(default=None, min_length=3, max_length=1000)
    response_deadline: Optional[DateOrTime] = None
    urgency: Optional[int] = Field(default=None, ge=0, le=4)
    body: Optional[str] = Field(default=None, max_length=200_000)


class ChangeRequestIn(In):
    kind: Literal["recall", "update", "replace"] = Field(description="Thu hồi, cập nhật hoặc thay thế")
    reason: str = Field(min_length=3, max_length=2000)
    changes: Optional[ChangesIn] = None
    replacement_id: Optional[str] = Field(default=None, max_length=64)
    recipients: Optional[list[str]] = Field(default=None, max_length=2000)


class AnswerChangeIn(In):
    accept: bool
    note: Optional[str] = Note


class ExportIn(In):
    kind: Literal["outgoing", "incoming"]
    year: int = Field(ge=2000, le=2100)


class Paging(Query):
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=20, ge=1, le=200)


class ListFilters(Paging):
    type_code: Optional[DocumentType] = None
    urgency: Optional[int] = Field(default=None, ge=0, le=4)
    urgent_only: bool = False
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    q: Optional[str] = Field(default=None, max_length=200, description="Tìm không dấu trong số ký hiệu, trích yếu")


class InboxQuery(ListFilters):
    status: Optional[ItemStatus] = None
    overdue: Optional[bool] = None
    include_inactive: bool = False
    assigned_to: Optional[str] = Field(default=None, max_length=64, description="Mã người dùng, hoặc 'me'")


class OutboxQuery(ListFilters):
    status: Optional[Literal["draft", "issued"]] = None


class CountsQuery(Query):
    due_within_days: int = Field(default=3, ge=1, le=60)


# ================================================================ documents: responses
class Attachment(Out):
    attachment_id: str
    name: str
    size: int
    sha256: str
    content_type: str


class Signer(Out):
    authority: str = ""
    position: str
    full_name: str


class HistoryEntry(Out):
    at: Optional[datetime] = None
    by: Optional[str] = None
    action: str
    from_status: Optional[str] = Field(default=None, alias="from")
    to_status: Optional[str] = Field(default=None, alias="to")
    note: Optional[str] = None


class ChangeRequest(Out):
    request_id: str
    kind: str
    reason: Optional[str] = None
    changes: Optional[dict] = None
    replacement_id: Optional[str] = None
    requested_at: Optional[datetime] = None
    requested_by: Optional[str] = None


class ChangeRequestResult(ChangeRequest):
    recipients: list[str]


class DocumentSummary(Out):
    document_id: str
    unit_code: str
    unit_name: Optional[str] = None
    status: str
    type_code: str
    type_name: Optional[str] = None
    summary: str
    urgency: int
    urgency_label: Optional[str] = None
    confidentiality: int
    section: Optional[str] = None
    signer: Optional[Signer] = None
    recipients: list[str]
    recipient_names: list[str]
    attachments: list[Attachment]
    response_deadline: Optional[datetime] = None
    copies: Optional[int] = None
    number: Optional[int] = None
    symbol: Optional[str] = None
    year: Optional[int] = None
    series: Optional[str] = None
    place: Optional[str] = None
    issued_at: Optional[datetime] = None
    issued_by: Optional[str] = None
    created_by: Optional[str] = None
    created_at: Optional[datetime] = None
    updated_at: Optional[datetime] = None


class People(Out):
    people: dict[str, str] = Field(default_factory=dict, description="Mã người dùng → họ tên, cho các mã trong văn bản")


class Document(DocumentSummary, People):
    body: Optional[str] = None
    change_requests: list[ChangeRequest] = []
    history: list[HistoryEntry] = []


class Assignment(Out):
    lead_user_id: str
    coordinator_ids: list[str] = []
    deadline: Optional[datetime] = None
    direction: Optional[str] = None
    assigned_by: Optional[str] = None
    assigned_at: Optional[datetime] = None


class ChangeState(Out):
    request_id: str
    kind: str
    status: str
    reason: Optional[str] = None
    requested_at: Optional[datetime] = None
    answered_at: Optional[datetime] = None
    answered_by: Optional[str] = None
    note: Optional[str] = None


class ItemSummary(Out):
    item_id: str
    document_id: str
    recipient_unit: str
    sender_unit: str
    sender_name: Optional[str] = None
    number: Optional[int] = None
    symbol: Optional[str] = None
    type_code: Optional[str] = None
    type_name: Optional[str] = None
    summary: Optional[str] = None
    urgency: int = 0
    urgency_label: Optional[str] = None
    urgent: bool = False
    confidentiality: int = 0
    signer: Optional[Signer] = None
    issued_at: Optional[datetime] = None
    response_deadline: Optional[datetime] = None
    status: str
    status_label: Optional[str] = None
    received_at: Optional[datetime] = None
    incoming_number: Optional[int] = None
    incoming_year: Optional[int] = None
    registered_at: Optional[datetime] = None
    refusal_reason: Optional[str] = None
    assignment: Optional[Assignment] = None
    started_at: Optional[datetime] = None
    completed_at: Optional[datetime] = None
    reply_symbol: Optional[str] = None
    overdue: bool = False
    active: bool = True
    change: Optional[ChangeState] = None
    attachments: list[Attachment] = []
    integrity_ok: Optional[bool] = None


class Item(ItemSummary, People):
    body: Optional[str] = None
    history: list[HistoryEntry] = []


class PageInfo(Out):
    total: int
    page: int
    page_size: int


class DocumentPage(PageInfo):
    items: list[DocumentSummary]


class ItemPage(PageInfo):
    items: list[ItemSummary]


class TrackingRow(Out):
    item_id: Optional[str] = None
    unit_code: str
    unit_name: Optional[str] = None
    status: Optional[str] = None
    status_label: Optional[str] = None
    incoming_number: Optional[int] = None
    overdue: bool = False
    active: bool = True
    refusal_reason: Optional[str] = None
    reply_symbol: Optional[str] = None
    change: Optional[ChangeState] = None
    steps: dict[str, Optional[datetime]] = Field(default_factory=dict, description="Mã trạng thái → thời điểm")
    via: Optional[Literal["edxml"]] = Field(default=None, description="edxml: nơi nhận ngoài hệ thống, trạng thái "
                                                                      "theo bản tin edXML đã tiếp nhận")
    note: Optional[str] = Field(default=None, description="Mô tả kèm bản tin trạng thái edXML")


class Tracking(Out):
    document: DocumentSummary
    recipients: list[TrackingRow]
    summary: dict[str, int] = Field(description="Mã trạng thái (hoặc 'pending') → số nơi nhận")


class Counts(Out):
    unprocessed: int = Field(description="Chưa xử lý xong")
    to_register: int = Field(description="Chờ vào sổ")
    overdue: int = Field(description="Quá hạn")
    due_soon: int = Field(description="Sắp đến hạn")


class Dashboard(Out):
    counts: Counts
    latest: list[ItemSummary] = Field(description="Văn bản đến mới nhất")
    my_tasks: list[ItemSummary] = Field(description="Văn bản tôi được giao chủ trì, chưa hoàn thành")


class IssueIn(In):
    attach_official: bool = Field(default=False, description="Đính kèm bản .docx theo thể thức Nghị định 30, "
                                                             "tạo khi cấp số (có số, ngày ban hành)")


class RenderIn(In):
    attach: bool = Field(default=False, description="Đính kèm bản .docx vào dự thảo")


class RenderResult(Out):
    url: str = Field(description="Đường dẫn tải có thời hạn")
    name: str
    size: int
    attachment: Optional[Attachment] = None


class ExportResult(Out):
    url: str = Field(description="Đường dẫn tải có thời hạn")
    name: str
    size: int
    rows: int


# ================================================================ admin
class UnitBody(In):
    """A unit's fields; its code (mã định danh điện tử) is in the path."""
    name: str = Field(min_length=2, max_length=250)
    short_name: str = Field(min_length=1, max_length=30)
    kind: UnitKind
    parent: Optional[str] = Field(default=None, max_length=40)
    place: Optional[str] = Field(default=None, max_length=100)
    superior_name: Optional[str] = Field(default=None, max_length=250)
    email: Optional[str] = Field(default=None, max_length=200)
    active: bool = True


class UserFields(In):
    """Fields of a user; those without ``Optional`` may be left out but not cleared."""
    full_name: str = Field(default=None, min_length=2, max_length=120)
    position: Optional[str] = Field(default=None, max_length=120)
    unit_code: str = Field(default=None, min_length=1, max_length=40)
    roles: list[Role] = Field(default=None, min_length=1, max_length=4)
    email: Optional[str] = Field(default=None, max_length=200)
    active: bool = None


class UserCreateIn(UserFields):
    username: str = Field(min_length=3, max_length=60, pattern=r"^[a-z0-9._\-]+$")
    full_name: str = Field(min_length=2, max_length=120)
    unit_code: str = Field(min_length=1, max_length=40)
    roles: list[Role] = Field(min_length=1, max_length=4)
    password: str = Field(min_length=8, max_length=200)
    active: bool = True


class UserPatch(UserFields):
    """Only the fields sent change."""


class ResetPasswordIn(In):
    new_password: str = Field(min_length=8, max_length=200)


class AdminUsersQuery(Query):
    unit_code: Optional[str] = Field(default=None, max_length=40)
    include_inactive: bool = True


class AuditQuery(Paging):
    user_id: Optional[str] = Field(default=None, max_length=64)
    unit_id: Optional[str] = Field(default=None, max_length=40)
    action: Optional[str] = Field(default=None, max_length=60)
    target: Optional[str] = Field(default=None, max_length=200)
    page_size: int = Field(default=50, ge=1, le=200)


class AuditEntry(Out):
    id: str
    at: datetime
    action: str
    target: Optional[str] = None
    user_id: Optional[str] = None
    username: Optional[str] = None
    unit_id: Optional[str] = None
    method: str
    path: str
    status: int
    ok: bool
    ip: Optional[str] = None
    user_agent: Optional[str] = None
    error: Optional[str] = None


class AuditPage(PageInfo):
    items: list[AuditEntry]


# ================================================================ health
class Health(Out):
    status: Literal["ok"]


class Check(Out):
    ok: bool
    ms: float
    error: Optional[str] = None


class Readiness(Out):
    status: Literal["ready", "unavailable"]
    checks: dict[str, Check]


# ================================================================ notifications
NotificationKind = Literal[tuple(notifications_domain.KINDS)]  # type: ignore[valid-type]
Channel = Literal[notifications_domain.USER_CHANNELS]  # type: ignore[valid-type]
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class NotificationsQuery(Paging):
    unread_only: bool = False
    page_size: int = Field(default=20, ge=1, le=100)


class Notification(Out):
    notification_id: str
    kind: str
    title: str
    text: Optional[str] = None
    link: Optional[str] = Field(default=None, description="Đường dẫn trong ứng dụng, ví dụ /app/incoming/<item_id>")
    urgent: bool = False
    created_at: Optional[datetime] = None
    read: bool = False
    read_at: Optional[datetime] = None


class NotificationPage(PageInfo):
    items: list[Notification]
    unread: int = Field(description="Số thông báo chưa đọc (tất cả các trang)")


class UnreadCount(Out):
    unread: int
    available: bool = Field(default=True, description="false khi dịch vụ thông báo tạm thời không trả lời")


class MarkReadIn(In):
    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1, max_length=200)


class MarkReadResult(Out):
    updated: int = Field(description="Số thông báo vừa được đánh dấu đã đọc")
    unread: int


class KindPreference(Out):
    label: str
    critical: bool = Field(description="Thông báo quan trọng: luôn hiện trong ứng dụng")
    channels: list[str]


class Preferences(Out):
    kinds: dict[str, KindPreference]
    quiet_start: Optional[str] = None
    quiet_end: Optional[str] = None
    digest: bool = False


class PreferencesIn(In):
    kinds: dict[NotificationKind, list[Channel]] = Field(
        default_factory=dict, description="Loại thông báo → kênh (inapp, email); loại không gửi giữ nguyên")
    quiet_start: Optional[str] = Field(default=None, pattern=HHMM, description="Giờ yên lặng (email), HH:MM")
    quiet_end: Optional[str] = Field(default=None, pattern=HHMM)
    digest: bool = Field(default=False, description="Gom thông báo không khẩn vào một email mỗi ngày")


# ================================================================ webhooks (administration)
class WebhookIn(In):
    name: str = Field(min_length=2, max_length=100, description="Tên hệ thống nhận, ví dụ: Bot Zalo của Phòng")
    url: str = Field(min_length=10, max_length=500, pattern=r"^https?://[^\s/$.?#][^\s]*$",
                     description="Địa chỉ nhận POST JSON")
    secret: str = Field(min_length=16, max_length=200,
                        description="Khóa ký HMAC (X-Eoffice-Signature); không hiển thị lại sau khi lưu")
    kinds: list[NotificationKind] = Field(default_factory=list, max_length=50, description="Trống: mọi loại")
    units: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=500, description="Mã đơn vị liên quan; trống: mọi đơn vị")


class WebhookCounts(Out):
    delivered: int
    failed: int
    pending: int


class DeliveryAttempt(Out):
    at: Optional[datetime] = None
    ok: Optional[bool] = None
    detail: Optional[str] = None


class Webhook(Out):
    subscription_id: str
    name: str
    url: str
    kinds: list[str]
    units: list[str]
    active: bool
    deliveries: Optional[WebhookCounts] = None
    last_failure: Optional[DeliveryAttempt] = None


class WebhookList(Out):
    items: list[Webhook]


class WebhookTestResult(Out):
    status: str = Field(description="delivered: đã nhận; queued: lỗi tạm thời, sẽ gửi lại; failed: lỗi")
    attempts: list[DeliveryAttempt]


# ================================================================ paper / external incoming documents
class ExternalIn(In):
    """A document that reached the unit outside the system, entered by the clerk."""
    sender_name: str = Field(min_length=2, max_length=300, description="Cơ quan ban hành")
    sender_code: Optional[str] = Field(default=None, max_length=40)
    symbol: Optional[str] = Field(default=None, max_length=60, description="Số, ký hiệu như in trên văn bản")
    type_code: DocumentType
    summary: str = Field(min_length=3, max_length=1000, description="Trích yếu")
    issued_date: Optional[date] = None
    signer: Optional[SignerIn] = None
    urgency: int = Field(default=0, ge=0, le=4)
    confidentiality: int = Field(default=0, ge=0, le=3)
    response_deadline: Optional[DateOrTime] = None
    upload_id: Optional[str] = Field(default=None, min_length=1, max_length=64,
                                     description="Tệp đã tải lên qua PUT /api/v1/inbox/external/files")


class PrefillSigner(Out):
    authority: Optional[str] = None
    on_behalf_of: Optional[str] = None
    position: Optional[str] = None
    full_name: Optional[str] = None


class DocxPrefill(Out):
    """What was read from the .docx; null where it could not be read."""
    issuing_unit: Optional[str] = None
    superior_unit: Optional[str] = None
    number: Optional[int] = None
    symbol: Optional[str] = None
    type_code: Optional[str] = None
    type_name: Optional[str] = None
    summary: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = Field(default=None, description="Ngày ban hành (YYYY-MM-DD)")
    urgency: Optional[int] = None
    confidentiality: Optional[int] = None
    signer: Optional[PrefillSigner] = None
    recipients: Optional[list[str]] = None


class ExternalUpload(Out):
    upload_id: str
    name: str
    size: int
    content_type: str
    prefill: Optional[DocxPrefill] = Field(default=None, description="Chỉ với tệp .docx đọc được")
    prefill_error: Optional[str] = None
