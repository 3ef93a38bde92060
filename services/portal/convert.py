"""The reporting service's answers (plain dicts) as portal.proto messages."""
from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from .stubs import pb

PERIOD_TYPES = {"monthly": pb.PERIOD_TYPE_MONTHLY, "quarterly": pb.PERIOD_TYPE_QUARTERLY,
                "half_yearly": pb.PERIOD_TYPE_HALF_YEARLY, "nine_months": pb.PERIOD_TYPE_NINE_MONTHS,
                "yearly": pb.PERIOD_TYPE_YEARLY}
PERIOD_TYPE_NAMES = {v: k for k, v in PERIOD_TYPES.items()}
FIELD_TYPES = {"integer": pb.FIELD_TYPE_INTEGER, "decimal": pb.FIELD_TYPE_DECIMAL, "percent": pb.FIELD_TYPE_PERCENT,
               "text": pb.FIELD_TYPE_TEXT, "yes_no": pb.FIELD_TYPE_YES_NO, "date": pb.FIELD_TYPE_DATE,
               "select": pb.FIELD_TYPE_SELECT}
AGGREGATIONS = {"sum": pb.AGGREGATION_SUM, "average": pb.AGGREGATION_AVERAGE, "count": pb.AGGREGATION_COUNT,
                "none": pb.AGGREGATION_NONE}
STATES = {"not_started": pb.SUBMISSION_STATE_NOT_STARTED, "draft": pb.SUBMISSION_STATE_DRAFT,
          "submitted": pb.SUBMISSION_STATE_SUBMITTED, "returned": pb.SUBMISSION_STATE_RETURNED,
          "approved": pb.SUBMISSION_STATE_APPROVED, "reopened": pb.SUBMISSION_STATE_REOPENED}
CHANGE_KINDS = {"approved": pb.CHANGE_KIND_APPROVED, "reopened": pb.CHANGE_KIND_REOPENED}


def timestamp(value: str | None) -> Timestamp | None:
    if not value:
        return None
    ts = Timestamp()
    ts.FromDatetime(datetime.fromisoformat(value))
    return ts


def _set_ts(message, name: str, value: str | None) -> None:
    ts = timestamp(value)
    if ts is not None:
        getattr(message, name).CopyFrom(ts)


def value(v, field_type: str | None = None) -> pb.Value | None:
    """A stored value as a ``Value``; the field's type picks the slot when known
    (a date is text in storage), else the Python type does."""
    if v is None:
        return None
    if field_type == "date":
        return pb.Value(date=str(v))
    if isinstance(v, bool):
        return pb.Value(yes_no=v)
    if isinstance(v, int):
        return pb.Value(integer=v)
    if isinstance(v, float):
        return pb.Value(number=v)
    return pb.Value(text=str(v))


def period(p: dict) -> pb.Period:
    message = pb.Period(id=p["id"], type=PERIOD_TYPES.get(p["type"], pb.PERIOD_TYPE_UNSPECIFIED), label=p["label"],
                        start_date=p["start"], end_date=p["end"], cutoff_start=p["cutoff_start"],
                        cutoff_end=p["cutoff_end"])
    _set_ts(message, "deadline", p.get("deadline"))
    _set_ts(message, "office_deadline", p.get("office_deadline"))
    return message


def form(f: dict) -> pb.Form:
    message = pb.Form(code=f["code"], version=f["version"], title=f["title"], description=f.get("description") or "",
                      owner_unit=f["owner_unit"], period_types=[PERIOD_TYPES[t] for t in f["period_types"]],
                      assigned_kinds=f["assigned_kinds"], assigned_units=f["assigned_units"],
                      deadline=pb.DeadlineRule(**f["deadline"]), office_deadline=pb.DeadlineRule(**f["office_deadline"]))
    _set_ts(message, "published_at", f.get("published_at"))
    for s in f.get("sections") or ():
        message.sections.append(pb.Section(code=s["code"], title=s["title"], fields=[_field(x) for x in s["fields"]]))
    return message


def _field(f: dict) -> pb.Field:
    message = pb.Field(code=f["code"], label=f["label"], type=FIELD_TYPES[f["type"]], required=f["required"],
                       aggregation=AGGREGATIONS[f["aggregation"]], unit=f.get("unit") or "",
                       options=[pb.SelectOption(**o) for o in f.get("options") or ()])
    if f.get("min") is not None:
        message.min = float(f["min"])
    if f.get("max") is not None:
        message.max = float(f["max"])
    return message


