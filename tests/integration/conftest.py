"""Fixtures shared by the integration tests: the directory and documents services
on the real broker, and the real S3 storage."""
import pytest

from services.common.config import Settings
from services.common.storage import Storage
from services.directory.service import DirectoryService
from services.documents.service import DocumentsService


@pytest.fixture
def services(runner_factory, config):
    runner = runner_factory(config, DirectoryService, DocumentsService)
    runner.start()
    return runner


@pytest.fixture
def storage(config):
    s = Storage(Settings.from_config(config))
    s.ensure_bucket()
    return s
