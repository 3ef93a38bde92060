"""The OpenAPI 3.1 document, generated from the routes the service declares
(``http.api``) and their pydantic models: the contract cannot drift from the code."""
from __future__ import annotations

import re
from typing import Iterable

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import schemas
from .http import UNSAFE_METHODS, ApiEntrypoint, Route

REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")

_ERRORS = {
    400: "Yêu cầu không đọc được (JSON hỏng, thiếu Content-Length)",
    401: "Chưa đăng nhập hoặc phiên đã hết hạn",
    403: "Không có quyền",
    404: "Không tìm thấy (hoặc thuộc đơn vị khác)",
    409: "Xung đột trạng thái (đã phát hành, vừa được cập nhật, sai bước quy trình)",
    413: "Nội dung quá lớn",
    414: "Địa chỉ (cả tham số truy vấn) dài quá 8 KB",
    422: "Dữ liệu không hợp lệ; error.fields nêu lỗi từng trường",
    429: "Đăng nhập quá nhiều lần; xem tiêu đề Retry-After",
    503: "Dịch vụ tạm thời không sẵn sàng",
    504: "Dịch vụ phản hồi quá lâu",
}


def routes_of(service_cls) -> list[Route]:
    found = []
    for name in dir(service_cls):
        for entrypoint in getattr(getattr(service_cls, name), ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if isinstance(entrypoint, ApiEntrypoint):
                found.append(entrypoint.route)
    return sorted(found, key=lambda r: (r.path, r.method))


def build(service_cls, title: str, version: str) -> dict:
    routes = [r for r in routes_of(service_cls) if r.in_schema]
    refs, top = models_json_schema(_models(routes), ref_template=REF)
    paths: dict = {}
    for route in routes:
        path = _PATH_PARAM.sub(r"{\1}", route.path)
        paths.setdefault(path, {})[route.method.lower()] = _operation(route, refs)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version,
                 "description": "API của hệ thống văn phòng điện tử ngành giáo dục quận: văn bản đi, văn bản đến, "
                                "theo dõi xử lý, sổ văn bản, danh bạ đơn vị và quản trị. Lỗi trả về dạng "
                                "{\"error\": {\"code\", \"message\", \"fields\"}}."},
        "paths": paths,
        "components": {
            "schemas": top.get("$defs", {}),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "eoffice_session",
                               "description": "Dành cho ứng dụng web; yêu cầu thay đổi dữ liệu cần thêm "
                                              "tiêu đề X-Requested-With."},
            },
        },
    }


def _models(routes: Iterable[Route]) -> list[tuple[type[BaseModel], str]]:
    wanted: dict[tuple[type[BaseModel], str], None] = {(schemas.ErrorBody, "serialization"): None}
    for r in routes:
        if r.body:
            wanted[(r.body, "validation")] = None
        if r.response:
            wanted[(r.response, "serialization")] = None
        for _, model in r.responses:
            wanted[(model, "serialization")] = None
    return list(wanted)


def _operation(route: Route, refs: dict) -> dict:
    op: dict = {"operationId": route.operation_id, "summary": route.summary, "tags": [route.tag]}
    if route.description:
        op["description"] = route.description
    params = [{"name": name, "in": "path", "required": True,
               "schema": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[0-9A-Za-z][0-9A-Za-z._\-]*$"}}
              for name in _PATH_PARAM.findall(route.path)]
    if route.query:
        params += _query_parameters(route.query)
    if params:
        op["parameters"] = params
    if route.upload:
        op["requestBody"] = {"required": True, "content": {"application/octet-stream": {
            "schema": {"type": "string", "format": "binary"}}},
            "description": "Nội dung tệp, gửi nguyên dạng (không multipart); truyền theo luồng tới kho S3."}
    elif route.body:
        op["requestBody"] = {"required": bool(route.body.model_json_schema().get("required")),
                             "content": {"application/json": {"schema": refs[(route.body, "validation")]}}}
    op["responses"] = _responses(route, refs)
    if route.auth:
        op["security"] = [{"bearerAuth": []}, {"cookieAuth": []}]
    return op


def _responses(route: Route, refs: dict) -> dict:
    responses: dict = {}
    if route.redirect:
        responses["302"] = {"description": "Chuyển tới đường dẫn tải có thời hạn",
                            "headers": {"Location": {"schema": {"type": "string"}}}}
    elif route.response is None:
        responses[str(route.status if route.status != 200 else 204)] = {"description": "Thành công"}
    else:
        responses[str(route.status)] = {"description": "Thành công", "content": {
            "application/json": {"schema": refs[(route.response, "serialization")]}}}
    for status, model in route.responses:
        responses[str(status)] = {"description": _ERRORS.get(status, "Kết quả khác"), "content": {
            "application/json": {"schema": refs[(model, "serialization")]}}}
    if route.query:
        # the web server itself refuses a request line over 8 KB, with an empty body
        responses["414"] = {"description": _ERRORS[414]}
    for status in _error_statuses(route):
        responses.setdefault(str(status), {"description": _ERRORS[status], "content": {
            "application/json": {"schema": refs[(schemas.ErrorBody, "serialization")]}}})
    return responses


def _error_statuses(route: Route) -> list[int]:
    statuses = [503, 504]
    if route.auth:
        statuses += [401, 403]
    if _PATH_PARAM.search(route.path) or route.body:
        statuses.append(404)   # the id in the path, or one the body refers to (a unit, a person)
    if route.body or route.upload:
        statuses += [400, 413, 422]
    if route.query:
        statuses.append(422)
    if route.method in UNSAFE_METHODS:
        statuses.append(409)
    if route.path.startswith("/api/v1/auth/"):
        statuses += [401, 429]   # wrong credentials; throttled
    return sorted(set(statuses))


def _query_parameters(model: type[BaseModel]) -> list[dict]:
    """Query models are flat (scalars, enums): each field becomes one parameter."""
    schema = model.model_json_schema(ref_template=REF)
    assert "$defs" not in schema, f"{model.__name__} must stay flat to become query parameters"
    required = set(schema.get("required", ()))
    params = []
    for name, prop in schema["properties"].items():
        prop = _without_null(prop)
        param = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if prop.get("description"):
            param["description"] = prop["description"]
        params.append(param)
    return params


def _without_null(prop: dict) -> dict:
    """An absent query parameter is the null: a query string cannot say null."""
    prop = {k: v for k, v in prop.items() if k not in ("default", "title")} | (
        {"default": prop["default"]} if prop.get("default") is not None else {})
    options = prop.pop("anyOf", None)
    if options:
        kept = [o for o in options if o.get("type") != "null"]
        prop = {**(kept[0] if len(kept) == 1 else {"anyOf": kept}), **prop}
    return prop
