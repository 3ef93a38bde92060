"""Gateway logic without broker or services: login throttling, error mapping,
validation messages, the OpenAPI document, recipient shortcuts, web assets."""
import json
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import mongomock
import pytest
from nameko.exceptions import RemoteError, UnknownService

from services.common.errors import Conflict, FileRejected, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from services.documents.exceptions import AlreadyIssued, DocumentNotFound
from services.gateway import openapi, schemas
from services.gateway.endpoints.units import recipient_groups
from services.gateway.exceptions import (InvalidCredentials, MalformedRequest, ServiceTimeout, TooManyAttempts,
                                         error_body)
from services.gateway.http import UNSAFE_METHODS, parse_body
from services.gateway.service import GatewayService
from services.gateway.throttle import LoginGuard, LoginPolicy

STATIC = Path(__file__).resolve().parents[2] / "services" / "gateway" / "static"


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 8, 0, 5)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def guard():
    clock = Clock()
    return LoginGuard(mongomock.MongoClient().db.guard, LoginPolicy(max_failures=3, failure_window=600,
                                                                   lock_seconds=900, rate_per_minute=5), clock), clock


def test_lock_after_repeated_failures_then_release(guard):
    guard, clock = guard
    for left in (2, 1, 0):
        guard.check("an", "1.1.1.1")
        assert guard.failed("an", "1.1.1.1") == left
        clock.advance(seconds=61)  # stay under the per-minute rate
    with pytest.raises(TooManyAttempts) as locked:
        guard.check("an", "1.1.1.1")
    assert 700 < locked.value.retry_after <= 900
    guard.check("an", "2.2.2.2")      # another address is not locked
    guard.check("binh", "1.1.1.1")    # nor another user
    clock.advance(seconds=901)
    guard.check("an", "1.1.1.1")      # the lock ran out
    assert guard.failed("an", "1.1.1.1") == 2  # and the count starts again


def test_success_clears_failures_and_old_failures_expire(guard):
    guard, clock = guard
    guard.failed("an", "ip")
    guard.failed("an", "ip")
    guard.succeeded("an", "ip")
    assert guard.failed("an", "ip") == 2
    clock.advance(seconds=601)
    assert guard.failed("an", "ip") == 2  # the earlier one fell out of the window


def test_rate_per_minute_per_ip_and_per_user(guard):
    guard, clock = guard
    for n in range(5):
        guard.check(f"user{n}", "9.9.9.9")
    with pytest.raises(TooManyAttempts) as limited:
        guard.check("user9", "9.9.9.9")
    assert limited.value.retry_after <= 60
    for n in range(5):
        guard.check("chi", f"10.0.0.{n}")
    with pytest.raises(TooManyAttempts):
        guard.check("chi", "10.0.0.99")
    clock.advance(minutes=1)
    guard.check("user9", "9.9.9.9")


@pytest.mark.parametrize("error, status, code", [
    (DocumentNotFound("Không tìm thấy văn bản."), 404, "NOT_FOUND"),
    (NotFound("x"), 404, "NOT_FOUND"),
    (ValidationFailed("x", {"summary": "Trường bắt buộc."}), 422, "VALIDATION_FAILED"),
    (FileRejected("x", {"file": "too_large"}), 422, "FILE_REJECTED"),
    (MalformedRequest("x"), 400, "MALFORMED_REQUEST"),
    (PermissionDenied("x"), 403, "PERMISSION_DENIED"),
    (AlreadyIssued("x"), 409, "CONFLICT"),
    (Conflict("x"), 409, "CONFLICT"),
    (InvalidTransition("x"), 409, "INVALID_TRANSITION"),
    (InvalidCredentials("x"), 401, "INVALID_CREDENTIALS"),
    (TooManyAttempts("x", 30), 429, "TOO_MANY_ATTEMPTS"),
    (ServiceTimeout("x"), 504, "SERVICE_TIMEOUT"),
    (UnknownService("documents"), 503, "SERVICE_UNAVAILABLE"),
    (ConnectionRefusedError(), 503, "SERVICE_UNAVAILABLE"),
    (RemoteError("KeyError", "'secret detail'"), 500, "INTERNAL_ERROR"),
    (ZeroDivisionError("secret detail"), 500, "INTERNAL_ERROR"),
])
def test_one_table_maps_errors_to_statuses(error, status, code):
    got_status, body = error_body(error)
    assert (got_status, body["error"]["code"]) == (status, code)
    assert body["error"]["message"] and "secret" not in json.dumps(body)
    if isinstance(error, ValidationFailed):
        assert body["error"]["fields"]


class FakeRequest:
    def __init__(self, data: bytes, mimetype="application/json"):
        import io
        self.stream = io.BytesIO(data)
        self.content_length = len(data)
        self.mimetype = mimetype


def test_strict_json_bodies():
    with pytest.raises(ValidationFailed) as err:
        parse_body(FakeRequest(b'{"kind": "outgoing", "year": "2026"}'), schemas.ExportIn)
    assert err.value.fields == {"year": "Phải là số nguyên."}
    with pytest.raises(MalformedRequest):
        parse_body(FakeRequest(b'{"kind": '), schemas.ExportIn)
    assert parse_body(FakeRequest(b""), schemas.RegisterIn).note is None
    body = parse_body(FakeRequest('{"lead_user_id": "u1", "deadline": "2027-01-15"}'.encode()), schemas.AssignIn)
    # a bare date leaves the gateway as the end of that day in Vietnam
    assert body.model_dump(mode="json")["deadline"] == "2027-01-15T23:59:59+07:00"


def test_openapi_document_covers_every_route():
    doc = openapi.build(GatewayService, "t", "1")
    assert doc["openapi"] == "3.1.0"
    routes = [r for r in openapi.routes_of(GatewayService) if r.in_schema]
    operations = [(m, p) for p, ops in doc["paths"].items() for m in ops]
    assert len(operations) == len(routes) >= 35
    ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                if int(status) >= 400 and path != "/readyz" and status != "414":   # 414: the web server's, empty
                    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
            if "{" in path:
                assert "404" in op["responses"]
    refs = json.dumps(doc)
    for name in doc["components"]["schemas"]:
        assert f"#/components/schemas/{name}" in refs


def test_every_state_change_is_audited():
    for route in openapi.routes_of(GatewayService):
        if route.method in UNSAFE_METHODS and not route.changes_nothing:
            assert route.audit, f"{route.method} {route.path} is not audited"


def test_recipient_shortcuts_leave_out_the_sender():
    tree = [{"code": "O", "name": "Phòng", "kind": "office", "children": [
        {"code": "A", "name": "MN A", "kind": "MN", "children": []},
        {"code": "B", "name": "TH B", "kind": "TH", "children": []},
        {"code": "C", "name": "MN C", "kind": "MN", "children": []}]}]
    groups = {g["key"]: g for g in recipient_groups(tree, own_unit="C")}
    assert groups["schools"]["codes"] == ["A", "B"]
    assert groups["MN"] == {"key": "MN", "label": "Tất cả trường Mầm non (MN)", "codes": ["A"]}
    assert "THCS" not in groups


def test_web_assets_are_nfc_and_load_nothing_from_outside():
    files = [p for p in STATIC.rglob("*") if p.is_file()]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        text = text.replace('"http://www.w3.org/2000/svg"', "")   # a namespace name, never fetched
        for needle in ("http://", "https://", "//cdn", "fonts.googleapis"):
            assert needle not in text, (path, needle)
        # the Content-Security-Policy allows no inline script or style
        assert "style:" not in text or path.suffix == ".css", path
        assert "<script>" not in text and " on" + "click=" not in text, path
