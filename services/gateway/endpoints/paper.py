"""Vào sổ văn bản giấy/ngoài hệ thống: the clerk uploads the received file (a
.docx pre-fills the form from its metadata; a PDF scan is only attached),
corrects the form and registers the document with the next số đến.

The uploaded file is held by the gateway (``uploads.HeldUploads``, collection
``paper_uploads``) until the clerk registers it."""
from __future__ import annotations

import logging

from nameko.exceptions import RemoteError

from services.common.errors import EofficeError

from .. import schemas
from ..http import api
from ..uploads import HeldUploads, store_upload
from .people import with_people

log = logging.getLogger(__name__)

TAG = "Văn bản đến"
BASE = "/api/v1/inbox/external"
CLERK = ("van_thu",)
UPLOADS = "paper_uploads"


class PaperEndpoints:
    @api("PUT", BASE + "/files", "Tải lên văn bản giấy/ngoài hệ thống để vào sổ (văn thư)", tag=TAG, roles=CLERK,
         query=schemas.UploadQuery, upload=True, response=schemas.ExternalUpload, status=201,
         audit="external.upload",
         description="Thân yêu cầu là nội dung tệp (application/octet-stream), tên tệp ở tham số filename; "
                     "tệp được truyền theo luồng tới kho S3. Tệp .docx được đọc để điền sẵn phiếu vào sổ "
                     "(prefill); tệp khác (bản quét PDF...) chỉ được đính kèm.")
    def upload_external_file(self, call):
        stored = store_upload(self.storage, call)
        upload_id = HeldUploads(self.db, UPLOADS).hold(call.actor, stored, unit_id=call.actor["unit_id"])
        call.target = f"upload_id={upload_id}"
        prefill, problem = None, None
        if stored.name.lower().endswith(".docx"):
            try:
                prefill = self.documents.inspect_docx(call.actor, stored.key)
            except (EofficeError, RemoteError) as exc:   # an unreadable .docx is still a file to attach
                log.info("could not read %s for pre-filling: %s", stored.name, exc)
                problem = "Không đọc được thông tin từ tệp .docx; vui lòng nhập tay."
        return {"upload_id": upload_id, "name": stored.name, "size": stored.size,
                "content_type": stored.content_type, "prefill": prefill, "prefill_error": problem}

    @api("POST", BASE, "Vào sổ văn bản giấy/ngoài hệ thống (văn thư): cấp số đến ngay", tag=TAG, roles=CLERK,
         body=schemas.ExternalIn, response=schemas.Item, status=201, audit="item.register_external")
    def register_external(self, call):
        spec = call.body.model_dump(mode="json", exclude_none=True)
        upload_id = spec.pop("upload_id", None)
        if not upload_id:
            return with_people(self.directory, self.documents.register_external(call.actor, spec))
        uploads = HeldUploads(self.db, UPLOADS)
        with uploads.claimed(upload_id, call.actor, "Không tìm thấy tệp đã tải lên (hoặc tệp đã được vào sổ).") as file:
            item = self.documents.register_external(call.actor, {**spec, "file": file})
        uploads.note(upload_id, item_id=item["item_id"])
        return with_people(self.directory, item)
