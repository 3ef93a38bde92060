"""The reporting pages in a real browser (Debian's chromium, headless, through
Playwright): a school's specialist fills the quarterly report and sees the
inline messages, its principal submits; the office watches the board's chart
change, returns one report and approves another, downloads the consolidated
.docx; the KPI dashboard draws its charts. Screenshots go to
test-artifacts/reporting/.

The services run here (the reporting clock frozen on 16 March 2026, so the
quarter's deadline lies ahead); the browser is driven from ``reporting_flow.py``
in a child process, as test_browser.py does."""
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.reporting import clock
from services.reporting.entrypoints import base
from services.reporting.service import ReportingService

from .conftest import PASSWORD, seed_district
from .test_browser import run_flow
from .test_reporting_pages import cchc_values

pytestmark = pytest.mark.integration

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reporting"
FLOW = Path(__file__).with_name("reporting_flow.py")
LOGINS = [(0, "lanhdao"), (1, "cv1"), (1, "lanhdao"), (2, "cv1")]

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture
def stack_services():
    return [DirectoryService, DocumentsService, ReportingService]


@pytest.fixture(autouse=True)
def frozen_reporting_clock():
    base.forget_caches()
    clock.freeze(datetime.fromisoformat("2026-03-16 09:00"))
    yield
    clock.thaw()
    base.forget_caches()


def actor(district, unit: int, who: str) -> dict:
    user = district.users[district.username(unit, who)]
    return {"user_id": user["user_id"], "unit_id": user["unit_code"], "roles": user["roles"]}


def test_reports_board_and_kpis_in_the_browser(base_url, stack, rpc, tmp_path):
    district = seed_district(rpc, schools=3, logins=LOGINS)
    rpc.reporting.install_seed_forms(actor(district, 0, "lanhdao"))
    # the second school reported already (on time)
    sub = rpc.reporting.open_submission(actor(district, 2, "cv1"), "CCHC", "2026-Q1")
    rpc.reporting.save_draft(actor(district, 2, "cv1"), sub["submission_id"], cchc_values(1))
    rpc.reporting.submit(actor(district, 2, "lanhdao"), sub["submission_id"])
    # documents' events of the quarter, as the KPI read model receives them
    rpc.reporting.kpi_replay({"user_id": "admin", "unit_id": district.office, "roles": ["admin"]}, [
        {"event_id": uuid.uuid4().hex, "type": f"document.{kind}", "version": 1, "producer": "documents",
         "occurred_at": "2026-02-10T03:00:00+00:00", "data": {"item_id": item, "recipient_unit": unit, **extra}}
        for kind, unit, item, extra in [
            ("delivered", district.schools[0], "d1", {}), ("delivered", district.schools[0], "d2", {}),
            ("delivered", district.schools[1], "d3", {}), ("delivered", district.schools[2], "d4", {}),
            ("completed", district.schools[0], "d1", {"on_time": True, "processing_days": 2}),
            ("completed", district.schools[0], "d2", {"on_time": False, "processing_days": 7}),
            ("completed", district.schools[1], "d3", {"on_time": True, "processing_days": 1}),
            ("overdue", district.schools[2], "d4", {})]])

    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    settings = {
        "base_url": base_url, "password": PASSWORD, "artifacts": str(ARTIFACTS), "tmp": str(tmp_path),
        "specialist": district.username(1, "cv1"), "principal": district.username(1, "lanhdao"),
        "other_specialist": district.username(2, "cv1"), "office_leader": district.username(0, "lanhdao"),
        "school": district.schools[0], "other_school": district.schools[1],
        "school_names": {code: unit["name"] for code, unit in rpc.directory.get_units(district.schools).items()},
    }
    log = tmp_path / "browser.log"
    code = run_flow(settings, log, FLOW)
    assert code == 0, log.read_text()
    assert len(list(ARTIFACTS.glob("*.png"))) >= 10
