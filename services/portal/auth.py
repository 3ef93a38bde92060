"""Who may call the portal API: bearer tokens in metadata, each granted scopes.

``authorization: Bearer <token>`` (or ``x-portal-token: <token>``). No token or an
unknown one: UNAUTHENTICATED. A known token without the method's scope:
PERMISSION_DENIED. The health and reflection services stay open (probes and
tooling carry no token). Tokens are compared in constant time.
"""
from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass

import grpc

from .stubs import SERVICE_NAME

log = logging.getLogger(__name__)

SCOPES = ("catalog", "completeness", "consolidated", "kpis", "submissions")
METHOD_SCOPES = {
    "ListForms": "catalog", "ListPeriods": "catalog", "GetCompleteness": "completeness",
    "GetConsolidated": "consolidated", "GetKpis": "kpis", "StreamApprovedSubmissions": "submissions",
}
PROTECTED_PREFIX = f"/{SERVICE_NAME}/"


@dataclass(frozen=True)
class Grant:
    name: str
    token: str
    scopes: frozenset[str]


class TokenError(ValueError):
    pass


def parse_grants(portal_token: str, extra: str) -> list[Grant]:
    """PORTAL_TOKEN (every scope, client name "portal") and PORTAL_TOKENS
    ("name:token:scope+scope,...")."""
    grants = []
    if portal_token:
        grants.append(Grant("portal", portal_token, frozenset(SCOPES)))
    for entry in filter(None, (e.strip() for e in (extra or "").split(","))):
        parts = entry.split(":")
        if len(parts) != 3 or not all(parts):
            raise TokenError(f"PORTAL_TOKENS entry must be name:token:scope+scope, got {parts[0]!r}...")
        name, token, scopes = parts
        granted = frozenset(SCOPES) if scopes == "*" else frozenset(scopes.split("+"))
        unknown = granted - set(SCOPES)
        if unknown:
            raise TokenError(f"unknown scope(s) {sorted(unknown)} for {name}; known: {', '.join(SCOPES)}")
        if len(token) < 16:
            raise TokenError(f"the token of {name} is shorter than 16 characters")
        grants.append(Grant(name, token, granted))
    return grants


def generated_token() -> str:
    return secrets.token_urlsafe(32)


class Authenticator:
    def __init__(self, grants: list[Grant]):
        self.grants = grants

    def grant_for(self, metadata) -> Grant | None:
        token = token_from(metadata)
        if not token:
            return None
        found = None
        for grant in self.grants:   # no early exit: the time taken says nothing about the tokens
            if hmac.compare_digest(grant.token.encode(), token.encode()):
                found = grant
        return found


def token_from(metadata) -> str | None:
    for key, value in metadata or ():
        if key == "authorization" and isinstance(value, str) and value[:7].lower() == "bearer ":
            return value[7:].strip()
        if key == "x-portal-token" and isinstance(value, str):
            return value.strip()
    return None


class TokenInterceptor(grpc.ServerInterceptor):
    def __init__(self, authenticator: Authenticator):
        self.authenticator = authenticator

    def intercept_service(self, continuation, handler_call_details):
        method = handler_call_details.method
        handler = continuation(handler_call_details)
        if handler is None or not method.startswith(PROTECTED_PREFIX):
            return handler
        grant = self.authenticator.grant_for(handler_call_details.invocation_metadata)
        if grant is None:
            return _refusal(handler, grpc.StatusCode.UNAUTHENTICATED,
                            "Thiếu hoặc sai mã truy cập (authorization: Bearer <token>).")
        scope = METHOD_SCOPES.get(method[len(PROTECTED_PREFIX):])
        if scope not in grant.scopes:
            log.info("portal client %s refused %s (scope %s)", grant.name, method, scope)
            return _refusal(handler, grpc.StatusCode.PERMISSION_DENIED,
                            f"Mã truy cập không được cấp quyền “{scope}”.")
        return handler


def _refusal(handler, code: grpc.StatusCode, message: str):
    """A handler of the same kind as the refused one that only aborts."""
    def abort(request_or_iterator, context):
        context.abort(code, message)

    kwargs = {"request_deserializer": handler.request_deserializer,
              "response_serializer": handler.response_serializer}
    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(abort, **kwargs)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(abort, **kwargs)
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(abort, **kwargs)
    return grpc.stream_stream_rpc_method_handler(abort, **kwargs)
