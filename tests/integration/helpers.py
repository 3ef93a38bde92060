"""Small helpers shared by the integration tests."""
import socket
import time

from mongoengine.connection import get_db


def free_port() -> int:
    """A TCP port nobody listens on right now (for servers the tests start)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=20.0, interval=0.05):
    """Poll until ``predicate()`` is truthy; return its value."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


def events_emitted(service: str, event_type: str, sent_only: bool = False) -> list[dict]:
    """Envelopes a service wrote to its outbox (pending and already relayed)."""
    db = get_db(service)
    rows = list(db["outbox_sent"].find({"envelope.type": event_type}))
    if not sent_only:
        rows += list(db["outbox"].find({"envelope.type": event_type}))
    return [r["envelope"] for r in rows]


def plan_draft(rpc, office_clerk, recipients, **extra):
    data = {"type_code": "KH", "summary": "Kế hoạch cải cách hành chính năm 2026",
            "body": "Thực hiện Kế hoạch số 18/KH-UBND ...", "urgency": 1,
            "signer": {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"},
            "recipients": recipients, "response_deadline": "2027-01-31", **extra}
    return rpc.documents.create_draft(office_clerk, data)
