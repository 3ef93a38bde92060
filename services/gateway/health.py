"""Readiness: can the gateway reach what it needs? Each check is bounded in
time so a dead dependency makes /readyz answer 503 quickly, not hang."""
from __future__ import annotations

import time

import eventlet
from kombu import Connection

CHECK_TIMEOUT = 3.0


def check_broker(amqp_uri: str) -> None:
    with Connection(amqp_uri, connect_timeout=CHECK_TIMEOUT) as connection:
        connection.connect()


def check_mongo(db) -> None:
    db.command("ping")


def check_s3(storage) -> None:
    if not storage.client.bucket_exists(storage.bucket):
        raise RuntimeError(f"bucket {storage.bucket} is missing")


def run_checks(checks: dict) -> dict:
    """Run ``{name: callable}`` concurrently; ``{name: {ok, ms, error?}}``."""
    pool = eventlet.GreenPool(len(checks) or 1)
    results = dict(zip(checks, pool.imap(_timed, checks.values())))
    return results


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        with eventlet.Timeout(CHECK_TIMEOUT + 1):
            check()
        return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    except (Exception, eventlet.Timeout) as exc:  # eventlet.Timeout is not an Exception
        return {"ok": False, "ms": round((time.monotonic() - started) * 1000, 1),
                "error": f"{type(exc).__name__}: {exc}"[:300]}
