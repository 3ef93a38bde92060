"""Who is calling: login, signed session tokens, logout by revocation,
password change, and the actor every service call carries.

A session token is a JWT (HS256, GATEWAY_SECRET) naming the user and a session
id; the session row in the gateway's MongoDB is what logout and a password
change revoke, so a token stops working before it expires. Browsers get the
same token in an HttpOnly, SameSite=Strict cookie (JavaScript never sees it);
a cookie-authenticated state change must also carry ``X-Requested-With``, which
a cross-site form cannot send. API clients send ``Authorization: Bearer``.

Roles and unit are read from the directory (cached briefly, dropped when the
directory announces a change), never trusted from the token.
"""
from __future__ import annotations

import ipaddress
import uuid
from datetime import timedelta

import jwt
from nameko.extensions import DependencyProvider
from nameko.rpc import ReplyListener, ServiceProxy

from services.common.cache import TTLCache
from services.common.clock import iso, utcnow
from services.common.config import Settings
from services.common.errors import PermissionDenied, ValidationFailed
from services.common.mongo import connect
from services.common.text import nfc

from .config import GatewaySettings
from .exceptions import InvalidCredentials, Unauthenticated
from .http import UNSAFE_METHODS, Call
from .rpc import TimedServiceProxy
from .throttle import COLLECTION as GUARD_COLLECTION
from .throttle import LoginGuard, LoginPolicy

COOKIE = "eoffice_session"
CSRF_HEADER = "X-Requested-With"
ISSUER = "eoffice-gateway"
SESSIONS = "sessions"


def actor_of(user: dict) -> dict:
    """The actor dict services expect, from a directory user."""
    return {"user_id": user["user_id"], "unit_id": user["unit_code"], "roles": list(user.get("roles") or []),
            "full_name": user.get("full_name") or ""}


class Auth(DependencyProvider):
    rpc_reply_listener = ReplyListener()

    def setup(self):
        self.settings = GatewaySettings.from_config(self.container.config)
        db = connect(self.container.service_name, Settings.from_config(self.container.config))
        self.sessions = db[SESSIONS]
        s = self.settings
        self.guard = LoginGuard(db[GUARD_COLLECTION], LoginPolicy(
            max_failures=s.LOGIN_MAX_FAILURES, failure_window=s.LOGIN_FAILURE_WINDOW,
            lock_seconds=s.LOGIN_LOCK_SECONDS, rate_per_minute=s.LOGIN_RATE_PER_MINUTE))
        self.users = TTLCache(ttl_seconds=s.ACTOR_CACHE_SECONDS)

    def start(self):
        self.guard.ensure_indexes()
        self.sessions.create_index("user_id")
        self.sessions.create_index("expires_at", expireAfterSeconds=0)

    def get_dependency(self, worker_ctx):
        directory = TimedServiceProxy(ServiceProxy(worker_ctx, "directory", self.rpc_reply_listener),
                                      self.settings.GATEWAY_RPC_TIMEOUT)
        return Authenticator(self, directory)


