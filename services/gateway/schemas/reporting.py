"""Shapes of the reporting API (Báo cáo định kỳ): a school's reports and the
form it fills, the office's completeness board, approval, consolidated report
and KPIs. Responses mirror what the reporting service answers (services/
reporting/views.py, entrypoints/*.py); only the documented fields leave."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Field, StrictBool

from . import Attachment, HistoryEntry, In, Note, Out, Query

PeriodType = Literal["monthly", "quarterly", "half_yearly", "nine_months", "yearly"]
SubmissionStatus = Literal["draft", "submitted", "returned", "approved", "reopened"]
Basis = Literal["approved", "submitted"]
PERIOD_ID = r"^\d{4}-(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|9M|Y)$"
FIELD_CODE = r"^[a-z][a-z0-9_]{0,47}$"
Year = Field(default=None, ge=2000, le=2100, description="Năm (mặc định: năm hiện tại)")

FieldCode = Annotated[str, Field(min_length=1, max_length=48)]
# Values come as typed in the web form (text) or as JSON numbers/booleans; the
# reporting service turns them into the field's type or answers per field. Text
# is bounded well above the service's own limit so its message is the one shown.
FieldValue = Optional[Union[StrictBool, int, float, Annotated[str, Field(max_length=10_000)]]]
Number = Union[int, float]


# ================================================================ periods and forms
class ReportPeriod(Out):
    id: str = Field(description="Mã kỳ: 2026-M03, 2026-Q1, 2026-H1, 2026-9M, 2026-Y")
    type: str
    year: int
    index: int
    label: str = Field(description="Tên kỳ: Quý I năm 2026, 6 tháng đầu năm 2026 ...")
    start: date
    end: date
    cutoff_start: date = Field(description="Số liệu tính từ ngày (Nghị định 09/2019/NĐ-CP)")
    cutoff_end: date = Field(description="... đến ngày")
    deadline: Optional[datetime] = Field(default=None, description="Hạn nộp của trường")
    office_deadline: Optional[datetime] = Field(default=None, description="Hạn Phòng gửi báo cáo tổng hợp")


class ReportPeriodList(Out):
    items: list[ReportPeriod]


class ReportDeadline(Out):
    day: int
    month_offset: int


class FieldOption(Out):
    value: str
    label: str


class FormField(Out):
    code: str
    label: str
    type: str = Field(description="integer, decimal, percent, text, yes_no, date, select")
    required: bool = False
    aggregation: Optional[str] = None
    unit: str = ""
    help: str = ""
    min: Optional[Number] = None
    max: Optional[Number] = None
    options: list[FieldOption] = []
    decimals: Optional[int] = None


class FormSection(Out):
    code: str
    title: str
    fields: list[FormField]


class FormRule(Out):
    expr: str
    message: str = ""


class FormSummary(Out):
    code: str
    version: int
    current_version: int
    title: str
    description: str = ""
    owner_unit: str = Field(description="Đơn vị thu thập (Phòng)")
    active: bool = True
    period_types: list[str]
    period_type_labels: list[str]
    longest_wins: bool = False
    assigned_kinds: list[str]
    assigned_units: list[str]
    deadline: ReportDeadline
    office_deadline: ReportDeadline
    reminder_offsets: Optional[list[int]] = None
    published_at: Optional[datetime] = None
    field_count: int


class ReportForm(FormSummary):
    sections: list[FormSection]
    rules: list[FormRule]
    field_types: dict[str, str] = Field(description="Kiểu chỉ tiêu → tên tiếng Việt")


class FormList(Out):
    items: list[FormSummary]


class FormsQuery(Query):
    include_archived: bool = False


class FormQuery(Query):
    version: Optional[int] = Field(default=None, ge=1, le=100_000, description="Phiên bản (mặc định: hiện hành)")


class ReportYearQuery(Query):
    year: Optional[int] = Year


class ReportPeriodsQuery(Query):
    period_type: PeriodType
    year: Optional[int] = Year


# ================================================================ a school's reports
class MyReport(Out):
    form_code: str
    form_title: str
    period: ReportPeriod
    submission_id: Optional[str] = None
    status: str = Field(description="not_started, draft, submitted, returned, approved, reopened")
    status_label: str
    deadline: datetime
    days_left: int = Field(description="Số ngày còn lại tới hạn (âm: đã quá hạn)")
    submitted: bool = Field(description="Đã gửi ít nhất một lần")
    overdue: bool = Field(description="Quá hạn mà chưa gửi")
    late: Optional[bool] = Field(default=None, description="Gửi sau hạn")
    return_reason: Optional[str] = None


class MyReports(Out):
    items: list[MyReport]


class SubmissionAttachment(Attachment):
    uploaded_at: Optional[datetime] = None


class SubmissionForm(Out):
    code: str
    title: str
    sections: list[FormSection]
    rules: list[FormRule]


class SubmissionSummary(Out):
    submission_id: str
    form_code: str
    form_version: int
    period_id: str
    period_label: str
    unit_code: str
    unit_name: Optional[str] = None
    unit_kind: Optional[str] = None
    owner_unit: str
    status: str
    status_label: str
    editable: bool = Field(description="Trường còn được sửa số liệu (bản nháp, bị trả lại, mở lại)")
    locked: bool = Field(description="Đã duyệt: số liệu bị khóa")
    deadline: Optional[datetime] = None
    first_submitted_at: Optional[datetime] = None
    submitted_at: Optional[datetime] = None
    submitted_by: Optional[str] = None
    late: Optional[bool] = None
    revision: int = 0
    approved_at: Optional[datetime] = None
    approved_by: Optional[str] = None
    returned_at: Optional[datetime] = None
    return_reason: Optional[str] = None
    reopen_count: int = 0
    updated_at: Optional[datetime] = None
    attachments: list[SubmissionAttachment] = []


class Submission(SubmissionSummary):
    values: dict[str, Any] = Field(default_factory=dict, description="Mã chỉ tiêu → giá trị")
    history: list[HistoryEntry] = []
    form: Optional[SubmissionForm] = None
    problems: dict[str, str] = Field(default_factory=dict,
                                     description="Những gì còn ngăn việc gửi: mã chỉ tiêu → thông báo")
    people: dict[str, str] = Field(default_factory=dict, description="Mã người dùng → họ tên")


class SubmissionPage(Out):
    items: list[SubmissionSummary]
    total: int
    page: int
    page_size: int


class SubmissionsQuery(Query):
    form_code: Optional[str] = Field(default=None, max_length=32)
    period_id: Optional[str] = Field(default=None, pattern=PERIOD_ID)
    status: Optional[SubmissionStatus] = None
    unit_code: Optional[str] = Field(default=None, max_length=40)
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=50, ge=1, le=200)


class ReportValuesIn(In):
    values: dict[FieldCode, FieldValue] = Field(
        max_length=500, description="Mã chỉ tiêu → giá trị; chuỗi rỗng hoặc null xóa giá trị đã nhập")


class ReportCheckIn(ReportValuesIn):
    complete: bool = Field(default=True, description="true: kiểm tra như khi gửi (bắt buộc nhập, ràng buộc chéo)")
    version: Optional[int] = Field(default=None, ge=1, le=100_000, description="Phiên bản biểu mẫu")


class ReportCheckResult(Out):
    values: dict[str, Any] = Field(description="Giá trị đã chuẩn hóa")
    errors: dict[str, str] = Field(description="Mã chỉ tiêu → thông báo lỗi")
    valid: bool


# ================================================================ the office's decisions
class ReportApproveIn(In):
    note: Optional[str] = Note


class ReportReasonIn(In):
    reason: str = Field(min_length=3, max_length=2000)


# ================================================================ completeness
class CompletenessCounts(Out):
    expected: int = Field(description="Số đơn vị phải nộp")
    submitted: int
    on_time: int
    late: int
    missing: int
    approved: int
    returned: int
    awaiting_approval: int
    in_progress: int = Field(description="Chưa nộp nhưng đã bắt đầu nhập")
    submitted_rate: Optional[float] = None
    on_time_rate: Optional[float] = None
    approved_rate: Optional[float] = None


class KindCompleteness(CompletenessCounts):
    kind: str
    label: str


class ReportUnit(Out):
    code: str
    name: str
    kind: Optional[str] = None


class ReportUnitState(ReportUnit):
    status: str
    status_label: str
    submission_id: Optional[str] = None
    first_submitted_at: Optional[datetime] = None
    late: Optional[bool] = None


class ReportOfficeStatus(Out):
    unit_code: str
    deadline: Optional[datetime] = None
    finalized: bool
    finalized_at: Optional[datetime] = None
    late: Optional[bool] = None


class Completeness(Out):
    form_code: str
    form_title: str
    form_version: int
    period: ReportPeriod
    office: ReportOfficeStatus
    totals: CompletenessCounts
    by_kind: list[KindCompleteness]
    missing_units: list[ReportUnit]
    units: list[ReportUnitState] = []


class BoardPeriod(Out):
    period: ReportPeriod
    totals: CompletenessCounts
    by_kind: list[KindCompleteness]


class BoardCell(Out):
    status: str
    late: Optional[bool] = None


class CompletenessBoard(Out):
    form_code: str
    form_title: str
    year: int
    periods: list[BoardPeriod]
    units: list[ReportUnit]
    grid: dict[str, dict[str, BoardCell]] = Field(description="Mã đơn vị → mã kỳ → trạng thái")


# ================================================================ consolidation
class OptionCount(Out):
    value: str
    label: str
    count: int


class FieldResult(Out):
    code: str
    label: str
    type: str
    section: str = ""
    aggregation: str
    unit: str = ""
    reporting_units: int
    value: Optional[Number] = None
    option_counts: Optional[list[OptionCount]] = None
    texts: Optional[list[str]] = None


class SectionResult(Out):
    code: str
    title: str
    fields: list[FieldResult]


class ConsolidatedFile(Out):
    name: str
    size: int
    content_type: str


class ConsolidatedLink(Out):
    url: str = Field(description="Đường dẫn tải có thời hạn")
    file: ConsolidatedFile


class ConsolidatedExport(Out):
    report_id: str
    form_code: str
    form_version: int
    period_id: str
    basis: str
    units_included: int
    units_expected: int
    finalized: bool
    finalized_at: Optional[datetime] = None
    late: Optional[bool] = Field(default=None, description="Chốt sau hạn của Phòng")
    docx: ConsolidatedLink
    xlsx: ConsolidatedLink


class Consolidated(Out):
    form_code: str
    form_title: str
    form_version: int
    period: ReportPeriod
    basis: str
    units_expected: int
    units_included: int
    fields: list[FieldResult]
    sections: list[SectionResult]
    finalized: Optional[ConsolidatedExport] = None


class ConsolidatedQuery(Query):
    basis: Basis = Field(default="approved", description="approved: chỉ báo cáo đã duyệt; submitted: cả chờ duyệt")


class ConsolidatedExportIn(In):
    basis: Basis = "approved"


# ================================================================ KPIs
class Kpis(Out):
    documents_received: int
    documents_registered: int
    documents_refused: int
    documents_assigned: int
    documents_completed: int
    documents_on_time: int
    documents_overdue: int
    on_time_rate: Optional[float] = Field(default=None, description="% văn bản hoàn thành đúng hạn")
    average_processing_days: Optional[float] = None
    meetings_held: int
    meetings_paperless: int
    paperless_share: Optional[float] = Field(default=None, description="% cuộc họp không giấy")
    attendance_rate: Optional[float] = Field(default=None, description="% người dự họp / được mời")


class UnitKpis(Out):
    code: str
    name: str
    kind: Optional[str] = None
    kpis: Kpis


class KpiReport(Out):
    period: ReportPeriod
    units: list[UnitKpis]
    total: Kpis


class KpiQuery(Query):
    period_id: str = Field(pattern=PERIOD_ID, description="Kỳ: 2026-M03, 2026-Q1, 2026-H1, 2026-9M, 2026-Y")
    # ASCII codes and a short list: the whole query must stay within one request line
    unit_codes: list[Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z._-]+$")]] = Field(
        default_factory=list, max_length=30,
        description="Chỉ các đơn vị này (mặc định: đơn vị mình và đơn vị trực thuộc)")