def unit(u: dict) -> pb.UnitRef:
    return pb.UnitRef(code=u["code"], name=u.get("name") or "", kind=u.get("kind") or "")


def counts(c: dict) -> pb.Counts:
    message = pb.Counts(**{k: c[k] for k in ("expected", "submitted", "on_time", "late", "missing", "approved",
                                             "returned", "awaiting_approval")})
    if c.get("submitted_rate") is not None:
        message.submitted_rate = c["submitted_rate"]
    if c.get("on_time_rate") is not None:
        message.on_time_rate = c["on_time_rate"]
    return message


def completeness(c: dict) -> pb.Completeness:
    office = pb.OfficeStatus(finalized=c["office"]["finalized"], late=bool(c["office"]["late"]))
    _set_ts(office, "deadline", c["office"]["deadline"])
    _set_ts(office, "finalized_at", c["office"]["finalized_at"])
    message = pb.Completeness(form_code=c["form_code"], form_version=c["form_version"], period=period(c["period"]),
                              district=counts(c["totals"]), missing_units=[unit(u) for u in c["missing_units"]],
                              office=office)
    for k in c["by_kind"]:
        message.by_kind.append(pb.KindCounts(kind=k["kind"], label=k["label"], counts=counts(k)))
    for u in c.get("units") or ():
        status = pb.UnitStatus(unit=unit(u), state=STATES.get(u["status"], pb.SUBMISSION_STATE_UNSPECIFIED),
                               late=bool(u.get("late")))
        _set_ts(status, "first_submitted_at", u.get("first_submitted_at"))
        message.units.append(status)
    return message


def consolidated(c: dict) -> pb.Consolidated:
    message = pb.Consolidated(form_code=c["form_code"], form_version=c["form_version"], period=period(c["period"]),
                              units_expected=c["units_expected"], units_included=c["units_included"])
    for f in c["fields"]:
        field = pb.ConsolidatedField(section_code=f["section"], code=f["code"], label=f["label"],
                                     type=FIELD_TYPES[f["type"]], aggregation=AGGREGATIONS[f["aggregation"]],
                                     reporting_units=f["reporting_units"], unit=f.get("unit") or "",
                                     option_counts=[pb.OptionCount(**o) for o in f.get("option_counts") or ()])
        v = value(f["value"])
        if v is not None:
            field.value.CopyFrom(v)
        message.fields.append(field)
    final = c.get("finalized")
    if final:
        message.docx_url, message.xlsx_url = final["docx"]["url"], final["xlsx"]["url"]
        _set_ts(message, "finalized_at", final["finalized_at"])
    return message


_KPI_COUNTS = ("documents_received", "documents_registered", "documents_completed", "documents_on_time",
               "documents_overdue", "meetings_held", "meetings_paperless")
_KPI_RATES = ("on_time_rate", "average_processing_days", "paperless_share", "attendance_rate")


def kpis(k: dict) -> pb.Kpis:
    message = pb.Kpis(**{name: k[name] for name in _KPI_COUNTS})
    for name in _KPI_RATES:
        if k.get(name) is not None:
            setattr(message, name, k[name])
    return message


def kpi_response(r: dict) -> pb.GetKpisResponse:
    return pb.GetKpisResponse(period=period(r["period"]), total=kpis(r["total"]),
                              units=[pb.UnitKpis(unit=unit(u), kpis=kpis(u["kpis"])) for u in r["units"]])


def approved(entry: dict, types: dict[str, str]) -> pb.ApprovedSubmission:
    message = pb.ApprovedSubmission(
        cursor=entry["cursor"], kind=CHANGE_KINDS.get(entry["kind"], pb.CHANGE_KIND_UNSPECIFIED),
        submission_id=entry["submission_id"], form_code=entry["form_code"], form_version=entry["form_version"],
        period_id=entry["period_id"], owner_unit=entry["owner_unit"], late=bool(entry.get("late")),
        reason=entry.get("reason") or "", revision=entry.get("revision") or 0,
        unit=unit({"code": entry["unit_code"], "name": entry.get("unit_name"), "kind": entry.get("unit_kind")}))
    for code, v in (entry.get("values") or {}).items():
        converted = value(v, types.get(code))
        if converted is not None:
            message.values[code].CopyFrom(converted)
    _set_ts(message, "submitted_at", entry.get("submitted_at"))
    _set_ts(message, "at", entry.get("at"))
    return message
