"""Fixtures: the directory, documents and meetings services on the real broker
and S3 (``storage`` comes from tests/conftest.py), a seeded district, and helpers
to stream files like the gateway does."""
import io
from datetime import datetime, timedelta, timezone

import pytest

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.meetings.service import MeetingsService
from tests.integration.district import seed


@pytest.fixture
def meetings_config(config):
    return {**config, "MEETING_CHECKIN_BEFORE_MINUTES": 30, "MEETING_LATE_GRACE_MINUTES": 10,
            "MEETING_QUORUM_RULE": "majority", "MEETING_VOTE_THRESHOLD": "majority_of_present"}


@pytest.fixture
def stack(runner_factory, meetings_config):
    runner = runner_factory(meetings_config, DirectoryService, DocumentsService, MeetingsService)
    runner.start()
    return runner


@pytest.fixture
def district(stack, rpc):
    return seed(rpc, schools=6)


def upload(storage, content: bytes, name: str) -> dict:
    """Stream a file to S3 the way the gateway does before calling an RPC."""
    return storage.put_stream(io.BytesIO(content), name, prefix="uploads").as_dict()


def pdf(text: str) -> bytes:
    return b"%PDF-1.7\n" + text.encode() + b"\n%%EOF\n"


def soon(minutes: int = 10) -> tuple[str, str]:
    start = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    return start.isoformat(), (start + timedelta(hours=2)).isoformat()
