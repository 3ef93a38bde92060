"""The HTTP plumbing under every API route: one decorator declares a route
(method, path, schemas, roles, audit action) next to its handler; the same
declaration drives request parsing, response rendering and the OpenAPI document.

A handler receives a ``Call`` (actor, parsed body and query, client IP) and the
path values, and returns what the RPC returned; rendering validates it against
the declared response model, so the API never answers outside its contract.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed as WerkzeugMethodNotAllowed
from werkzeug.wrappers import Request, Response

from services.common.errors import EofficeError, ValidationFailed

from .exceptions import (MalformedRequest, MethodNotAllowed, PayloadTooLarge, RouteNotFound, TooManyAttempts,
                         Unauthenticated, error_body)
from .messages import field_errors

MAX_JSON_BYTES = 1024 * 1024
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Everything the web app needs is served from here: no CDN, no inline script.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}


@dataclass(frozen=True)
class Route:
    """What one endpoint is: the single source for routing, parsing, roles,
    auditing and its OpenAPI operation."""
    method: str
    path: str                                   # werkzeug rule: /api/v1/items/<item_id>
    summary: str
    tag: str
    auth: bool = True
    roles: tuple[str, ...] = ()                 # any of these roles (empty: any signed-in user)
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None     # None: 204 No Content (or a redirect)
    status: int = 200
    audit: str | None = None                    # action name written to the audit log
    changes_nothing: bool = False               # a POST that only computes (a check): nothing to audit
    upload: bool = False                        # the request body is a file, streamed
    redirect: bool = False                      # answers 302 to a URL the handler returns
    description: str = ""
    in_schema: bool = True                      # static files and the web app stay out of the API doc
    responses: tuple[tuple[int, type[BaseModel]], ...] = ()   # other documented answers, e.g. 503 of /readyz
    operation_id: str = ""                      # the handler's name


@dataclass
class Call:
    """One request as a handler sees it."""
    request: Request
    route: Route
    ip: str
    path_values: dict
    actor: dict | None = None
    user: dict | None = None          # the signed-in user (directory record)
    username: str | None = None       # the name tried at login (for the audit log)
    session_id: str | None = None
    body: Any = None
    query: Any = None
    target: str | None = None         # what the action acted on, for the audit log
    cookies: list[dict] = field(default_factory=list)


def api(method: str, path: str, summary: str, **spec) -> Callable:
    """Declare an API route. The service must have an ``auth`` dependency."""
    def decorator(fn):
        route = Route(method=method, path=path, summary=summary, operation_id=fn.__name__, **spec)

        @functools.wraps(fn)
        def handler(self, request, **path_values):
            call = Call(request=request, route=route, ip=self.auth.client_ip(request), path_values=path_values)
            request.eoffice_call = call  # read by the audit log after the worker
            if route.auth:
                self.auth.authenticate(call)
            if route.body is not None:
                call.body = parse_body(request, route.body)
            if route.query is not None:
                call.query = parse_query(request, route.query)
            return render(call, fn(self, call, **path_values))

        return ApiEntrypoint.decorator(route, expected_exceptions=(EofficeError,))(handler)

    return decorator


# ------------------------------------------------------------------ parsing
def parse_body(request: Request, model: type[BaseModel]) -> BaseModel:
    """Strict JSON: "1" is not a number, unknown fields are refused. An empty
    body stands for ``{}`` (commands whose fields are all optional)."""
    if request.content_length and request.content_length > MAX_JSON_BYTES:
        raise PayloadTooLarge(f"Nội dung yêu cầu vượt quá {MAX_JSON_BYTES // 1024} KB.")
    raw = request.stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise PayloadTooLarge(f"Nội dung yêu cầu vượt quá {MAX_JSON_BYTES // 1024} KB.")
    if not raw.strip():
        raw = b"{}"
    elif request.mimetype != "application/json":
        raise MalformedRequest("Nội dung phải là JSON (Content-Type: application/json).")
    try:
        json.loads(raw)
    except ValueError:
        raise MalformedRequest("Nội dung JSON không đọc được.") from None
    try:
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise ValidationFailed("Dữ liệu không hợp lệ.", field_errors(exc)) from None


def parse_query(request: Request, model: type[BaseModel]) -> BaseModel:
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in request.args:
            continue
        values = request.args.getlist(name)
        data[name] = values if _is_list(info.annotation) else values[-1]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed("Tham số truy vấn không hợp lệ.", field_errors(exc)) from None


def upload_stream(request: Request):
    """The raw request body as a stream, never buffered. eventlet ends a chunked
    body itself; werkzeug would hand back an empty stream for one."""
    if request.headers.get("Transfer-Encoding", "").lower() == "chunked":
        return request.environ["wsgi.input"]
    if request.content_length is None:
        raise MalformedRequest("Thiếu độ dài tệp (Content-Length).")
    return request.stream


def _is_list(annotation) -> bool:
    return "list" in str(annotation).lower()


# ------------------------------------------------------------------ rendering
def json_response(payload: Any, status: int = 200, headers: dict | None = None) -> Response:
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload, ensure_ascii=False)
    response = Response(body, status=status, mimetype="application/json", headers=headers)
    response.headers["Cache-Control"] = "no-store"
    return response


def render(call: Call, result: Any) -> Response:
    route = call.route
    if isinstance(result, Response):
        response = result
    elif route.redirect:
        response = Response(status=302, headers={"Location": str(result), "Cache-Control": "no-store"})
    elif route.response is None:
        response = Response(status=204, headers={"Cache-Control": "no-store"})
    else:
        model = result if isinstance(result, route.response) else route.response.model_validate(result)
        response = json_response(model.model_dump_json(by_alias=True), route.status)
    call.target = call.target or describe_target(call.path_values, result)
    for cookie in call.cookies:
        response.set_cookie(**cookie)
    return response


def describe_target(path_values: dict, result: Any = None) -> str | None:
    """What a request acted on, for the audit log: its path ids, or the id it created."""
    if path_values:
        return ",".join(f"{k}={v}" for k, v in path_values.items())
    if isinstance(result, dict):
        for key in ("document_id", "item_id", "user_id", "code"):
            if result.get(key):
                return f"{key}={result[key]}"
    return None


def error_response(exc: BaseException) -> Response:
    status, body = error_body(exc)
    response = json_response(body, status)
    if isinstance(exc, TooManyAttempts):
        response.headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        response.headers["WWW-Authenticate"] = 'Bearer realm="eoffice"'
    return response


# ------------------------------------------------------------------ nameko glue
class ApiWsgiApp(WsgiApp):
    """nameko's WSGI app, answering unknown routes in JSON and adding the
    security headers to every response."""

    def __call__(self, environ, start_response):
        def with_headers(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present]
            return start_response(status, headers, exc_info)

        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values
            response = provider.handle_request(request)
        except WerkzeugMethodNotAllowed as exc:
            response = error_response(MethodNotAllowed("Phương thức không được hỗ trợ cho địa chỉ này."))
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods or ()))
        except HTTPException:
            response = error_response(RouteNotFound("Không tìm thấy địa chỉ yêu cầu."))
        return response(environ, with_headers)


class ApiWebServer(WebServer):
    def get_wsgi_app(self):
        return ApiWsgiApp(self)


class ApiEntrypoint(HttpRequestHandler):
    server = ApiWebServer()

    def __init__(self, route: Route, **kwargs):
        self.route = route
        super().__init__(route.method, route.path, **kwargs)

    def response_from_result(self, result):
        return result

    def response_from_exception(self, exc):
        return error_response(exc)
