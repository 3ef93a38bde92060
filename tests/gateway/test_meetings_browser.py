"""The meetings pages in a real browser (Debian's chromium, headless, through
Playwright): the chair schedules and invites, a principal delegates, the chair
opens a vote in the live room, three principals and the delegate vote on their
own pages, the chair closes it and every page shows the same result. Console
errors (a CSP violation shows up there) and page errors fail the test.
Screenshots go to test-artifacts/meetings/.

The services run here; the browser is driven from ``meetings_flow.py`` in a
child process (see browser_flow.py for why)."""
import os
import shutil
from pathlib import Path

import pytest

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.meetings.service import MeetingsService

from .conftest import PASSWORD, seed_district

pytestmark = pytest.mark.integration

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

from .test_browser import run_flow  # noqa: E402 (after the skips: it needs playwright too)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "meetings"
FLOW = Path(__file__).with_name("meetings_flow.py")
PRINCIPALS = 4


@pytest.fixture
def stack_services():
    return [DirectoryService, DocumentsService, MeetingsService]


def test_a_vote_in_the_live_room_seen_alike_by_everyone(base_url, rpc, tmp_path):
    district = seed_district(rpc, schools=PRINCIPALS, logins=[
        (0, "lanhdao"), (0, "cv1"), (1, "lanhdao"), (2, "lanhdao"), (3, "lanhdao"), (4, "lanhdao"), (4, "cv1")])
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    user = lambda unit, who: district.users[district.username(unit, who)]  # noqa: E731
    settings = {
        "base_url": base_url, "password": PASSWORD, "artifacts": str(ARTIFACTS), "principals": PRINCIPALS,
        "tmp": str(tmp_path), "chair": district.username(0, "lanhdao"), "secretary": district.username(0, "cv1"),
        "secretary_id": user(0, "cv1")["user_id"], "member1_name": user(1, "lanhdao")["full_name"],
        "member1": district.username(1, "lanhdao"), "member2": district.username(2, "lanhdao"),
        "member3": district.username(3, "lanhdao"), "delegating": district.username(4, "lanhdao"),
        "delegating_name": user(4, "lanhdao")["full_name"], "delegating_unit": district.schools[3],
        "delegate": district.username(4, "cv1"), "delegate_id": user(4, "cv1")["user_id"],
        "delegate_name": user(4, "cv1")["full_name"],
    }
    log = tmp_path / "browser.log"
    code = run_flow(settings, log, FLOW)
    assert code == 0, log.read_text()
    assert len(list(ARTIFACTS.glob("*.png"))) >= 18