class Authenticator:
    """The per-request face of ``Auth``."""

    def __init__(self, auth: Auth, directory):
        self._auth = auth
        self._settings = auth.settings
        self._directory = directory

    # ------------------------------------------------------------ requests
    def client_ip(self, request) -> str:
        """The caller's address; X-Forwarded-For is believed only from a trusted proxy."""
        remote = request.remote_addr or "unknown"
        trusted = self._settings.trusted_proxies
        if remote not in trusted:
            return remote
        for hop in reversed([h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]):
            if hop and hop not in trusted and _is_ip(hop):
                return hop
        return remote

    def authenticate(self, call: Call) -> dict:
        """Fill ``call.actor``/``call.user`` from the token, or raise 401/403."""
        request = call.request
        token, from_cookie = _token_of(request)
        if not token:
            raise Unauthenticated("Vui lòng đăng nhập.")
        if from_cookie and request.method in UNSAFE_METHODS and not request.headers.get(CSRF_HEADER):
            raise PermissionDenied(f"Thiếu tiêu đề {CSRF_HEADER} cho yêu cầu dùng cookie phiên.")
        claims = self._decode(token)
        session = self._auth.sessions.find_one({"_id": claims["sid"], "revoked_at": None})
        if session is None or session["expires_at"] <= utcnow():
            raise Unauthenticated("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.")
        user = self.user(claims["sub"])
        if user is None or not user.get("active", True):
            raise Unauthenticated("Tài khoản không còn hoạt động.")
        roles = call.route.roles
        if roles and not set(roles) & set(user.get("roles") or ()):
            raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
        call.user, call.actor = user, actor_of(user)
        call.session_id = claims["sid"]
        return call.actor

    def user(self, user_id: str) -> dict | None:
        return self._auth.users.get_many([user_id], self._directory.get_users).get(user_id)

    # ------------------------------------------------------------ login/logout
    def login(self, call: Call, username: str, password: str) -> dict:
        username = (nfc(username) or "").lower()
        call.username = username
        guard = self._auth.guard
        guard.check(username, call.ip)
        user = self._directory.verify_credentials(username, password)
        if user is None:
            left = guard.failed(username, call.ip)
            hint = f" Còn {left} lần thử trước khi bị tạm khóa." if 0 < left <= 2 else ""
            if left == 0:
                hint = f" Đăng nhập tạm khóa {self._settings.LOGIN_LOCK_SECONDS // 60} phút."
            raise InvalidCredentials("Tên đăng nhập hoặc mật khẩu không đúng." + hint)
        guard.succeeded(username, call.ip)
        self._auth.users.invalidate(user["user_id"])
        call.user, call.actor = user, actor_of(user)
        now = utcnow()
        ttl = self._settings.GATEWAY_SESSION_TTL
        session_id = uuid.uuid4().hex
        expires_at = now + timedelta(seconds=ttl)
        self._auth.sessions.insert_one({
            "_id": session_id, "user_id": user["user_id"], "created_at": now, "expires_at": expires_at,
            "revoked_at": None, "ip": call.ip, "user_agent": call.request.headers.get("User-Agent", "")[:300]})
        token = jwt.encode({"sub": user["user_id"], "sid": session_id, "iss": ISSUER,
                            "iat": int(now.timestamp()), "exp": int(expires_at.timestamp())},
                           self._settings.GATEWAY_SECRET, algorithm="HS256")
        call.cookies.append({"key": COOKIE, "value": token, "max_age": ttl, "httponly": True, "samesite": "Strict",
                             "secure": self._settings.GATEWAY_COOKIE_SECURE, "path": "/"})
        return {"token": token, "token_type": "Bearer", "expires_at": iso(expires_at), "user": user}

    def logout(self, call: Call) -> None:
        self._auth.sessions.update_one({"_id": call.session_id}, {"$set": {"revoked_at": utcnow()}})
        call.cookies.append({"key": COOKIE, "value": "", "max_age": 0, "expires": 0, "httponly": True,
                             "samesite": "Strict", "secure": self._settings.GATEWAY_COOKIE_SECURE, "path": "/"})

    def change_password(self, call: Call, current: str, new: str) -> None:
        """Check the current password (throttled like a login), set the new one
        and end every other session of the user."""
        username = call.user["username"]
        guard = self._auth.guard
        guard.check(username, call.ip)
        if current == new:
            raise ValidationFailed("Mật khẩu mới phải khác mật khẩu hiện tại.", {"new_password": "Trùng mật khẩu cũ."})
        if self._directory.verify_credentials(username, current) is None:
            guard.failed(username, call.ip)
            raise ValidationFailed("Mật khẩu hiện tại không đúng.", {"current_password": "Không đúng."})
        guard.succeeded(username, call.ip)
        self._directory.set_password(call.user["user_id"], new)
        self.revoke_user(call.user["user_id"], keep=call.session_id)

    def revoke_user(self, user_id: str, keep: str | None = None) -> int:
        """End the user's sessions (all but ``keep``)."""
        query = {"user_id": user_id, "revoked_at": None}
        if keep:
            query["_id"] = {"$ne": keep}
        return self._auth.sessions.update_many(query, {"$set": {"revoked_at": utcnow()}}).modified_count

    def forget_user(self, user_id: str) -> None:
        self._auth.users.invalidate(user_id)

    def _decode(self, token: str) -> dict:
        try:
            return jwt.decode(token, self._settings.GATEWAY_SECRET, algorithms=["HS256"], issuer=ISSUER,
                              options={"require": ["sub", "sid", "exp", "iat"]})
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.") from None
        except jwt.PyJWTError:
            raise Unauthenticated("Mã phiên đăng nhập không hợp lệ.") from None


def _token_of(request) -> tuple[str | None, bool]:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None, False
    cookie = request.cookies.get(COOKIE)
    return (cookie or None), bool(cookie)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return False
