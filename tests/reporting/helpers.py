"""Helpers for the reporting integration tests: values, the school's steps,
files from S3."""
from __future__ import annotations

import io

import requests

from tests.integration.helpers import events_emitted


def cchc_values(n: int = 0) -> dict:
    """A complete, valid CCHC submission whose numbers vary with ``n``."""
    return {
        "plan_issued": True, "tasks_planned": 10 + n % 3, "tasks_done": 8 + n % 3, "self_inspections": 1,
        "procedures_total": 12, "procedures_public": 12 - n % 2, "applications_received": 40 + n,
        "applications_online": 30 + n, "applications_on_time": 39 + n, "feedback_received": n % 4,
        "documents_received": 100 + n, "documents_on_time": 90 + n, "documents_overdue": 2,
        "documents_sent": 50, "documents_sent_electronic": 48, "digital_signature_rate": 90 + n % 10,
        "meetings_held": 6, "meetings_paperless": 4 + n % 3, "staff_total": 40 + n, "staff_trained_it": 30,
        "staff_trained_ai": 10 + n % 5, "satisfaction_rate": 95, "self_assessment": ["tot", "kha"][n % 2],
        "difficulties": f"Thiếu thiết bị trình chiếu ở điểm trường số {n}." if n % 5 == 0 else "",
    }


def fill(rpc, district, school: str, values: dict, form: str = "CCHC", period: str = "2026-Q1") -> dict:
    """The school's specialist opens the report and enters the values."""
    specialist = district.actor(school, "cv1")
    sub = rpc.reporting.open_submission(specialist, form, period)
    return rpc.reporting.save_draft(specialist, sub["submission_id"], values)


def fill_and_submit(rpc, district, school: str, values: dict, form: str = "CCHC", period: str = "2026-Q1") -> dict:
    sub = fill(rpc, district, school, values, form, period)
    return rpc.reporting.submit(district.actor(school, "lanhdao"), sub["submission_id"])


def reminders_sent() -> list[dict]:
    return [e["data"] for e in events_emitted("reporting", "report.reminder_due")]


def download(url: str) -> io.BytesIO:
    response = requests.get(url, timeout=30)
    response.raise_for_status()
    return io.BytesIO(response.content)
