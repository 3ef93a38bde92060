"""Báo cáo định kỳ: a school's reports (due, overdue, submitted) and the form
it fills; the office's completeness board, approval, consolidated report and
KPI dashboard. The reporting service scopes every call by the actor's unit and
decides who may do what (school specialists fill, principals submit; the office
returns, its leader approves, reopens and finalises)."""
from __future__ import annotations

import logging

from services.common.errors import EofficeError, InvalidTransition, NotFound

from ..exceptions import ServiceUnavailable
from ..http import api
from ..schemas import ErrorBody, UploadQuery
from ..schemas import reporting as schemas
from ..uploads import store_upload

log = logging.getLogger(__name__)

TAG = "Báo cáo"
BASE = "/api/v1/reports"
FORM = BASE + "/forms/<form_code>"
PERIOD = FORM + "/periods/<period_id>"
SUBMISSION = BASE + "/submissions/<submission_id>"
# A malformed or unscheduled period id in the path is a 422 (not only bodies and queries)
INVALID = ((422, ErrorBody),)


def _with_people(directory, view: dict) -> dict:
    """Names for the user ids in a submission (history, submitted/approved by)."""
    ids = {view.get("submitted_by"), view.get("approved_by")} | {h.get("by") for h in view.get("history") or ()}
    ids = sorted(i for i in ids if i and not i.startswith("system:"))
    users = directory.get_users(ids) if ids else {}
    return {**view, "people": {uid: u["full_name"] for uid, u in users.items()}}


