"""Portal edge settings (on top of the shared ones, for AMQP_URI): the config
file if given, then the environment, then the defaults below."""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from services.common.config import Settings


@dataclass(frozen=True)
class PortalSettings(Settings):
    PORTAL_GRPC_ADDRESS: str = "0.0.0.0:50051"
    # The district portal's token (every method). Empty: a random one is made
    # at start-up and printed once (demo runs); set it in production.
    PORTAL_TOKEN: str = ""
    # More clients with narrower rights: "name:token:scope+scope,..." with scopes
    # catalog, completeness, consolidated, kpis, submissions (or *).
    PORTAL_TOKENS: str = ""
    # PEM files. Cert and key together turn TLS on; a client CA also requires
    # client certificates (mutual TLS).
    PORTAL_TLS_CERT: str = ""
    PORTAL_TLS_KEY: str = ""
    PORTAL_TLS_CLIENT_CA: str = ""
    PORTAL_MAX_WORKERS: int = 16           # server threads = concurrent calls (a followed stream holds one)
    PORTAL_RPC_TIMEOUT: float = 30.0       # seconds to wait for the reporting service
    PORTAL_STREAM_PAGE: int = 1000         # approved submissions fetched per reporting call
    PORTAL_FOLLOW_INTERVAL: float = 2.0    # seconds between polls of a followed stream
    PORTAL_HEALTH_INTERVAL: float = 10.0   # seconds between pings of the reporting service
    PORTAL_GRACE_SECONDS: float = 5.0      # how long running calls may finish on shutdown

    @property
    def tls(self) -> bool:
        return bool(self.PORTAL_TLS_CERT or self.PORTAL_TLS_KEY)


def load_config_file(path: str | None) -> dict:
    """A nameko-style YAML config (``${VAR:default}`` filled from the environment)."""
    if not path:
        return {}
    from nameko.cli.main import setup_yaml_parser

    setup_yaml_parser()
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}
