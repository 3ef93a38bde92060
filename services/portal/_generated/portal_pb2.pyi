import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PeriodType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERIOD_TYPE_UNSPECIFIED: _ClassVar[PeriodType]
    PERIOD_TYPE_MONTHLY: _ClassVar[PeriodType]
    PERIOD_TYPE_QUARTERLY: _ClassVar[PeriodType]
    PERIOD_TYPE_HALF_YEARLY: _ClassVar[PeriodType]
    PERIOD_TYPE_NINE_MONTHS: _ClassVar[PeriodType]
    PERIOD_TYPE_YEARLY: _ClassVar[PeriodType]

class FieldType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FIELD_TYPE_UNSPECIFIED: _ClassVar[FieldType]
    FIELD_TYPE_INTEGER: _ClassVar[FieldType]
    FIELD_TYPE_DECIMAL: _ClassVar[FieldType]
    FIELD_TYPE_PERCENT: _ClassVar[FieldType]
    FIELD_TYPE_TEXT: _ClassVar[FieldType]
    FIELD_TYPE_YES_NO: _ClassVar[FieldType]
    FIELD_TYPE_DATE: _ClassVar[FieldType]
    FIELD_TYPE_SELECT: _ClassVar[FieldType]

class Aggregation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGGREGATION_UNSPECIFIED: _ClassVar[Aggregation]
    AGGREGATION_SUM: _ClassVar[Aggregation]
    AGGREGATION_AVERAGE: _ClassVar[Aggregation]
    AGGREGATION_COUNT: _ClassVar[Aggregation]
    AGGREGATION_NONE: _ClassVar[Aggregation]

class SubmissionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUBMISSION_STATE_UNSPECIFIED: _ClassVar[SubmissionState]
    SUBMISSION_STATE_NOT_STARTED: _ClassVar[SubmissionState]
    SUBMISSION_STATE_DRAFT: _ClassVar[SubmissionState]
    SUBMISSION_STATE_SUBMITTED: _ClassVar[SubmissionState]
    SUBMISSION_STATE_RETURNED: _ClassVar[SubmissionState]
    SUBMISSION_STATE_APPROVED: _ClassVar[SubmissionState]
    SUBMISSION_STATE_REOPENED: _ClassVar[SubmissionState]

class ChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANGE_KIND_UNSPECIFIED: _ClassVar[ChangeKind]
    CHANGE_KIND_APPROVED: _ClassVar[ChangeKind]
    CHANGE_KIND_REOPENED: _ClassVar[ChangeKind]
PERIOD_TYPE_UNSPECIFIED: PeriodType
PERIOD_TYPE_MONTHLY: PeriodType
PERIOD_TYPE_QUARTERLY: PeriodType
PERIOD_TYPE_HALF_YEARLY: PeriodType
PERIOD_TYPE_NINE_MONTHS: PeriodType
PERIOD_TYPE_YEARLY: PeriodType
FIELD_TYPE_UNSPECIFIED: FieldType
FIELD_TYPE_INTEGER: FieldType
FIELD_TYPE_DECIMAL: FieldType
FIELD_TYPE_PERCENT: FieldType
FIELD_TYPE_TEXT: FieldType
FIELD_TYPE_YES_NO: FieldType
FIELD_TYPE_DATE: FieldType
FIELD_TYPE_SELECT: FieldType
AGGREGATION_UNSPECIFIED: Aggregation
AGGREGATION_SUM: Aggregation
AGGREGATION_AVERAGE: Aggregation
AGGREGATION_COUNT: Aggregation
AGGREGATION_NONE: Aggregation
SUBMISSION_STATE_UNSPECIFIED: SubmissionState
SUBMISSION_STATE_NOT_STARTED: SubmissionState
SUBMISSION_STATE_DRAFT: SubmissionState
SUBMISSION_STATE_SUBMITTED: SubmissionState
SUBMISSION_STATE_RETURNED: SubmissionState
SUBMISSION_STATE_APPROVED: SubmissionState
SUBMISSION_STATE_REOPENED: SubmissionState
CHANGE_KIND_UNSPECIFIED: ChangeKind
CHANGE_KIND_APPROVED: ChangeKind
CHANGE_KIND_REOPENED: ChangeKind

