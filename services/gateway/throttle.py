"""Login throttling: attempts per minute per IP and per user name, and a
temporary lock after repeated failures from one IP on one user name.

State lives in the gateway's MongoDB (collection ``login_guard``) so every
gateway replica sees the same counters; each step is one atomic update.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from pymongo import ReturnDocument

from services.common.clock import utcnow

from .exceptions import TooManyAttempts

COLLECTION = "login_guard"


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5        # failures per user+IP within the window before a lock
    failure_window: int = 900    # seconds
    lock_seconds: int = 900
    rate_per_minute: int = 20    # attempts per IP, and per user name, per minute


class LoginGuard:
    def __init__(self, collection, policy: LoginPolicy, clock: Callable[[], datetime] = utcnow):
        self.collection = collection
        self.policy = policy
        self.clock = clock

    def check(self, username: str, ip: str) -> None:
        """Refuse an attempt while locked or over the rate; otherwise count it."""
        now = self.clock()
        failures = self.collection.find_one({"_id": _failure_key(username, ip)}) or {}
        locked_until = failures.get("locked_until")
        if locked_until and locked_until > now:
            minutes = math.ceil((locked_until - now).total_seconds() / 60)
            raise TooManyAttempts(
                f"Đăng nhập sai quá {self.policy.max_failures} lần. Tài khoản tạm khóa trên máy này, "
                f"vui lòng thử lại sau {minutes} phút.", (locked_until - now).total_seconds())
        minute = now.replace(second=0, microsecond=0)
        for key in (f"rate:ip:{ip}", f"rate:user:{username}"):
            row = self.collection.find_one_and_update(
                {"_id": f"{key}:{minute:%Y%m%d%H%M}"},
                {"$inc": {"count": 1}, "$setOnInsert": {"expires_at": minute + timedelta(minutes=2)}},
                upsert=True, return_document=ReturnDocument.AFTER)
            if row["count"] > self.policy.rate_per_minute:
                retry = (minute + timedelta(minutes=1) - now).total_seconds()
                raise TooManyAttempts(
                    f"Quá nhiều lần đăng nhập. Vui lòng thử lại sau {math.ceil(retry)} giây.", retry)

    def failed(self, username: str, ip: str) -> int:
        """Record a failure; returns how many attempts remain before the lock."""
        now = self.clock()
        key = _failure_key(username, ip)
        window_start = now - timedelta(seconds=self.policy.failure_window)
        # A failure outside the window (or after a lock ran out) starts a new count.
        self.collection.update_one(
            {"_id": key, "$or": [{"first_at": {"$lt": window_start}}, {"locked_until": {"$lte": now}}]},
            {"$set": {"count": 0, "first_at": now, "locked_until": None,
                      "expires_at": now + timedelta(seconds=self.policy.failure_window)}})
        row = self.collection.find_one_and_update(
            {"_id": key}, {"$inc": {"count": 1},
                           "$setOnInsert": {"first_at": now, "locked_until": None,
                                            "expires_at": now + timedelta(seconds=self.policy.failure_window)}},
            upsert=True, return_document=ReturnDocument.AFTER)
        if row["count"] >= self.policy.max_failures:
            self.collection.update_one({"_id": key}, {"$set": {
                "locked_until": now + timedelta(seconds=self.policy.lock_seconds),
                "expires_at": now + timedelta(seconds=self.policy.lock_seconds)}})
            return 0
        return self.policy.max_failures - row["count"]

    def succeeded(self, username: str, ip: str) -> None:
        self.collection.delete_one({"_id": _failure_key(username, ip)})

    def ensure_indexes(self) -> None:
        # real MongoDB drops expired counters by itself (mongomock ignores TTL indexes)
        self.collection.create_index("expires_at", expireAfterSeconds=0)


def _failure_key(username: str, ip: str) -> str:
    return f"fail:{username}|{ip}"
