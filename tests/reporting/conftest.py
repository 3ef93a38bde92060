"""Fixtures for the reporting tests: the reporting service beside the directory
(and documents, for KPIs) on the real broker and S3, a frozen reporting clock,
and the seeded district."""
from __future__ import annotations

from datetime import datetime

import pytest

from services.common.config import Settings
from services.common.storage import Storage
from services.directory.service import DirectoryService
from services.reporting import clock
from services.reporting.entrypoints import base
from services.reporting.service import ReportingService


@pytest.fixture(autouse=True)
def reporting_state():
    """Each test starts with an unfrozen clock and empty caches."""
    base.forget_caches()
    clock.thaw()
    yield
    clock.thaw()
    base.forget_caches()


@pytest.fixture
def freeze():
    """freeze("2026-03-20 09:00") pins the reporting service's now (Vietnam time)."""
    def _freeze(text: str) -> datetime:
        moment = datetime.fromisoformat(text)
        clock.freeze(moment)
        return moment
    return _freeze


@pytest.fixture
def reporting_config(config):
    # reminders are driven by the test (send_due_reminders), not the timer
    return {**config, "REPORTING_REMINDER_INTERVAL": 3600, "REPORTING_REMINDER_OFFSETS": "-3,1,3"}


@pytest.fixture
def services(runner_factory, reporting_config):
    runner = runner_factory(reporting_config, DirectoryService, ReportingService)
    runner.start()
    return runner


@pytest.fixture
def storage(config):
    """The real S3 bucket the services under test use (defined here too, so these
    tests do not depend on where the shared fixtures live)."""
    s = Storage(Settings.from_config(config))
    s.ensure_bucket()
    return s
