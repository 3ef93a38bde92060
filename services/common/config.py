"""Settings, read from the nameko config (YAML with ``${VAR:default}``), then the
environment, then the defaults below. One table serves local runs, compose and tests."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any, Mapping

from nameko.extensions import DependencyProvider

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"


@dataclass(frozen=True)
class Settings:
    """Settings every service shares. A service with settings of its own subclasses
    this (``class NotificationSettings(Settings)``) and gets the same loading."""
    AMQP_URI: str = DEFAULT_AMQP_URI
    # mongomock://... selects the in-memory mongomock client (tests, demo runs)
    MONGO_URI: str = "mongomock://localhost"
    MONGO_DB_PREFIX: str = "eoffice_"
    S3_ENDPOINT: str = "127.0.0.1:8333"
    S3_ACCESS_KEY: str = "eoffice"
    S3_SECRET_KEY: str = "eoffice-secret"
    S3_SECURE: bool = False
    S3_REGION: str = "us-east-1"
    S3_BUCKET: str = "eoffice"
    # Host:port browsers use for presigned URLs when S3 sits behind another name.
    S3_PUBLIC_ENDPOINT: str = ""
    MAX_ATTACHMENT_BYTES: int = 100 * 1024 * 1024
    # Event handler retries: delays in seconds between attempts, then the DLQ.
    EVENT_RETRY_DELAYS: str = "1,5,30"
    OUTBOX_RELAY_INTERVAL: float = 1.0
    OVERDUE_CHECK_INTERVAL: float = 60.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> "Settings":
        config = config or {}
        values = {}
        for f in fields(cls):
            raw = config.get(f.name)
            if raw is None:
                raw = os.environ.get(f.name)
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(raw, f.type)
        return cls(**values)

    @property
    def retry_delays(self) -> list[float]:
        return [float(x) for x in str(self.EVENT_RETRY_DELAYS).split(",") if x.strip()]

    def as_config(self) -> dict[str, Any]:
        """A nameko config dict carrying these settings."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _coerce(raw: Any, declared: Any) -> Any:
    # annotations are strings under `from __future__ import annotations`, types otherwise
    type_name = declared if isinstance(declared, str) else getattr(declared, "__name__", str(declared))
    if type_name == "bool":
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in {"1", "true", "yes", "on"}
    if type_name == "int":
        return int(raw)
    if type_name == "float":
        return float(raw)
    return str(raw)


class SettingsProvider(DependencyProvider):
    """Injects the service's settings (a ``Settings`` subclass) read once at start-up."""

    def __init__(self, settings_class: type[Settings] = Settings):
        self.settings_class = settings_class

    def setup(self):
        self.settings = self.settings_class.from_config(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.settings
