"""Calls to the reporting service from grpcio's threads.

nameko's standalone ``ClusterRpcProxy`` is not thread-safe (one reply queue and
one connection per proxy), so each server thread gets its own, made on first
use and kept for the thread's life. A proxy whose connection broke (a broker
restart) is dropped and the call retried once on a fresh one: every call here
is a read, so a retry is safe.
"""
from __future__ import annotations

import logging
import socket
import threading

from amqp.exceptions import ConnectionError as AmqpConnectionError
from amqp.exceptions import RecoverableConnectionError
from kombu.exceptions import OperationalError
from nameko.exceptions import RpcTimeout
from nameko.standalone.rpc import ClusterRpcProxy

# importing the typed errors registers them, so they cross RPC as themselves
import services.common.errors  # noqa: F401
import services.reporting.exceptions  # noqa: F401

log = logging.getLogger(__name__)

SERVICE = "reporting"
_CONNECTION_ERRORS = (OperationalError, AmqpConnectionError, RecoverableConnectionError, ConnectionError,
                      socket.error, OSError)


class ReportingUnavailable(Exception):
    """The reporting service (or the broker) did not answer."""


class ReportingClient:
    def __init__(self, amqp_uri: str, timeout: float):
        self.config = {"AMQP_URI": amqp_uri}
        self.timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[ClusterRpcProxy] = []

    def call(self, method: str, *args, **kwargs):
        for attempt in (1, 2):
            service = self._service()
            try:
                return getattr(service, method)(*args, **kwargs)
            except RpcTimeout as exc:
                raise ReportingUnavailable(f"reporting.{method} timed out") from exc
            except _CONNECTION_ERRORS as exc:
                self._drop()
                if attempt == 2:
                    raise ReportingUnavailable(f"broker unreachable: {exc}") from exc
                log.warning("reporting proxy lost its connection (%s); retrying on a new one", exc)

    def _service(self):
        proxy = getattr(self._local, "proxy", None)
        if proxy is None:
            context = ClusterRpcProxy(self.config, timeout=self.timeout)
            try:
                proxy = context.start()
            except _CONNECTION_ERRORS as exc:
                raise ReportingUnavailable(f"broker unreachable: {exc}") from exc
            self._local.context, self._local.proxy = context, proxy
            with self._lock:
                self._all.append(context)
        return getattr(proxy, SERVICE)

    def _drop(self) -> None:
        context = getattr(self._local, "context", None)
        self._local.context = self._local.proxy = None
        if context is not None:
            with self._lock:
                if context in self._all:
                    self._all.remove(context)
            _quietly_stop(context)

    def close(self) -> None:
        with self._lock:
            contexts, self._all = self._all, []
        for context in contexts:
            _quietly_stop(context)


def _quietly_stop(context) -> None:
    try:
        context.stop()
    except Exception:  # a dead connection cannot be closed cleanly; nothing to keep
        log.debug("closing a reporting proxy failed", exc_info=True)
