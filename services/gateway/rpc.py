"""RPC proxies with a deadline. nameko 2's ``RpcProxy`` waits for a reply
forever; a person waiting on a web page should get a 504 instead."""
from __future__ import annotations

import eventlet
from nameko.rpc import RpcProxy, ServiceProxy

from .config import GatewaySettings
from .exceptions import ServiceTimeout


class TimedServiceProxy:
    def __init__(self, proxy: ServiceProxy, timeout: float):
        self._proxy = proxy
        self._timeout = timeout

    def __getattr__(self, name):
        method = getattr(self._proxy, name)

        def call(*args, **kwargs):
            reply = method.call_async(*args, **kwargs)
            with eventlet.Timeout(self._timeout, ServiceTimeout(
                    f"Dịch vụ {self._proxy.service_name} không phản hồi kịp.")):
                return reply.result()

        call.__name__ = name
        return call


class TimedRpcProxy(RpcProxy):
    """``RpcProxy`` whose calls raise ``ServiceTimeout`` after GATEWAY_RPC_TIMEOUT."""

    def setup(self):
        super().setup()
        self.timeout = GatewaySettings.from_config(self.container.config).GATEWAY_RPC_TIMEOUT

    def get_dependency(self, worker_ctx):
        return TimedServiceProxy(super().get_dependency(worker_ctx), self.timeout)
