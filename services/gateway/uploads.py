"""A request body streamed to S3 as an upload: the one way files enter the
system through the gateway (draft attachments, paper documents being registered)."""
from __future__ import annotations

from services.common.errors import FileRejected
from services.common.storage import StoredFile

from .http import Call, upload_stream


def store_upload(storage, call: Call) -> StoredFile:
    """Stream ``call``'s body to S3 under ``uploads/`` (name in ``call.query.filename``),
    refusing a body announced bigger than the limit before storing a byte."""
    limit = storage.settings.MAX_ATTACHMENT_BYTES
    if call.request.content_length and call.request.content_length > limit:
        raise FileRejected(f"Tệp vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB).",
                           {"file": "too_large"})
    return storage.put_stream(upload_stream(call.request), call.query.filename, prefix="uploads")
