"""Files in S3 (MinIO in production, SeaweedFS in tests and local runs).

Files stream in fixed-size parts (never whole in memory) and are hashed on the
way. A file is checked before anything is written (name, type against content)
and while it streams (size limit); a refused upload leaves nothing behind.
Messages carry only the key, size and sha256 of a file (``StoredFile``).
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import BinaryIO, Iterator
from urllib.parse import quote

from minio import Minio
from minio.error import S3Error
from nameko.extensions import DependencyProvider

from .config import Settings
from .errors import FileRejected, NotFound, StorageError
from .text import nfc

log = logging.getLogger(__name__)

PART_SIZE = 5 * 1024 * 1024  # S3's smallest part: memory per upload stays small
SNIFF_BYTES = 8192

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_XMLISH = "xml"
_TEXT = "text"

# extension -> (content type, signatures or a content rule)
FILE_TYPES: dict[str, tuple[str, tuple | str]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    "zip": ("application/zip", _ZIP),
    "doc": ("application/msword", (_OLE,)),
    "xls": ("application/vnd.ms-excel", (_OLE,)),
    "ppt": ("application/vnd.ms-powerpoint", (_OLE,)),
    "rtf": ("application/rtf", (b"{\\rtf",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    "tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    "rar": ("application/vnd.rar", (b"Rar!\x1a\x07",)),
    "7z": ("application/x-7z-compressed", (b"7z\xbc\xaf\x27\x1c",)),
    "xml": ("application/xml", _XMLISH),
    "edxml": ("application/xml", _XMLISH),
    "txt": ("text/plain; charset=utf-8", _TEXT),
    "csv": ("text/csv; charset=utf-8", _TEXT),
}


@dataclass(frozen=True)
class StoredFile:
    """What messages and records say about a file: never its bytes."""
    key: str
    name: str
    size: int
    sha256: str
    content_type: str

    def as_dict(self) -> dict:
        return asdict(self)


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_filename(name: str | None) -> str:
    """The NFC file name if acceptable; ``FileRejected`` otherwise."""
    name = nfc(name or "")
    if not name or name in {".", ".."}:
        raise FileRejected("Tên tệp trống.", {"file": "empty_name"})
    if len(name) > 255:
        raise FileRejected("Tên tệp quá dài (tối đa 255 ký tự).", {"file": "name_too_long"})
    if "/" in name or "\\" in name:
        raise FileRejected("Tên tệp không được chứa ký tự đường dẫn (/ hoặc \\).", {"file": "path_in_name"})
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise FileRejected("Tên tệp chứa ký tự điều khiển.", {"file": "control_character"})
    if extension(name) not in FILE_TYPES:
        allowed = ", ".join(sorted(FILE_TYPES))
        raise FileRejected(f"Loại tệp không được phép. Chấp nhận: {allowed}.", {"file": "extension_not_allowed"})
    return name


def check_content(name: str, head: bytes) -> str:
    """The content type for ``name`` if the first bytes match it."""
    content_type, rule = FILE_TYPES[extension(name)]
    if rule == _XMLISH:
        ok = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    elif rule == _TEXT:
        ok = b"\x00" not in head and _decodes_as_utf8(head)
    else:
        ok = any(head.startswith(sig) for sig in rule)
    if not ok:
        raise FileRejected(
            f"Nội dung tệp không khớp với phần mở rộng .{extension(name)}.",
            {"file": "content_mismatch"},
        )
    return content_type


def _decodes_as_utf8(head: bytes) -> bool:
    # the sniffed chunk may end inside a multi-byte character
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"


class _HashingLimitedReader(io.RawIOBase):
    """Feeds minio from ``head`` then ``stream``, hashing and counting, and
    refusing to go past ``limit`` bytes."""

    def __init__(self, head: bytes, stream: BinaryIO, limit: int):
        self._head = head
        self._stream = stream
        self._limit = limit
        self.size = 0
        self.sha = hashlib.sha256()

    def readable(self):
        return True

    def read(self, n=-1):
        if self._head:
            chunk, self._head = (self._head, b"") if n < 0 or n >= len(self._head) else (self._head[:n], self._head[n:])
        else:
            chunk = self._stream.read(n if n and n > 0 else PART_SIZE)
        if chunk:
            self.size += len(chunk)
            if self.size > self._limit:
                raise FileRejected(
                    f"Tệp vượt quá dung lượng cho phép ({self._limit // (1024 * 1024)} MB).",
                    {"file": "too_large"},
                )
            self.sha.update(chunk)
        return chunk


class Storage:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.bucket = settings.S3_BUCKET
        self.client = Minio(settings.S3_ENDPOINT, access_key=settings.S3_ACCESS_KEY,
                            secret_key=settings.S3_SECRET_KEY, secure=settings.S3_SECURE,
                            region=settings.S3_REGION)
        public = settings.S3_PUBLIC_ENDPOINT
        self._presigner = self.client if not public else Minio(
            public, access_key=settings.S3_ACCESS_KEY, secret_key=settings.S3_SECRET_KEY,
            secure=settings.S3_SECURE, region=settings.S3_REGION)

    def ensure_bucket(self) -> None:
        try:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
        except S3Error as exc:
            if exc.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                raise StorageError(f"Không truy cập được kho tệp S3: {exc.code}") from exc

    def new_key(self, prefix: str) -> str:
        return f"{prefix}/{uuid.uuid4().hex}"

    def put_stream(self, stream: BinaryIO, filename: str, prefix: str = "uploads",
                   max_bytes: int | None = None) -> StoredFile:
        """Validate and stream a file into S3; nothing remains if it is refused."""
        name = validate_filename(filename)
        limit = max_bytes or self.settings.MAX_ATTACHMENT_BYTES
        head = _read_at_least(stream, SNIFF_BYTES)
        if not head:
            raise FileRejected("Tệp rỗng (0 byte).", {"file": "empty"})
        content_type = check_content(name, head)
        reader = _HashingLimitedReader(head, stream, limit)
        key = self.new_key(prefix)
        try:
            # two 5 MiB parts in flight: minio's default (three 8 MiB parts) holds ~60 MB per
            # upload; this keeps a 1 GB upload near 30 MB at ~0.8 of its throughput
            self.client.put_object(self.bucket, key, reader, length=-1, part_size=PART_SIZE,
                                   content_type=content_type, num_parallel_uploads=2)
        except FileRejected:
            self._forget(key)
            raise
        except Exception as exc:
            self._forget(key)
            raise StorageError(f"Lưu tệp thất bại: {exc}") from exc
        return StoredFile(key=key, name=name, size=reader.size, sha256=reader.sha.hexdigest(),
                          content_type=content_type)

    def accept_upload(self, file: dict | None, field: str = "file", reread: bool = False) -> StoredFile:
        """Check a file a caller streamed with ``put_stream(prefix="uploads")``
        before a service records it: a fresh upload key, an acceptable name, and an
        object of the announced size (and, with ``reread``, sha256). What to do with
        a refused object is the caller's choice."""
        file = file or {}
        key = str(file.get("key") or "")
        if not _UPLOAD_KEY.fullmatch(key):
            raise FileRejected("Tệp tải lên không hợp lệ.", {field: "bad_key"})
        name = validate_filename(file.get("name"))
        if reread:
            size, sha256 = self.sha256_of(key)
        else:
            size, sha256 = self.size_of(key), str(file.get("sha256", ""))
        if size != _as_int(file.get("size")) or sha256 != file.get("sha256") or not _SHA256.fullmatch(sha256):
            raise FileRejected("Tệp tải lên không khớp kích thước hoặc mã băm.", {field: "mismatch"})
        return StoredFile(key=key, name=name, size=size, sha256=sha256,
                          content_type=file.get("content_type") or "application/octet-stream")

    @staticmethod
    def is_upload_key(key: str | None) -> bool:
        return bool(_UPLOAD_KEY.fullmatch(str(key or "")))

    def put_bytes(self, data: bytes, filename: str, content_type: str, prefix: str = "generated") -> StoredFile:
        """Store a file the system generated itself (registers, rendered documents)."""
        key = self.new_key(prefix)
        self.client.put_object(self.bucket, key, io.BytesIO(data), len(data), content_type=content_type)
        return StoredFile(key=key, name=filename, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                          content_type=content_type)

    def size_of(self, key: str) -> int:
        try:
            return self.client.stat_object(self.bucket, key).size
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject", "NotFound"}:
                raise NotFound("Không tìm thấy tệp trong kho lưu trữ.") from exc
            raise StorageError(f"Không đọc được tệp: {exc.code}") from exc

    def iter_chunks(self, key: str, chunk_size: int = 1024 * 1024) -> Iterator[bytes]:
        try:
            response = self.client.get_object(self.bucket, key)
        except S3Error as exc:
            raise NotFound("Không tìm thấy tệp trong kho lưu trữ.") from exc
        try:
            yield from response.stream(chunk_size)
        finally:
            response.close()
            response.release_conn()

    def sha256_of(self, key: str) -> tuple[int, str]:
        """Re-read a stored file: (size, sha256). Used to check integrity on receipt."""
        sha, size = hashlib.sha256(), 0
        for chunk in self.iter_chunks(key):
            size += len(chunk)
            sha.update(chunk)
        return size, sha.hexdigest()

    def verify(self, file: dict | StoredFile) -> bool:
        f = file if isinstance(file, dict) else file.as_dict()
        try:
            return self.sha256_of(f["key"]) == (f["size"], f["sha256"])
        except NotFound:
            return False

    def presigned_url(self, key: str, filename: str, expires_seconds: int = 600) -> str:
        disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
        return self._presigner.presigned_get_object(
            self.bucket, key, expires=timedelta(seconds=expires_seconds),
            response_headers={"response-content-disposition": disposition})

    def delete(self, key: str) -> None:
        self.client.remove_object(self.bucket, key)

    def _forget(self, key: str) -> None:
        try:
            self.client.remove_object(self.bucket, key)
        except Exception:  # nothing was written, or S3 itself is down
            log.debug("nothing to remove at %s", key)


_UPLOAD_KEY = re.compile(r"uploads/[0-9a-f]{32}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _read_at_least(stream: BinaryIO, n: int) -> bytes:
    """Read up to ``n`` bytes even from streams that return short reads."""
    buf = bytearray()
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


class S3Storage(DependencyProvider):
    """Injects a ``Storage`` bound to the configured bucket (created if missing)."""

    def setup(self):
        self.storage = Storage(Settings.from_config(self.container.config))

    def start(self):
        self.storage.ensure_bucket()

    def get_dependency(self, worker_ctx):
        return self.storage
