"""The PortalService methods: check the request, ask the reporting service as
the portal (a machine actor with role ``portal``), answer in portal.proto terms.

Errors map to status codes in one table (``STATUS``): the reporting service's
typed errors cross RPC as themselves, so NotFound stays NOT_FOUND and a field
error INVALID_ARGUMENT, with the field messages in the trailing metadata
``eoffice-field-errors-bin`` (UTF-8 JSON).
"""
from __future__ import annotations

import functools
import json
import logging
import threading
from concurrent import futures

import grpc
from nameko.exceptions import RemoteError, UnknownService

from services.common.errors import (Conflict, EofficeError, InvalidTransition, NotFound, PermissionDenied,
                                    ValidationFailed)
from services.reporting.domain import periods

from . import convert
from .auth import Authenticator
from .client import ReportingClient, ReportingUnavailable
from .config import PortalSettings
from .stubs import pb, pb_grpc

log = logging.getLogger(__name__)

class BadRequest(ValidationFailed):
    """A request refused at the edge, before any call."""


class TooManyFollowers(Exception):
    """Every thread a followed stream may hold is taken."""


STATUS = (
    (NotFound, grpc.StatusCode.NOT_FOUND),
    (ValidationFailed, grpc.StatusCode.INVALID_ARGUMENT),
    (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED),
    (InvalidTransition, grpc.StatusCode.FAILED_PRECONDITION),
    (Conflict, grpc.StatusCode.FAILED_PRECONDITION),
    (ReportingUnavailable, grpc.StatusCode.UNAVAILABLE),
    (UnknownService, grpc.StatusCode.UNAVAILABLE),
    (TooManyFollowers, grpc.StatusCode.RESOURCE_EXHAUSTED),
)
FIELD_ERRORS_KEY = "eoffice-field-errors-bin"


def _abort(context, exc: Exception):
    for kind, code in STATUS:
        if isinstance(exc, kind):
            fields = getattr(exc, "fields", None)
            if fields:
                context.set_trailing_metadata(((FIELD_ERRORS_KEY, json.dumps(fields, ensure_ascii=False).encode()),))
            # typed errors carry a message for people (their str adds the fields)
            message = (exc.message if isinstance(exc, EofficeError) else str(exc)) or code.name
            context.abort(code, message if code != grpc.StatusCode.UNAVAILABLE else
                          "Dịch vụ báo cáo tạm thời không phản hồi, vui lòng thử lại.")
    if isinstance(exc, RemoteError):
        log.error("reporting failed: %s", exc)
    else:
        log.exception("portal call failed")
    context.abort(grpc.StatusCode.INTERNAL, "Lỗi nội bộ.")


def unary(method):
    @functools.wraps(method)
    def wrapper(self, request, context):
        try:
            return method(self, request, context)
        except grpc.RpcError:
            raise
        except Exception as exc:  # mapped to a status code, never a stack trace to the client
            _abort(context, exc)
    return wrapper


def streaming(method):
    @functools.wraps(method)
    def wrapper(self, request, context):
        try:
            yield from method(self, request, context)
        except grpc.RpcError:
            raise
        except Exception as exc:
            _abort(context, exc)
    return wrapper