class ReportingEndpoints:
    # ================================================================ forms and periods
    @api("GET", BASE + "/forms", "Biểu mẫu báo cáo: Phòng xem biểu mẫu mình thu thập, trường xem biểu mẫu phải nộp",
         tag=TAG, query=schemas.FormsQuery, response=schemas.FormList)
    def list_report_forms(self, call):
        return {"items": self.reporting.list_forms(call.actor, call.query.include_archived)}

    @api("GET", FORM, "Chi tiết biểu mẫu: các phần, chỉ tiêu, ràng buộc, hạn nộp", tag=TAG,
         query=schemas.FormQuery, response=schemas.ReportForm)
    def get_report_form(self, call, form_code):
        return self.reporting.get_form(call.actor, form_code, call.query.version)

    @api("GET", FORM + "/periods", "Các kỳ báo cáo của biểu mẫu trong năm, kèm hạn nộp", tag=TAG,
         query=schemas.ReportYearQuery, response=schemas.ReportPeriodList)
    def list_form_periods(self, call, form_code):
        return {"items": self.reporting.list_periods(call.actor, form_code=form_code, year=call.query.year)}

    @api("GET", BASE + "/periods", "Các kỳ báo cáo của một loại kỳ trong năm (tháng, quý, 6 tháng, 9 tháng, năm)",
         tag=TAG, query=schemas.ReportPeriodsQuery, response=schemas.ReportPeriodList)
    def list_periods_of_type(self, call):
        return {"items": self.reporting.list_periods(call.actor, year=call.query.year,
                                                     period_type=call.query.period_type)}

    # ================================================================ the school's side
    @api("GET", BASE + "/mine", "Báo cáo của đơn vị tôi: sắp đến hạn, quá hạn, đã nộp", tag=TAG,
         query=schemas.ReportYearQuery, response=schemas.MyReports)
    def my_reports(self, call):
        return {"items": self.reporting.my_reports(call.actor, call.query.year)}

    @api("POST", PERIOD + "/open", "Mở báo cáo của đơn vị cho kỳ này (tạo bản nháp lần đầu)", tag=TAG,
         response=schemas.Submission, audit="report.open", responses=INVALID)
    def open_report(self, call, form_code, period_id):
        return _with_people(self.directory, self.reporting.open_submission(call.actor, form_code, period_id))

    @api("POST", FORM + "/check", "Kiểm tra số liệu khi đang nhập (không lưu): lỗi theo từng chỉ tiêu", tag=TAG,
         body=schemas.ReportCheckIn, response=schemas.ReportCheckResult, changes_nothing=True)
    def check_report_values(self, call, form_code):
        body = call.body
        return self.reporting.check_values(call.actor, form_code, body.values, body.version, body.complete)

    @api("GET", BASE + "/submissions", "Danh sách báo cáo: Phòng xem báo cáo các trường gửi, trường xem của mình",
         tag=TAG, query=schemas.SubmissionsQuery, response=schemas.SubmissionPage)
    def list_report_submissions(self, call):
        return self.reporting.list_submissions(call.actor, call.query.model_dump(exclude_none=True))

    @api("GET", SUBMISSION, "Chi tiết báo cáo: số liệu, tệp đính kèm, lịch sử", tag=TAG,
         response=schemas.Submission)
    def get_report_submission(self, call, submission_id):
        return _with_people(self.directory, self.reporting.get_submission(call.actor, submission_id))

    @api("PATCH", SUBMISSION, "Lưu nháp số liệu (chỉ các chỉ tiêu gửi lên; giá trị rỗng xóa chỉ tiêu)", tag=TAG,
         body=schemas.ReportValuesIn, response=schemas.Submission, audit="report.save")
    def save_report_draft(self, call, submission_id):
        sub = self.reporting.save_draft(call.actor, submission_id, call.body.values)
        return _with_people(self.directory, sub)

    @api("POST", SUBMISSION + "/submit", "Gửi báo cáo lên Phòng (hiệu trưởng)", tag=TAG,
         response=schemas.Submission, audit="report.submit", responses=INVALID,
         description="Số liệu chưa đủ hoặc chưa hợp lệ: 422 với lỗi từng chỉ tiêu trong error.fields.")
    def submit_report(self, call, submission_id):
        return _with_people(self.directory, self.reporting.submit(call.actor, submission_id))

    # ================================================================ attachments
    @api("PUT", SUBMISSION + "/attachments", "Tải tệp đính kèm lên báo cáo", tag=TAG, query=UploadQuery,
         upload=True, response=schemas.SubmissionAttachment, status=201, audit="report.attach",
         description="Thân yêu cầu là nội dung tệp (application/octet-stream), tên tệp ở tham số filename; "
                     "tệp được truyền theo luồng tới kho S3.")
    def upload_report_attachment(self, call, submission_id):
        # Refuse before storing a byte: another unit's id, a report already sent or locked.
        sub = self.reporting.get_submission(call.actor, submission_id)
        if sub["unit_code"] != call.actor["unit_id"]:
            raise NotFound("Không tìm thấy báo cáo.")
        if not sub["editable"]:
            raise InvalidTransition("Báo cáo đã gửi hoặc đã được duyệt, không thể thêm tệp.", {"status": sub["status"]})
        stored = store_upload(self.storage, call)
        try:
            return self.reporting.attach(call.actor, submission_id, stored.as_dict())
        except EofficeError as exc:
            # Refused (not merely slow): the file must not stay in S3. The service
            # deletes what it refuses too; deleting twice is harmless.
            if not isinstance(exc, ServiceUnavailable):
                self._forget_upload(stored.key)
            raise

    def _forget_upload(self, key: str) -> None:
        try:
            self.storage.delete(key)
        except Exception:  # already gone, or S3 down: nothing more to do here
            log.warning("could not delete refused upload %s", key, exc_info=True)

    @api("DELETE", SUBMISSION + "/attachments/<attachment_id>", "Gỡ tệp đính kèm khỏi báo cáo", tag=TAG, status=204,
         audit="report.detach")
    def remove_report_attachment(self, call, submission_id, attachment_id):
        self.reporting.remove_attachment(call.actor, submission_id, attachment_id)

    @api("GET", SUBMISSION + "/attachments/<attachment_id>",
         "Tải tệp đính kèm của báo cáo (chuyển hướng tới đường dẫn có thời hạn)", tag=TAG, redirect=True)
    def download_report_attachment(self, call, submission_id, attachment_id):
        return self.reporting.attachment_url(call.actor, submission_id, attachment_id)["url"]

    # ================================================================ the office's decisions
    @api("POST", SUBMISSION + "/approve", "Duyệt báo cáo (lãnh đạo Phòng): số liệu được khóa", tag=TAG,
         body=schemas.ReportApproveIn, response=schemas.Submission, audit="report.approve")
    def approve_report(self, call, submission_id):
        sub = self.reporting.approve(call.actor, submission_id, call.body.note)
        return _with_people(self.directory, sub)

    @api("POST", SUBMISSION + "/return", "Trả lại báo cáo cho trường, nêu lý do", tag=TAG,
         body=schemas.ReportReasonIn, response=schemas.Submission, audit="report.return")
    def return_report(self, call, submission_id):
        sub = self.reporting.return_submission(call.actor, submission_id, call.body.reason)
        return _with_people(self.directory, sub)

    @api("POST", SUBMISSION + "/reopen", "Mở lại báo cáo đã duyệt để trường điều chỉnh (lãnh đạo Phòng)", tag=TAG,
         body=schemas.ReportReasonIn, response=schemas.Submission, audit="report.reopen")
    def reopen_report(self, call, submission_id):
        sub = self.reporting.reopen(call.actor, submission_id, call.body.reason)
        return _with_people(self.directory, sub)

    # ================================================================ completeness, consolidation
    @api("GET", PERIOD + "/completeness",
         "Tình hình nộp báo cáo của kỳ: phải nộp, đã nộp, đúng hạn, muộn, chưa nộp, đã duyệt; các trường chưa nộp",
         tag=TAG, response=schemas.Completeness, responses=INVALID)
    def report_completeness(self, call, form_code, period_id):
        return self.reporting.completeness(call.actor, form_code, period_id)

    @api("GET", FORM + "/board", "Bảng theo dõi cả năm: số liệu từng kỳ và trạng thái từng trường × kỳ", tag=TAG,
         query=schemas.ReportYearQuery, response=schemas.CompletenessBoard)
    def report_board(self, call, form_code):
        return self.reporting.completeness_board(call.actor, form_code, call.query.year)

    @api("GET", PERIOD + "/consolidated", "Số liệu tổng hợp của kỳ (cộng, trung bình, đếm theo biểu mẫu)", tag=TAG,
         query=schemas.ConsolidatedQuery, response=schemas.Consolidated)
    def report_consolidated(self, call, form_code, period_id):
        return self.reporting.consolidate(call.actor, form_code, period_id, call.query.basis)

    @api("POST", PERIOD + "/exports", "Xuất báo cáo tổng hợp (.docx, .xlsx): đường dẫn tải có thời hạn", tag=TAG,
         body=schemas.ConsolidatedExportIn, response=schemas.ConsolidatedExport, status=201, audit="report.export")
    def export_consolidated(self, call, form_code, period_id):
        return self.reporting.export_consolidated(call.actor, form_code, period_id, call.body.basis)

    @api("POST", PERIOD + "/finalize", "Chốt báo cáo tổng hợp của kỳ (lãnh đạo Phòng), từ số liệu đã duyệt",
         tag=TAG, response=schemas.ConsolidatedExport, audit="report.finalize", responses=INVALID)
    def finalize_consolidated(self, call, form_code, period_id):
        return self.reporting.finalize_consolidation(call.actor, form_code, period_id)

    # ================================================================ KPIs
    @api("GET", "/api/v1/kpis",
         "Chỉ số cải cách hành chính theo đơn vị và kỳ: văn bản đúng hạn, quá hạn, số ngày xử lý, họp không giấy",
         tag=TAG, query=schemas.KpiQuery, response=schemas.KpiReport)
    def kpis(self, call):
        return self.reporting.kpis(call.actor, call.query.period_id, call.query.unit_codes or None)