class SelectOption(_message.Message):
    __slots__ = ("value", "label")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    value: str
    label: str
    def __init__(self, value: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class Field(_message.Message):
    __slots__ = ("code", "label", "type", "required", "min", "max", "aggregation", "unit", "options")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    AGGREGATION_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    type: FieldType
    required: bool
    min: float
    max: float
    aggregation: Aggregation
    unit: str
    options: _containers.RepeatedCompositeFieldContainer[SelectOption]
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ..., type: _Optional[_Union[FieldType, str]] = ..., required: _Optional[bool] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., aggregation: _Optional[_Union[Aggregation, str]] = ..., unit: _Optional[str] = ..., options: _Optional[_Iterable[_Union[SelectOption, _Mapping]]] = ...) -> None: ...

class Section(_message.Message):
    __slots__ = ("code", "title", "fields")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    code: str
    title: str
    fields: _containers.RepeatedCompositeFieldContainer[Field]
    def __init__(self, code: _Optional[str] = ..., title: _Optional[str] = ..., fields: _Optional[_Iterable[_Union[Field, _Mapping]]] = ...) -> None: ...

class DeadlineRule(_message.Message):
    __slots__ = ("day", "month_offset")
    DAY_FIELD_NUMBER: _ClassVar[int]
    MONTH_OFFSET_FIELD_NUMBER: _ClassVar[int]
    day: int
    month_offset: int
    def __init__(self, day: _Optional[int] = ..., month_offset: _Optional[int] = ...) -> None: ...