class PortalServicer(pb_grpc.PortalServiceServicer):
    def __init__(self, client: ReportingClient, authenticator: Authenticator, settings: PortalSettings):
        self.client = client
        self.authenticator = authenticator
        self.settings = settings
        # a few long-lived threads (each keeps its reporting proxy) read stream pages ahead
        self.prefetch = futures.ThreadPoolExecutor(max_workers=settings.PORTAL_MAX_WORKERS,
                                                   thread_name_prefix="portal-fetch")
        # a followed stream holds a server thread for as long as it stays open:
        # at most half of them, so one-off calls always find a thread
        self._followers = threading.BoundedSemaphore(max(1, settings.PORTAL_MAX_WORKERS // 2))
        self._types: dict[tuple[str, int], dict[str, str]] = {}
        self._types_lock = threading.Lock()

    def _actor(self, context) -> dict:
        grant = self.authenticator.grant_for(context.invocation_metadata())
        name = grant.name if grant else "unknown"
        return {"user_id": f"portal:{name}", "unit_id": "portal", "roles": ["portal"], "full_name": name}

    # ---------------------------------------------------------------- catalog
    @unary
    def ListForms(self, request, context):
        forms = self.client.call("list_forms", self._actor(context), full=request.include_definition)
        return pb.ListFormsResponse(forms=[convert.form(f) for f in forms])

    @unary
    def ListPeriods(self, request, context):
        year = request.year or None
        if year is not None and not periods.MIN_YEAR <= year <= periods.MAX_YEAR:
            raise BadRequest("Năm không hợp lệ.", {"year": "invalid"})
        if request.form_code:
            found = self.client.call("list_periods", self._actor(context), form_code=request.form_code, year=year)
        elif request.period_type in convert.PERIOD_TYPE_NAMES:
            found = self.client.call("list_periods", self._actor(context), year=year,
                                     period_type=convert.PERIOD_TYPE_NAMES[request.period_type])
        else:
            raise BadRequest("Cần form_code hoặc period_type.", {"form_code": "required"})
        return pb.ListPeriodsResponse(periods=[convert.period(p) for p in found])

    # ---------------------------------------------------------------- boards
    @unary
    def GetCompleteness(self, request, context):
        form_code, period_id = self._form_and_period(request)
        return convert.completeness(self.client.call("completeness", self._actor(context), form_code, period_id))

    @unary
    def GetConsolidated(self, request, context):
        form_code, period_id = self._form_and_period(request)
        return convert.consolidated(self.client.call("consolidate", self._actor(context), form_code, period_id))

    @unary
    def GetKpis(self, request, context):
        _check_period(request.period_id)
        answer = self.client.call("kpis", self._actor(context), request.period_id, list(request.unit_codes) or None)
        return convert.kpi_response(answer)

    # ---------------------------------------------------------------- approved stream
    @streaming
    def StreamApprovedSubmissions(self, request, context):
        if request.period_id:
            _check_period(request.period_id)
        actor = self._actor(context)
        if request.follow and not self._followers.acquire(blocking=False):
            raise TooManyFollowers("Quá nhiều luồng theo dõi đang mở; hãy đọc theo lô (follow=false) rồi "
                                   "đọc tiếp từ con trỏ cuối.")
        try:
            yield from self._stream(request, context, actor)
        finally:
            if request.follow:
                self._followers.release()

    def _stream(self, request, context, actor):
        done = threading.Event()
        context.add_callback(done.set)   # the client went away: stop polling

        def fetch(after: int) -> dict:
            return self.client.call("approved_since", actor, after=after, limit=self.settings.PORTAL_STREAM_PAGE,
                                    form_code=request.form_code or None, period_id=request.period_id or None)

        # the next page is fetched while this one is sent: the two take about as long
        ahead = self.prefetch.submit(fetch, request.after_cursor)
        while context.is_active():
            page = ahead.result()
            if page["more"]:
                ahead = self.prefetch.submit(fetch, page["next_cursor"])
            for entry in page["items"]:
                yield convert.approved(entry, self._field_types(actor, entry["form_code"], entry["form_version"]))
            if page["more"]:
                continue
            if not request.follow or done.wait(self.settings.PORTAL_FOLLOW_INTERVAL):
                return
            ahead = self.prefetch.submit(fetch, page["next_cursor"])

    def _field_types(self, actor: dict, form_code: str, version: int) -> dict[str, str]:
        """Field types per form version (versions never change: cached for good)."""
        key = (form_code, version)
        types = self._types.get(key)
        if types is None:
            form = self.client.call("get_form", actor, form_code, version)
            types = {f["code"]: f["type"] for s in form["sections"] for f in s["fields"]}
            with self._types_lock:
                self._types[key] = types
        return types

    @staticmethod
    def _form_and_period(request) -> tuple[str, str]:
        if not request.form_code:
            raise BadRequest("Thiếu mã biểu mẫu.", {"form_code": "required"})
        _check_period(request.period_id)
        return request.form_code, request.period_id


def _check_period(period_id: str) -> None:
    if not periods.is_valid_id(period_id):
        raise BadRequest("Mã kỳ báo cáo không hợp lệ (ví dụ 2026-Q1, 2026-M03, 2026-H1, 2026-9M, 2026-Y).",
                         {"period_id": "invalid"})
