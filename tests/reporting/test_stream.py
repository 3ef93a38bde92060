"""The approved stream's ordering guarantees: a reader never skips an approval
that finishes after a later one, and a slot left by a crashed worker is
repaired from the submission or voided."""
from datetime import timedelta

import pytest
from mongoengine.connection import get_db

from services.reporting import clock
from services.reporting.exceptions import PermissionDenied
from tests.integration.district import seed

from .helpers import cchc_values, fill_and_submit

pytestmark = pytest.mark.integration
PORTAL = {"user_id": "portal:test", "unit_id": "portal", "roles": ["portal"]}


def test_pending_slots_hold_readers_back_and_stale_ones_are_repaired(services, rpc, freeze):
    district = seed(rpc, schools=3)
    leader = district.actor(district.office, "lanhdao")
    rpc.reporting.install_seed_forms(leader)
    freeze("2026-03-20 09:00")
    subs = [fill_and_submit(rpc, district, s, cchc_values(i)) for i, s in enumerate(district.schools)]
    rpc.reporting.approve(leader, subs[0]["submission_id"])
    log, counters = get_db("reporting")["approval_log"], get_db("reporting")["counters"]

    # an approval in flight holds slot 2 while slot 3 is already written: readers stop at 2
    now = clock.now()
    counters.update_one({"_id": "approval_log"}, {"$inc": {"value": 1}})
    log.insert_one({"_id": 2, "state": "pending", "reserved_at": now})
    rpc.reporting.approve(leader, subs[1]["submission_id"])                     # takes slot 3
    page = rpc.reporting.approved_since(PORTAL, after=0)
    assert [i["cursor"] for i in page["items"]] == [1] and page["next_cursor"] == 1 and not page["more"]

    # the worker holding slot 2 died a minute ago and approved nothing: the slot is voided
    freeze("2026-03-20 09:02")
    page = rpc.reporting.approved_since(PORTAL, after=1)
    assert [i["cursor"] for i in page["items"]] == [3] and page["next_cursor"] == 3
    assert log.find_one({"_id": 2})["state"] == "void"

    # a worker that approved and died before filling its slot: the slot is filled from the submission
    counters.update_one({"_id": "approval_log"}, {"$inc": {"value": 1}})
    log.insert_one({"_id": 4, "state": "pending", "reserved_at": clock.now() - timedelta(minutes=5)})
    get_db("reporting")["submissions"].update_one({"_id": subs[2]["submission_id"]},
                                                  {"$set": {"status": "approved", "approval_cursor": 4}})
    page = rpc.reporting.approved_since(PORTAL, after=3, form_code="cchc")
    assert [(i["cursor"], i["unit_code"], i["kind"]) for i in page["items"]] == [(4, district.schools[2], "approved")]
    assert page["items"][0]["values"]["documents_received"] == 102

    # paging: a full page says there is more
    page = rpc.reporting.approved_since(PORTAL, after=0, limit=1)
    assert page["more"] and page["next_cursor"] == 1
    assert rpc.reporting.approved_since(PORTAL, after=0, period_id="2026-Y")["items"] == []

    # the office reads its own; a school may not read the stream
    assert len(rpc.reporting.approved_since(leader, after=0)["items"]) == 3
    with pytest.raises(PermissionDenied):
        rpc.reporting.approved_since(district.actor(district.schools[0], "lanhdao"), after=0)