class Form(_message.Message):
    __slots__ = ("code", "version", "title", "description", "owner_unit", "period_types", "assigned_kinds", "assigned_units", "deadline", "office_deadline", "sections", "published_at")
    CODE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNER_UNIT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPES_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_KINDS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_UNITS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    OFFICE_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    code: str
    version: int
    title: str
    description: str
    owner_unit: str
    period_types: _containers.RepeatedScalarFieldContainer[PeriodType]
    assigned_kinds: _containers.RepeatedScalarFieldContainer[str]
    assigned_units: _containers.RepeatedScalarFieldContainer[str]
    deadline: DeadlineRule
    office_deadline: DeadlineRule
    sections: _containers.RepeatedCompositeFieldContainer[Section]
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, code: _Optional[str] = ..., version: _Optional[int] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., owner_unit: _Optional[str] = ..., period_types: _Optional[_Iterable[_Union[PeriodType, str]]] = ..., assigned_kinds: _Optional[_Iterable[str]] = ..., assigned_units: _Optional[_Iterable[str]] = ..., deadline: _Optional[_Union[DeadlineRule, _Mapping]] = ..., office_deadline: _Optional[_Union[DeadlineRule, _Mapping]] = ..., sections: _Optional[_Iterable[_Union[Section, _Mapping]]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListFormsRequest(_message.Message):
    __slots__ = ("include_definition",)
    INCLUDE_DEFINITION_FIELD_NUMBER: _ClassVar[int]
    include_definition: bool
    def __init__(self, include_definition: _Optional[bool] = ...) -> None: ...

class ListFormsResponse(_message.Message):
    __slots__ = ("forms",)
    FORMS_FIELD_NUMBER: _ClassVar[int]
    forms: _containers.RepeatedCompositeFieldContainer[Form]
    def __init__(self, forms: _Optional[_Iterable[_Union[Form, _Mapping]]] = ...) -> None: ...

class Period(_message.Message):
    __slots__ = ("id", "type", "label", "start_date", "end_date", "cutoff_start", "cutoff_end", "deadline", "office_deadline")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_START_FIELD_NUMBER: _ClassVar[int]
    CUTOFF_END_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    OFFICE_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: PeriodType
    label: str
    start_date: str
    end_date: str
    cutoff_start: str
    cutoff_end: str
    deadline: _timestamp_pb2.Timestamp
    office_deadline: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., type: _Optional[_Union[PeriodType, str]] = ..., label: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., cutoff_start: _Optional[str] = ..., cutoff_end: _Optional[str] = ..., deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., office_deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListPeriodsRequest(_message.Message):
    __slots__ = ("form_code", "period_type", "year")
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TYPE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    form_code: str
    period_type: PeriodType
    year: int
    def __init__(self, form_code: _Optional[str] = ..., period_type: _Optional[_Union[PeriodType, str]] = ..., year: _Optional[int] = ...) -> None: ...

class ListPeriodsResponse(_message.Message):
    __slots__ = ("periods",)
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    periods: _containers.RepeatedCompositeFieldContainer[Period]
    def __init__(self, periods: _Optional[_Iterable[_Union[Period, _Mapping]]] = ...) -> None: ...

class UnitRef(_message.Message):
    __slots__ = ("code", "name", "kind")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    kind: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class Counts(_message.Message):
    __slots__ = ("expected", "submitted", "on_time", "late", "missing", "approved", "returned", "awaiting_approval", "submitted_rate", "on_time_rate")
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    RETURNED_FIELD_NUMBER: _ClassVar[int]
    AWAITING_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_RATE_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_RATE_FIELD_NUMBER: _ClassVar[int]
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    approved: int
    returned: int
    awaiting_approval: int
    submitted_rate: float
    on_time_rate: float
    def __init__(self, expected: _Optional[int] = ..., submitted: _Optional[int] = ..., on_time: _Optional[int] = ..., late: _Optional[int] = ..., missing: _Optional[int] = ..., approved: _Optional[int] = ..., returned: _Optional[int] = ..., awaiting_approval: _Optional[int] = ..., submitted_rate: _Optional[float] = ..., on_time_rate: _Optional[float] = ...) -> None: ...

class KindCounts(_message.Message):
    __slots__ = ("kind", "label", "counts")
    KIND_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    kind: str
    label: str
    counts: Counts
    def __init__(self, kind: _Optional[str] = ..., label: _Optional[str] = ..., counts: _Optional[_Union[Counts, _Mapping]] = ...) -> None: ...

class UnitStatus(_message.Message):
    __slots__ = ("unit", "state", "first_submitted_at", "late")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FIRST_SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    unit: UnitRef
    state: SubmissionState
    first_submitted_at: _timestamp_pb2.Timestamp
    late: bool
    def __init__(self, unit: _Optional[_Union[UnitRef, _Mapping]] = ..., state: _Optional[_Union[SubmissionState, str]] = ..., first_submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., late: _Optional[bool] = ...) -> None: ...

class OfficeStatus(_message.Message):
    __slots__ = ("deadline", "finalized", "finalized_at", "late")
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_AT_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    deadline: _timestamp_pb2.Timestamp
    finalized: bool
    finalized_at: _timestamp_pb2.Timestamp
    late: bool
    def __init__(self, deadline: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finalized: _Optional[bool] = ..., finalized_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., late: _Optional[bool] = ...) -> None: ...

class GetCompletenessRequest(_message.Message):
    __slots__ = ("form_code", "period_id")
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    form_code: str
    period_id: str
    def __init__(self, form_code: _Optional[str] = ..., period_id: _Optional[str] = ...) -> None: ...

class Completeness(_message.Message):
    __slots__ = ("form_code", "form_version", "period", "district", "by_kind", "missing_units", "units", "office")
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    FORM_VERSION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    BY_KIND_FIELD_NUMBER: _ClassVar[int]
    MISSING_UNITS_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    OFFICE_FIELD_NUMBER: _ClassVar[int]
    form_code: str
    form_version: int
    period: Period
    district: Counts
    by_kind: _containers.RepeatedCompositeFieldContainer[KindCounts]
    missing_units: _containers.RepeatedCompositeFieldContainer[UnitRef]
    units: _containers.RepeatedCompositeFieldContainer[UnitStatus]
    office: OfficeStatus
    def __init__(self, form_code: _Optional[str] = ..., form_version: _Optional[int] = ..., period: _Optional[_Union[Period, _Mapping]] = ..., district: _Optional[_Union[Counts, _Mapping]] = ..., by_kind: _Optional[_Iterable[_Union[KindCounts, _Mapping]]] = ..., missing_units: _Optional[_Iterable[_Union[UnitRef, _Mapping]]] = ..., units: _Optional[_Iterable[_Union[UnitStatus, _Mapping]]] = ..., office: _Optional[_Union[OfficeStatus, _Mapping]] = ...) -> None: ...

class Value(_message.Message):
    __slots__ = ("integer", "number", "text", "yes_no", "date")
    INTEGER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    YES_NO_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    integer: int
    number: float
    text: str
    yes_no: bool
    date: str
    def __init__(self, integer: _Optional[int] = ..., number: _Optional[float] = ..., text: _Optional[str] = ..., yes_no: _Optional[bool] = ..., date: _Optional[str] = ...) -> None: ...

class OptionCount(_message.Message):
    __slots__ = ("value", "label", "count")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    value: str
    label: str
    count: int
    def __init__(self, value: _Optional[str] = ..., label: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ConsolidatedField(_message.Message):
    __slots__ = ("section_code", "code", "label", "type", "aggregation", "value", "reporting_units", "option_counts", "unit")
    SECTION_CODE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    AGGREGATION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    REPORTING_UNITS_FIELD_NUMBER: _ClassVar[int]
    OPTION_COUNTS_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    section_code: str
    code: str
    label: str
    type: FieldType
    aggregation: Aggregation
    value: Value
    reporting_units: int
    option_counts: _containers.RepeatedCompositeFieldContainer[OptionCount]
    unit: str
    def __init__(self, section_code: _Optional[str] = ..., code: _Optional[str] = ..., label: _Optional[str] = ..., type: _Optional[_Union[FieldType, str]] = ..., aggregation: _Optional[_Union[Aggregation, str]] = ..., value: _Optional[_Union[Value, _Mapping]] = ..., reporting_units: _Optional[int] = ..., option_counts: _Optional[_Iterable[_Union[OptionCount, _Mapping]]] = ..., unit: _Optional[str] = ...) -> None: ...

class GetConsolidatedRequest(_message.Message):
    __slots__ = ("form_code", "period_id")
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    form_code: str
    period_id: str
    def __init__(self, form_code: _Optional[str] = ..., period_id: _Optional[str] = ...) -> None: ...

class Consolidated(_message.Message):
    __slots__ = ("form_code", "form_version", "period", "units_expected", "units_included", "fields", "docx_url", "xlsx_url", "finalized_at")
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    FORM_VERSION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    UNITS_EXPECTED_FIELD_NUMBER: _ClassVar[int]
    UNITS_INCLUDED_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    DOCX_URL_FIELD_NUMBER: _ClassVar[int]
    XLSX_URL_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_AT_FIELD_NUMBER: _ClassVar[int]
    form_code: str
    form_version: int
    period: Period
    units_expected: int
    units_included: int
    fields: _containers.RepeatedCompositeFieldContainer[ConsolidatedField]
    docx_url: str
    xlsx_url: str
    finalized_at: _timestamp_pb2.Timestamp
    def __init__(self, form_code: _Optional[str] = ..., form_version: _Optional[int] = ..., period: _Optional[_Union[Period, _Mapping]] = ..., units_expected: _Optional[int] = ..., units_included: _Optional[int] = ..., fields: _Optional[_Iterable[_Union[ConsolidatedField, _Mapping]]] = ..., docx_url: _Optional[str] = ..., xlsx_url: _Optional[str] = ..., finalized_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Kpis(_message.Message):
    __slots__ = ("documents_received", "documents_registered", "documents_completed", "documents_on_time", "documents_overdue", "on_time_rate", "average_processing_days", "meetings_held", "meetings_paperless", "paperless_share", "attendance_rate")
    DOCUMENTS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_ON_TIME_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_RATE_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PROCESSING_DAYS_FIELD_NUMBER: _ClassVar[int]
    MEETINGS_HELD_FIELD_NUMBER: _ClassVar[int]
    MEETINGS_PAPERLESS_FIELD_NUMBER: _ClassVar[int]
    PAPERLESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_RATE_FIELD_NUMBER: _ClassVar[int]
    documents_received: int
    documents_registered: int
    documents_completed: int
    documents_on_time: int
    documents_overdue: int
    on_time_rate: float
    average_processing_days: float
    meetings_held: int
    meetings_paperless: int
    paperless_share: float
    attendance_rate: float
    def __init__(self, documents_received: _Optional[int] = ..., documents_registered: _Optional[int] = ..., documents_completed: _Optional[int] = ..., documents_on_time: _Optional[int] = ..., documents_overdue: _Optional[int] = ..., on_time_rate: _Optional[float] = ..., average_processing_days: _Optional[float] = ..., meetings_held: _Optional[int] = ..., meetings_paperless: _Optional[int] = ..., paperless_share: _Optional[float] = ..., attendance_rate: _Optional[float] = ...) -> None: ...

class UnitKpis(_message.Message):
    __slots__ = ("unit", "kpis")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    KPIS_FIELD_NUMBER: _ClassVar[int]
    unit: UnitRef
    kpis: Kpis
    def __init__(self, unit: _Optional[_Union[UnitRef, _Mapping]] = ..., kpis: _Optional[_Union[Kpis, _Mapping]] = ...) -> None: ...

class GetKpisRequest(_message.Message):
    __slots__ = ("period_id", "unit_codes")
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_CODES_FIELD_NUMBER: _ClassVar[int]
    period_id: str
    unit_codes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, period_id: _Optional[str] = ..., unit_codes: _Optional[_Iterable[str]] = ...) -> None: ...

class GetKpisResponse(_message.Message):
    __slots__ = ("period", "units", "total")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    period: Period
    units: _containers.RepeatedCompositeFieldContainer[UnitKpis]
    total: Kpis
    def __init__(self, period: _Optional[_Union[Period, _Mapping]] = ..., units: _Optional[_Iterable[_Union[UnitKpis, _Mapping]]] = ..., total: _Optional[_Union[Kpis, _Mapping]] = ...) -> None: ...

class StreamApprovedSubmissionsRequest(_message.Message):
    __slots__ = ("after_cursor", "form_code", "period_id", "follow")
    AFTER_CURSOR_FIELD_NUMBER: _ClassVar[int]
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_FIELD_NUMBER: _ClassVar[int]
    after_cursor: int
    form_code: str
    period_id: str
    follow: bool
    def __init__(self, after_cursor: _Optional[int] = ..., form_code: _Optional[str] = ..., period_id: _Optional[str] = ..., follow: _Optional[bool] = ...) -> None: ...

class ApprovedSubmission(_message.Message):
    __slots__ = ("cursor", "kind", "submission_id", "form_code", "form_version", "period_id", "unit", "values", "submitted_at", "late", "at", "reason", "revision", "owner_unit")
    class ValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    FORM_CODE_FIELD_NUMBER: _ClassVar[int]
    FORM_VERSION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    OWNER_UNIT_FIELD_NUMBER: _ClassVar[int]
    cursor: int
    kind: ChangeKind
    submission_id: str
    form_code: str
    form_version: int
    period_id: str
    unit: UnitRef
    values: _containers.MessageMap[str, Value]
    submitted_at: _timestamp_pb2.Timestamp
    late: bool
    at: _timestamp_pb2.Timestamp
    reason: str
    revision: int
    owner_unit: str
    def __init__(self, cursor: _Optional[int] = ..., kind: _Optional[_Union[ChangeKind, str]] = ..., submission_id: _Optional[str] = ..., form_code: _Optional[str] = ..., form_version: _Optional[int] = ..., period_id: _Optional[str] = ..., unit: _Optional[_Union[UnitRef, _Mapping]] = ..., values: _Optional[_Mapping[str, Value]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., late: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ..., revision: _Optional[int] = ..., owner_unit: _Optional[str] = ...) -> None: ...
