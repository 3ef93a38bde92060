"""Gateway-only settings, read like the shared ``Settings``: nameko config,
then the environment, then the defaults below."""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from typing import Any, Mapping

from services.common.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GatewaySettings:
    # HMAC key signing session tokens. Empty: a random key per process (tokens
    # die with a restart and several gateway replicas cannot share sessions).
    GATEWAY_SECRET: str = ""
    GATEWAY_SESSION_TTL: int = 8 * 3600           # seconds a login lasts
    GATEWAY_COOKIE_SECURE: bool = False           # set the Secure flag (HTTPS deployments)
    GATEWAY_RPC_TIMEOUT: float = 30.0             # seconds before a service call answers 504
    GATEWAY_TRUSTED_PROXIES: str = ""             # comma list of proxy IPs whose X-Forwarded-For is believed
    LOGIN_MAX_FAILURES: int = 5                   # failures per user+IP before a lock
    LOGIN_FAILURE_WINDOW: int = 15 * 60           # seconds those failures are counted over
    LOGIN_LOCK_SECONDS: int = 15 * 60             # how long a lock lasts
    LOGIN_RATE_PER_MINUTE: int = 20               # login attempts per IP (and per user) per minute
    ACTOR_CACHE_SECONDS: float = 30.0             # how long a user's roles/unit are cached

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> "GatewaySettings":
        # The shared Settings' reader (precedence, coercion), run over this table.
        settings = Settings.from_config.__func__(cls, config)
        if not settings.GATEWAY_SECRET:
            _warn_once("GATEWAY_SECRET is not set: using a random key; sessions end when the gateway restarts")
            settings = replace(settings, GATEWAY_SECRET=_PROCESS_SECRET)
        return settings

    @property
    def trusted_proxies(self) -> frozenset[str]:
        return frozenset(p.strip() for p in self.GATEWAY_TRUSTED_PROXIES.split(",") if p.strip())


_PROCESS_SECRET = secrets.token_urlsafe(48)
_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning(message)

