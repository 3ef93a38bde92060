"""Logging plumbing shared by the services (wired in deploy/config.yaml)."""
from __future__ import annotations

import logging

_EXPECTED_PREFIX = "(expected) error handling worker"


class ExpectedErrorsWithoutTraceback(logging.Filter):
    """nameko logs a declared-expected error (see ``common.rpc``) as a warning
    *with* its traceback; keep the one line that says who was refused and why."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.msg, str) and record.msg.startswith(_EXPECTED_PREFIX):
            record.exc_info = None
            record.exc_text = None
        return True
