"""Vào sổ văn bản giấy/ngoài hệ thống: the clerk uploads the received file (a
.docx pre-fills the form from its metadata; a PDF scan is only attached),
corrects the form and registers the document with the next số đến.

The uploaded file's S3 record stays on the gateway (collection ``paper_uploads``,
tied to the clerk who uploaded it); the browser only holds an ``upload_id``, so
nobody can make the documents service attach an S3 key they chose."""
from __future__ import annotations

import logging
import uuid

from nameko.exceptions import RemoteError
from pymongo import ReturnDocument

from services.common.clock import utcnow
from services.common.errors import EofficeError, NotFound

from .. import schemas
from ..http import api
from ..uploads import store_upload
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
        upload_id = uuid.uuid4().hex
        self.db[UPLOADS].insert_one({"_id": upload_id, "user_id": call.actor["user_id"],
                                     "unit_id": call.actor["unit_id"], "file": stored.as_dict(),
                                     "created_at": utcnow(), "used": False})
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
        uploads = self.db[UPLOADS]
        if upload_id:
            # claimed first, so the same file cannot be registered twice at once
            claimed = uploads.find_one_and_update({"_id": upload_id, "user_id": call.actor["user_id"], "used": False},
                                                  {"$set": {"used": True}}, return_document=ReturnDocument.AFTER)
            if claimed is None:
                raise NotFound("Không tìm thấy tệp đã tải lên (hoặc tệp đã được vào sổ).", {"upload_id": "not_found"})
            spec["file"] = claimed["file"]
        try:
            item = self.documents.register_external(call.actor, spec)
        except BaseException:
            if upload_id:
                uploads.update_one({"_id": upload_id}, {"$set": {"used": False}})
            raise
        if upload_id:
            uploads.update_one({"_id": upload_id}, {"$set": {"item_id": item["item_id"]}})
        return with_people(self.directory, item)
