"""The web app in a real browser (Debian's chromium, headless, through
Playwright): the office issues a plan with an attachment to all schools; a
school registers it, its leader assigns it, the specialist completes it; the
office sees the school's row turn to "Hoàn thành". Screenshots of each step go
to test-artifacts/gateway/.

The services run here; the browser is driven from ``browser_flow.py`` in a
child process (see its docstring for why)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import eventlet
import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.integration

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "gateway"
FLOW = Path(__file__).with_name("browser_flow.py")
TIME_LIMIT = 300

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


def run_flow(settings: dict, log: Path, flow: Path = FLOW) -> int:
    """Run the browser script without blocking this process's event loop:
    the gateway it talks to lives on it."""
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, str(flow), json.dumps(settings)], stdout=out,
                                   stderr=subprocess.STDOUT)
        waited = 0.0
        while process.poll() is None:
            if waited > TIME_LIMIT:
                process.kill()
                process.wait()
                return -1
            eventlet.sleep(0.2)
            waited += 0.2
    return process.returncode


@pytest.fixture
def stack_services(stack_services):
    from services.notifications.service import NotificationsService
    return [*stack_services, NotificationsService]   # the admin page shows its webhooks


def test_plan_from_office_to_schools_in_the_browser(base_url, district, tmp_path):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    specialist = district.username(1, "cv1")
    settings = {
        "base_url": base_url, "password": PASSWORD, "artifacts": str(ARTIFACTS), "tmp": str(tmp_path),
        "office_clerk": district.username(0, "vanthu"), "school_clerk": district.username(1, "vanthu"),
        "school_leader": district.username(1, "lanhdao"), "specialist": specialist,
        "specialist_name": district.users[specialist]["full_name"],
        "schools": len(district.schools), "school_code": district.schools[0], "admin": district.username(0, "admin"),
    }
    log = tmp_path / "browser.log"
    code = run_flow(settings, log)
    assert code == 0, log.read_text()
    assert len(list(ARTIFACTS.glob("*.png"))) == 12
