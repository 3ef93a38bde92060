"""The portal edge process: ``python -m services.portal.server [--config FILE]``.

grpcio server with token auth, optional TLS (mutual with a client CA), the
standard health service (SERVING once the reporting service answers a ping)
and server reflection. No eventlet here: grpcio's threads block in C, which
eventlet's monkey-patching cannot schedule around.
"""
from __future__ import annotations

import argparse
import logging
import logging.config
import os
import signal
import sys
import threading
from concurrent import futures
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from .auth import Authenticator, TokenError, TokenInterceptor, generated_token, parse_grants
from .client import ReportingClient
from .config import PortalSettings, load_config_file
from .servicer import PortalServicer
from .stubs import SERVICE_NAME, pb_grpc

log = logging.getLogger("services.portal")

MAX_MESSAGE = 16 * 1024 * 1024


@dataclass
class Running:
    server: grpc.Server
    port: int
    health: health.HealthServicer
    servicer: PortalServicer
    client: ReportingClient
    stop_watch: threading.Event

    def stop(self, grace: float | None = 5.0) -> None:
        self.stop_watch.set()
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()
        self.servicer.prefetch.shutdown(wait=False, cancel_futures=True)
        self.client.close()


def read_credentials(settings: PortalSettings) -> grpc.ServerCredentials | None:
    if not settings.tls:
        return None
    if not (settings.PORTAL_TLS_CERT and settings.PORTAL_TLS_KEY):
        raise SystemExit("PORTAL_TLS_CERT and PORTAL_TLS_KEY must be set together")
    with open(settings.PORTAL_TLS_KEY, "rb") as key, open(settings.PORTAL_TLS_CERT, "rb") as cert:
        pair = (key.read(), cert.read())
    client_ca = None
    if settings.PORTAL_TLS_CLIENT_CA:
        with open(settings.PORTAL_TLS_CLIENT_CA, "rb") as f:
            client_ca = f.read()
    return grpc.ssl_server_credentials([pair], root_certificates=client_ca, require_client_auth=bool(client_ca))


def start(settings: PortalSettings, amqp_uri: str, grants) -> Running:
    """Build and start the server; returns it with the port it bound."""
    authenticator = Authenticator(grants)
    client = ReportingClient(amqp_uri, settings.PORTAL_RPC_TIMEOUT)
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=settings.PORTAL_MAX_WORKERS, thread_name_prefix="portal"),
        interceptors=[TokenInterceptor(authenticator)],
        # so_reuseport off: a second server on a taken port must fail, not share it silently
        options=[("grpc.so_reuseport", 0), ("grpc.max_send_message_length", MAX_MESSAGE),
                 ("grpc.max_receive_message_length", 1024 * 1024)])
    servicer = PortalServicer(client, authenticator, settings)
    pb_grpc.add_PortalServiceServicer_to_server(servicer, server)
    health_servicer = health.HealthServicer(experimental_non_blocking=True,
                                            experimental_thread_pool=futures.ThreadPoolExecutor(max_workers=1))
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME), server)
    credentials = read_credentials(settings)
    address = settings.PORTAL_GRPC_ADDRESS
    port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    if not port:
        raise SystemExit(f"cannot listen on {address}")
    server.start()
    stop_watch = threading.Event()
    threading.Thread(target=_watch_reporting, args=(client, health_servicer, settings.PORTAL_HEALTH_INTERVAL,
                                                    stop_watch), name="portal-health", daemon=True).start()
    return Running(server, port, health_servicer, servicer, client, stop_watch)


def _watch_reporting(client: ReportingClient, health_servicer, interval: float, stop: threading.Event) -> None:
    """SERVING while the reporting service answers; NOT_SERVING otherwise."""
    last = None
    while not stop.is_set():
        try:
            client.call("ping")
            status, problem = health_pb2.HealthCheckResponse.SERVING, None
        except Exception as exc:  # any failure means "not ready": probes must see it
            status, problem = health_pb2.HealthCheckResponse.NOT_SERVING, exc
        if status != last and not stop.is_set():
            for name in ("", SERVICE_NAME):
                health_servicer.set(name, status)
            if problem is None:
                log.info("reporting service answers: SERVING")
            else:
                log.warning("reporting service not answering (%s): NOT_SERVING", problem)
            last = status
        stop.wait(interval if problem is None else min(interval, 2.0))


def _logging(config: dict) -> None:
    if isinstance(config.get("LOGGING"), dict):
        logging.config.dictConfig(config["LOGGING"])
    else:
        logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO").upper(),
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.portal.server", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="nameko-style YAML config (e.g. deploy/config.yaml)")
    parser.add_argument("--address", help="host:port to listen on (overrides PORTAL_GRPC_ADDRESS)")
    args = parser.parse_args(argv)
    config = load_config_file(args.config)
    _logging(config)
    if args.address:
        config["PORTAL_GRPC_ADDRESS"] = args.address
    settings = PortalSettings.from_config(config)
    token = settings.PORTAL_TOKEN
    if not token:
        token = generated_token()
        log.warning("PORTAL_TOKEN is not set: this run accepts the token %s (set PORTAL_TOKEN in production)", token)
    try:
        grants = parse_grants(token, settings.PORTAL_TOKENS)
    except TokenError as exc:
        log.error("%s", exc)
        return 2
    running = start(settings, settings.AMQP_URI, grants)
    log.info("portal gRPC listening on %s (port %s, %s)", settings.PORTAL_GRPC_ADDRESS, running.port,
             "TLS" if settings.tls else "plaintext")
    stopped = threading.Event()

    def shutdown(signum, _frame):
        log.info("signal %s: stopping (grace %ss)", signum, settings.PORTAL_GRACE_SECONDS)
        stopped.set()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    stopped.wait()
    running.stop(settings.PORTAL_GRACE_SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
