"""The portal edge under test, and a gRPC client that works beside eventlet.

The edge runs as its own process (`python -m services.portal.server`), as in
production: grpcio's threads block in C, which the eventlet-patched test
process (where the nameko services run) cannot schedule around. For the same
reason every client call runs in a real OS thread (``eventlet.tpool``), so the
services keep answering while the test waits for the edge.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc
import grpc.experimental
from eventlet import tpool
from tests.integration.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "portal-test-token-0123456789abcdef"
KPI_TOKEN = "kpi-dashboard-token-0123456789"



class PortalProcess:
    def __init__(self, amqp_uri: str, port: int | None = None, extra_env: dict | None = None):
        self.port = port or free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.env = {**os.environ, "AMQP_URI": amqp_uri, "PORTAL_GRPC_ADDRESS": self.address,
                    "PORTAL_TOKEN": TOKEN, "PORTAL_TOKENS": f"dashboard:{KPI_TOKEN}:kpis+catalog",
                    "PORTAL_HEALTH_INTERVAL": "0.5", "PORTAL_FOLLOW_INTERVAL": "0.2", "PORTAL_STREAM_PAGE": "7",
                    "PYTHONWARNINGS": "ignore", **(extra_env or {})}
        self.proc: subprocess.Popen | None = None
        self.log = ROOT / ".pytest_cache" / f"portal-{self.port}.log"

    def start(self, timeout: float = 30) -> "PortalProcess":
        self.log.parent.mkdir(exist_ok=True)
        out = open(self.log, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "services.portal.server"], cwd=ROOT, env=self.env,
                                     stdout=out, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"portal exited: {self.log.read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise AssertionError(f"portal did not listen: {self.log.read_text()}")

    def stop(self) -> int | None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.returncode if self.proc else None


def blocking(fn, *args, **kwargs):
    """Run a blocking gRPC call in a real thread; eventlet keeps serving meanwhile."""
    return tpool.execute(fn, *args, **kwargs)


def channel(address: str, credentials: grpc.ChannelCredentials | None = None, **options) -> grpc.Channel:
    # a streaming call iterated in the calling thread: no channel-spin thread
    # (which would be a green thread in this process)
    opts = [(grpc.experimental.ChannelOptions.SingleThreadedUnaryStream, 1)]
    opts += list(options.items())
    if credentials is not None:
        return grpc.secure_channel(address, credentials, options=opts)
    return grpc.insecure_channel(address, options=opts)


def auth(token: str = TOKEN) -> tuple:
    return (("authorization", f"Bearer {token}"),)


def code_of(fn, *args, **kwargs) -> tuple[grpc.StatusCode, str]:
    """The status code and details of a call expected to fail."""
    try:
        blocking(fn, *args, **kwargs)
    except grpc.RpcError as exc:
        return exc.code(), exc.details()
    raise AssertionError("the call succeeded")
