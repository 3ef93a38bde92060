"""Văn bản đi: drafts, attachments, issuing, tracking, recall/update/replace."""
from __future__ import annotations

from services.common.errors import Conflict

from .. import schemas
from ..http import api
from ..uploads import store_upload
from .people import with_people

TAG = "Văn bản đi"
DOC = "/api/v1/documents/<document_id>"


class OutgoingEndpoints:
    @api("GET", "/api/v1/documents", "Danh sách văn bản đi và dự thảo của đơn vị", tag=TAG,
         query=schemas.OutboxQuery, response=schemas.DocumentPage)
    def list_documents(self, call):
        return self.documents.outbox_list(call.actor, call.query.model_dump(mode="json", exclude_none=True))

    @api("POST", "/api/v1/documents", "Tạo dự thảo", tag=TAG, body=schemas.DraftIn, response=schemas.Document,
         status=201, audit="document.create")
    def create_draft(self, call):
        doc = self.documents.create_draft(call.actor, call.body.model_dump(mode="json", exclude_unset=True))
        return with_people(self.directory, doc)

    @api("GET", DOC, "Chi tiết văn bản đi", tag=TAG, response=schemas.Document)
    def get_document(self, call, document_id):
        return with_people(self.directory, self.documents.get_document(call.actor, document_id))

    @api("PATCH", DOC, "Sửa dự thảo", tag=TAG, body=schemas.DraftPatch, response=schemas.Document,
         audit="document.update")
    def update_draft(self, call, document_id):
        doc = self.documents.update_draft(call.actor, document_id, call.body.model_dump(mode="json", exclude_unset=True))
        return with_people(self.directory, doc)

    @api("DELETE", DOC, "Xóa dự thảo (và tệp đính kèm)", tag=TAG, status=204, audit="document.delete")
    def delete_draft(self, call, document_id):
        self.documents.delete_draft(call.actor, document_id)

    @api("PUT", DOC + "/attachments", "Tải tệp đính kèm lên dự thảo", tag=TAG, query=schemas.UploadQuery,
         upload=True, response=schemas.Attachment, status=201, audit="document.attach",
         description="Thân yêu cầu là nội dung tệp (application/octet-stream), tên tệp ở tham số filename. "
                     "Tệp được truyền theo luồng thẳng tới kho S3, không nạp cả vào bộ nhớ.")
    def upload_attachment(self, call, document_id):
        # Refuse before storing a byte: another unit's id, an issued document, a file too big.
        doc = self.documents.get_document(call.actor, document_id)
        if doc["status"] != "draft":
            raise Conflict("Văn bản đã phát hành, không thể thêm tệp.")
        stored = store_upload(self.storage, call)
        return self.documents.attach(call.actor, document_id, stored.as_dict())

    @api("DELETE", DOC + "/attachments/<attachment_id>", "Gỡ tệp đính kèm khỏi dự thảo", tag=TAG, status=204,
         audit="document.detach")
    def remove_attachment(self, call, document_id, attachment_id):
        self.documents.remove_attachment(call.actor, document_id, attachment_id)

    @api("GET", DOC + "/attachments/<attachment_id>", "Tải tệp đính kèm (chuyển hướng tới đường dẫn có thời hạn)",
         tag=TAG, redirect=True)
    def download_document_attachment(self, call, document_id, attachment_id):
        return self.documents.attachment_url(call.actor, attachment_id, document_id=document_id)["url"]

    @api("POST", DOC + "/issue", "Cấp số và phát hành", tag=TAG, body=schemas.IssueIn, response=schemas.Document,
         audit="document.issue")
    def issue(self, call, document_id):
        return with_people(self.directory, self.documents.issue(call.actor, document_id, call.body.attach_official))

    @api("POST", DOC + "/render", "Tạo bản .docx theo thể thức Nghị định 30", tag=TAG, body=schemas.RenderIn,
         response=schemas.RenderResult, audit="document.render")
    def render_document(self, call, document_id):
        result = self.documents.render_document(call.actor, document_id, call.body.attach)
        return {"url": result["url"], "name": result["file"]["name"], "size": result["file"]["size"],
                "attachment": result.get("attachment")}

    @api("GET", DOC + "/tracking", "Theo dõi tình hình xử lý tại từng nơi nhận", tag=TAG, response=schemas.Tracking)
    def tracking(self, call, document_id):
        return self.documents.tracking(call.actor, document_id)

    @api("POST", DOC + "/change-requests", "Yêu cầu thu hồi, cập nhật hoặc thay thế", tag=TAG,
         body=schemas.ChangeRequestIn, response=schemas.ChangeRequestResult, status=201,
         audit="document.request_change")
    def request_change(self, call, document_id):
        return self.documents.request_change(call.actor, document_id,
                                             call.body.model_dump(mode="json", exclude_none=True))
