"""Files entering the system through the gateway: a request body streamed to S3
(draft attachments, paper documents being registered, drafts for written
opinions), and the uploads the gateway holds until the request that uses them.

A held upload's S3 record stays here, tied to the person who uploaded it; the
browser only gets an ``upload_id``, so nobody can make a service take an S3 key
they chose. One left unused for a day is deleted, file and all."""
from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from datetime import timedelta

from pymongo import ReturnDocument

from services.common.clock import utcnow
from services.common.errors import FileRejected, NotFound
from services.common.storage import StoredFile

from .http import Call, upload_stream

log = logging.getLogger(__name__)

UNUSED_FOR = timedelta(hours=24)


def store_upload(storage, call: Call) -> StoredFile:
    """Stream ``call``'s body to S3 under ``uploads/`` (name in ``call.query.filename``),
    refusing a body announced bigger than the limit before storing a byte."""
    limit = storage.settings.MAX_ATTACHMENT_BYTES
    if call.request.content_length and call.request.content_length > limit:
        raise FileRejected(f"Tệp vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB).",
                           {"file": "too_large"})
    return storage.put_stream(upload_stream(call.request), call.query.filename, prefix="uploads")


class HeldUploads:
    """Uploads kept in one gateway collection until used (``claimed``)."""

    def __init__(self, db, collection: str):
        self.records = db[collection]

    def hold(self, actor: dict, stored: StoredFile, **context) -> str:
        upload_id = uuid.uuid4().hex
        self.records.insert_one({"_id": upload_id, "user_id": actor["user_id"], "file": stored.as_dict(),
                                 "created_at": utcnow(), "used": False, **context})
        return upload_id

    @contextmanager
    def claimed(self, upload_id: str, actor: dict, not_found: str, **context):
        """The held file, taken for the block: a second request cannot use it at
        the same time; if the block fails it is given back for a corrected request."""
        record = self.records.find_one_and_update(
            {"_id": upload_id, "user_id": actor["user_id"], "used": False, **context}, {"$set": {"used": True}},
            return_document=ReturnDocument.AFTER)
        if record is None:
            raise NotFound(not_found, {"upload_id": "not_found"})
        try:
            yield record["file"]
        except BaseException:
            self.records.update_one({"_id": upload_id}, {"$set": {"used": False}})
            raise

    def note(self, upload_id: str, **fields) -> None:
        self.records.update_one({"_id": upload_id}, {"$set": fields})

    def purge_unused(self, storage) -> int:
        """Delete uploads nobody used within ``UNUSED_FOR`` (their S3 object too)."""
        purged = 0
        for record in self.records.find({"used": False, "created_at": {"$lt": utcnow() - UNUSED_FOR}}):
            try:
                storage.delete(record["file"]["key"])
            except Exception:   # S3 unreachable: the next round tries again
                log.warning("could not delete unused upload %s", record["_id"], exc_info=True)
                continue
            if self.records.delete_one({"_id": record["_id"], "used": False}).deleted_count:
                purged += 1
        return purged
