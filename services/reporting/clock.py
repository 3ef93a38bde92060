"""The reporting service's sense of "now".

Deadlines, lateness and reminders all hinge on it, so it is one dependency the
service asks (``self.clock.now()``), never ``datetime.now`` scattered around.
Tests (and demos of a past quarter) set it with ``freeze``/``thaw``; in
production it is the system clock.
"""
from __future__ import annotations

from datetime import datetime

from nameko.extensions import DependencyProvider

from services.common.clock import to_utc_naive, utcnow

_frozen: datetime | None = None


def now() -> datetime:
    """Naive UTC, like every stored time."""
    return _frozen or utcnow()


def freeze(moment: datetime) -> None:
    """Pin "now" (aware, or naive meaning Vietnam time) for this process."""
    global _frozen
    _frozen = to_utc_naive(moment)


def thaw() -> None:
    global _frozen
    _frozen = None


class _Clock:
    @staticmethod
    def now() -> datetime:
        return now()


class Clock(DependencyProvider):
    def get_dependency(self, worker_ctx):
        return _Clock()
