"""Events the reporting service publishes (exchange ``reporting.events``).

This module is the contract: consumers (notifications, the gateway's live views)
import nothing else from this service. Envelope ``{event_id, type, version,
occurred_at, producer, data}``; ``data`` carries the fields listed per type.
Times are ISO 8601 with an offset; ``period_id`` looks like ``2026-Q1``,
``2026-M03``, ``2026-H1``, ``2026-9M``, ``2026-Y``; unit codes are the
directory's.
"""
from services.common.events import EventType

SERVICE = "reporting"

_SUBMISSION = ("submission_id", "form_code", "form_version", "form_title", "period_id", "period_label",
               "unit_code", "unit_name", "owner_unit", "by")

FORM_PUBLISHED = EventType(
    "report.form_published", 1,
    ("form_code", "version", "title", "owner_unit", "period_types", "assigned_kinds", "assigned_units",
     "deadline", "by"),
    "A report form was created or edited: a new version is in force for submissions started "
    "from now on (submissions already made keep theirs). deadline: {day, month_offset} of the "
    "period's last month.")
SUBMITTED = EventType(
    "report.submitted", 1, _SUBMISSION + ("revision", "submitted_at", "deadline", "late"),
    "A school's leader sent its report for a period to the office (revision 1 the first time, "
    "then after each return or reopening). late: the first submission came after the deadline "
    "(late reports are accepted and marked).")
APPROVED = EventType(
    "report.approved", 1, _SUBMISSION + ("revision", "approved_at", "cursor"),
    "The office approved a submission; its data is locked. cursor: its place in the approved "
    "stream the district portal reads (StreamApprovedSubmissions).")
RETURNED = EventType(
    "report.returned", 1, _SUBMISSION + ("reason",),
    "The office returned a submission to the school with a reason; the school corrects and "
    "submits again.")
REOPENED = EventType(
    "report.reopened", 1, _SUBMISSION + ("reason", "cursor"),
    "The office reopened one unit's approved submission for correction (recorded with the "
    "reason); it is unlocked until submitted and approved again.")
REMINDER_DUE = EventType(
    "report.reminder_due", 1,
    ("form_code", "form_title", "period_id", "period_label", "unit_code", "unit_name", "owner_unit",
     "deadline", "offset_days", "kind", "message", "roles"),
    "A unit has not submitted a report and a reminder falls due: offset_days from the deadline "
    "(negative before it; kind before | on_day | after). Sent once per unit, period and offset; "
    "none once the unit has submitted. roles: who in the unit should be told "
    "(chuyen_vien, lanh_dao). message: a Vietnamese line ready to show.")
CONSOLIDATED = EventType(
    "report.consolidated", 1,
    ("form_code", "form_version", "period_id", "period_label", "owner_unit", "files", "units_included",
     "units_expected", "finalized_at", "office_deadline", "late", "by"),
    "The office finalised its consolidated report for a period (the office-level report to the "
    "district). files: {docx, xlsx} each {key, name, size, sha256, content_type} in S3. "
    "late: after the office-level deadline.")

ALL = (FORM_PUBLISHED, SUBMITTED, APPROVED, RETURNED, REOPENED, REMINDER_DUE, CONSOLIDATED)
