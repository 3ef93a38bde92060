"""Errors at the HTTP edge and the ONE table that turns any error into an HTTP
status and the body ``{"error": {"code", "message", "fields"?}}``.

Typed errors raised by other services cross RPC as themselves, but only if
their class was imported here (nameko looks the class up by its module path):
that is why the services' exception modules are imported below.
"""
from __future__ import annotations

import logging
import socket

from kombu.exceptions import OperationalError
from nameko.exceptions import RemoteError, UnknownService

from services.common.errors import (Conflict, EofficeError, FileRejected, InvalidTransition, NotFound,
                                    PermissionDenied, StorageError, ValidationFailed)
from services.directory import exceptions as _directory_errors  # noqa: F401 (registers typed RPC errors)
from services.documents import exceptions as _documents_errors  # noqa: F401 (registers typed RPC errors)
from services.meetings import exceptions as _meetings_errors  # noqa: F401 (registers typed RPC errors)
from services.reporting import exceptions as _reporting_errors  # noqa: F401 (registers typed RPC errors)

log = logging.getLogger(__name__)


class Unauthenticated(EofficeError):
    code = "UNAUTHENTICATED"


class InvalidCredentials(Unauthenticated):
    code = "INVALID_CREDENTIALS"


class TooManyAttempts(EofficeError):
    """Login throttled or locked; ``retry_after`` seconds until it may be tried again."""
    code = "TOO_MANY_ATTEMPTS"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, {})
        self.retry_after = max(1, int(retry_after))


class MalformedRequest(EofficeError):
    """The request cannot be read at all (not JSON, wrong content type)."""
    code = "MALFORMED_REQUEST"


class PayloadTooLarge(EofficeError):
    code = "PAYLOAD_TOO_LARGE"


class RouteNotFound(NotFound):
    code = "ROUTE_NOT_FOUND"


class MethodNotAllowed(EofficeError):
    code = "METHOD_NOT_ALLOWED"


class ServiceUnavailable(EofficeError):
    code = "SERVICE_UNAVAILABLE"


class ServiceTimeout(ServiceUnavailable):
    code = "SERVICE_TIMEOUT"


# Most specific first: the first class an error is an instance of decides.
MAPPED_ERRORS: list[tuple[type[BaseException], int]] = [
    (TooManyAttempts, 429),
    (Unauthenticated, 401),
    (MalformedRequest, 400),
    (PayloadTooLarge, 413),
    (MethodNotAllowed, 405),
    (FileRejected, 422),
    (ValidationFailed, 422),
    (PermissionDenied, 403),
    (NotFound, 404),
    (InvalidTransition, 409),
    (Conflict, 409),
    (ServiceTimeout, 504),
    (ServiceUnavailable, 503),
    (StorageError, 503),
]

# Failures of the plumbing rather than of the request: the client may retry.
UNAVAILABLE = (UnknownService, OperationalError, ConnectionError, socket.error)

GENERIC_MESSAGES = {
    500: "Lỗi hệ thống. Vui lòng thử lại sau hoặc liên hệ quản trị.",
    503: "Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau ít phút.",
    504: "Hệ thống phản hồi quá lâu. Vui lòng thử lại.",
}


def status_for(exc: BaseException) -> int:
    for cls, status in MAPPED_ERRORS:
        if isinstance(exc, cls):
            return status
    if isinstance(exc, UNAVAILABLE):
        return 503
    return 500


def error_body(exc: BaseException) -> tuple[int, dict]:
    """The status and JSON body for ``exc``. Server-side failures never leak details."""
    status = status_for(exc)
    if isinstance(exc, EofficeError) and (status < 500 or isinstance(exc, ServiceUnavailable)):
        error = {"code": exc.code, "message": exc.message or GENERIC_MESSAGES.get(status, "")}
        if exc.fields:
            error["fields"] = {str(k): str(v) for k, v in exc.fields.items()}
        return status, {"error": error}
    if isinstance(exc, RemoteError):
        log.error("unmapped error from a service: %s %s", exc.exc_type, exc.value)
    else:
        log.error("request failed with %s", status, exc_info=exc)
    code = exc.code if isinstance(exc, EofficeError) else \
        {503: "SERVICE_UNAVAILABLE", 504: "SERVICE_TIMEOUT"}.get(status, "INTERNAL_ERROR")
    return status, {"error": {"code": code, "message": GENERIC_MESSAGES.get(status, GENERIC_MESSAGES[500])}}
