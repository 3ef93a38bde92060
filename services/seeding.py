"""`eoffice seed`: load the demo district into the running directory service."""
from __future__ import annotations

import time

from nameko.exceptions import UnknownService
from nameko.standalone.rpc import ClusterRpcProxy

from .common.clock import local_date, utcnow
from .common.config import Settings
from .directory.seed import OFFICE, demo_units, demo_users, office_leader_username


def seed_demo(settings: Settings, password: str | None = None, wait_seconds: float = 30) -> dict:
    units = demo_units()
    users, passwords = demo_users(units, password)
    deadline = time.time() + wait_seconds
    with ClusterRpcProxy({"AMQP_URI": settings.AMQP_URI}, timeout=120) as rpc:
        while True:  # the directory may still be starting
            try:
                rpc.directory.list_units()
                break
            except Exception:
                if time.time() > deadline:
                    raise SystemExit("[eoffice] the directory service does not answer; is `eoffice up` running?")
                time.sleep(1)
        result = rpc.directory.import_district(units, users)
        forms = _install_report_forms(rpc)
    print(f"[eoffice] seeded {result['units']} units and {result['users']} users.")
    if forms:
        print(f"[eoffice] report forms installed: {', '.join(forms['created'] + forms['kept'])}")
    print("[eoffice] Demo accounts (shown once, keep them):")
    for username, pw in passwords.items():
        print(f"  {username:32s} {pw}")
    return passwords


def _install_report_forms(rpc) -> dict | None:
    """The plan's report forms, installed as the office's leader, when reporting runs."""
    leader = rpc.directory.find_user(office_leader_username())
    actor = {"user_id": leader["user_id"], "unit_id": OFFICE, "roles": leader["roles"]}
    try:
        # collected from today: a fresh install does not start with a year of overdue reports
        return rpc.reporting.install_seed_forms(actor, local_date(utcnow()).isoformat())
    except UnknownService:
        return None
