"""Notifications through the gateway over the real stack (directory, documents,
notifications, gateway on the real broker): the bell's count, the list with its
unread filter, marking read (one's own notices only), preferences with critical
kinds locked in-app, the audit rows; and, in a real browser, a school clerk's
bell going up when the office issues, the list, the click through to the
document, the preferences page and the paper registration page."""
import pytest

from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.notifications.service import NotificationsService

from .conftest import PASSWORD, wait_for
from .helpers import issue_plan

pytestmark = pytest.mark.integration


@pytest.fixture
def stack_services(stack_services):
    return [*stack_services, NotificationsService]


def unread(api) -> int:
    r = api.get("/api/v1/notifications/unread-count")
    assert r.status_code == 200, r.text
    assert r.json()["available"] is True
    return r.json()["unread"]


def test_bell_list_and_mark_read_touch_only_my_notices(as_user, district):
    office = as_user(0, "vanthu")
    clerk1, clerk2 = as_user(1, "vanthu"), as_user(2, "vanthu")
    assert unread(clerk1) == 0
    issue_plan(office, district.schools[:2])   # urgent (Khẩn) plan to two schools
    issue_plan(office, district.schools[:1])
    wait_for(lambda: unread(clerk1) == 2 and unread(clerk2) == 1)

    page = clerk1.get("/api/v1/notifications", params={"page_size": 1}).json()
    assert page["total"] == 2 and page["unread"] == 2 and len(page["items"]) == 1
    # the notice's link (the same one e-mails carry) opens the web app's page
    link = page["items"][0]["link"]
    r = clerk1.get(link)
    assert r.status_code == 302 and r.headers["Location"] == "/#/den/" + link.rsplit("/", 1)[-1]
    note = page["items"][0]
    assert note["kind"] == "document_arrived" and note["urgent"] is True and note["read"] is False
    assert note["link"].startswith("/app/incoming/")

    # another person's notice cannot be marked read by me: nothing changes for them
    theirs = clerk2.get("/api/v1/notifications").json()["items"][0]["notification_id"]
    r = clerk1.post("/api/v1/notifications/read", json={"ids": [theirs]})
    assert r.status_code == 200 and r.json() == {"updated": 0, "unread": 2}
    assert unread(clerk2) == 1
    # nor listed
    mine = {n["notification_id"] for n in clerk1.get("/api/v1/notifications").json()["items"]}
    assert theirs not in mine

    r = clerk1.post("/api/v1/notifications/read", json={"ids": [note["notification_id"]]})
    assert r.status_code == 200 and r.json() == {"updated": 1, "unread": 1}
    only_unread = clerk1.get("/api/v1/notifications", params={"unread_only": "true"}).json()
    assert only_unread["total"] == 1 and note["notification_id"] not in {n["notification_id"] for n in only_unread["items"]}

    r = clerk1.post("/api/v1/notifications/read-all")
    assert r.status_code == 200 and r.json() == {"updated": 1, "unread": 0}
    assert unread(clerk2) == 1   # mark-all is mine only
    # the office clerk (sender) got none of these
    assert unread(office) == 0


def test_preferences_round_trip_and_critical_kinds_stay_in_app(as_user):
    clerk = as_user(1, "vanthu")
    prefs = clerk.get("/api/v1/notifications/preferences").json()
    assert prefs["kinds"]["document_overdue"]["critical"] is True
    assert set(prefs["kinds"]["document_arrived"]["channels"]) == {"inapp", "email"}

    r = clerk.put("/api/v1/notifications/preferences", json={
        "kinds": {"document_arrived": ["inapp"], "document_completed": []},
        "quiet_start": "21:30", "quiet_end": "06:30", "digest": True})
    assert r.status_code == 200, r.text
    saved = clerk.get("/api/v1/notifications/preferences").json()
    assert saved["kinds"]["document_arrived"]["channels"] == ["inapp"]
    assert saved["kinds"]["document_completed"]["channels"] == []
    assert (saved["quiet_start"], saved["quiet_end"], saved["digest"]) == ("21:30", "06:30", True)
    # someone else's preferences are untouched
    assert set(as_user(2, "vanthu").get("/api/v1/notifications/preferences").json()
               ["kinds"]["document_arrived"]["channels"]) == {"inapp", "email"}

    # a critical kind cannot be switched off in-app; bad input is a field-level 422
    r = clerk.put("/api/v1/notifications/preferences", json={"kinds": {"document_overdue": ["email"]}})
    assert r.status_code == 422 and "kinds.document_overdue" in r.json()["error"]["fields"]
    for bad in ({"kinds": {"no_such_kind": ["inapp"]}}, {"kinds": {"document_arrived": ["sms"]}},
                {"quiet_start": "25:00", "quiet_end": "06:00"}, {"quiet_start": "22:00"}, {"digest": "yes"}):
        r = clerk.put("/api/v1/notifications/preferences", json=bad)
        assert r.status_code == 422, (bad, r.text)
    assert clerk.get("/api/v1/notifications/preferences").json()["kinds"]["document_overdue"]["channels"][0] == "inapp"


def test_notification_endpoints_need_a_session_and_are_audited(as_user, anonymous, rpc):
    for method, path in (("GET", "/api/v1/notifications"), ("GET", "/api/v1/notifications/unread-count"),
                         ("POST", "/api/v1/notifications/read-all"), ("GET", "/api/v1/notifications/preferences"),
                         ("PUT", "/api/v1/notifications/preferences")):
        assert anonymous.request(method, path, json={}).status_code == 401, path
    clerk = as_user(1, "vanthu")
    assert clerk.post("/api/v1/notifications/read-all").status_code == 200
    assert clerk.put("/api/v1/notifications/preferences", json={"digest": True}).status_code == 200
    assert clerk.post("/api/v1/notifications/read", json={"ids": []}).status_code == 422
    admin = as_user(0, "admin")
    actions = [e["action"] for e in admin.get("/api/v1/admin/audit", params={"user_id": clerk.user["user_id"]}).json()["items"]]
    assert {"notification.read_all", "notification.preferences"} <= set(actions)


@pytest.mark.parametrize("stack_services", [[DirectoryService, DocumentsService]])
def test_bell_degrades_when_notifications_is_not_running(as_user):
    """Without the notifications service the bell answers available=false (every
    page polls it), while the list itself says 503."""
    clerk = as_user(1, "vanthu")
    r = clerk.get("/api/v1/notifications/unread-count")
    assert r.status_code == 200 and r.json() == {"unread": 0, "available": False}
    r = clerk.get("/api/v1/notifications")
    assert r.status_code == 503 and r.json()["error"]["code"] == "SERVICE_UNAVAILABLE"


def test_school_clerk_in_the_browser(base_url, district, tmp_path):
    from . import test_browser   # skips here when chromium/playwright are missing

    settings = {"base_url": base_url, "password": PASSWORD, "artifacts": str(test_browser.ARTIFACTS),
                "tmp": str(tmp_path), "office_clerk": district.username(0, "vanthu"),
                "school_clerk": district.username(1, "vanthu"), "schools": district.schools[:2]}
    log = tmp_path / "browser.log"
    code = test_browser.run_flow(settings, log, flow=test_browser.FLOW.with_name("notifications_flow.py"))
    assert code == 0, log.read_text()


def test_the_administrator_registers_tries_and_stops_a_webhook(as_user, tmp_path):
    from tests.notifications.conftest import Sink

    admin, clerk = as_user(0, "admin"), as_user(0, "vanthu")
    receiver = Sink("webhook", tmp_path).start()
    try:
        body = {"name": "Bot Zalo của Phòng", "url": f"http://127.0.0.1:{receiver.port}/hook",
                "secret": "khoa-ky-bi-mat-2026", "kinds": ["document_arrived"]}
        assert clerk.post("/api/v1/admin/webhooks", json=body).status_code == 403
        assert admin.post("/api/v1/admin/webhooks", json={**body, "url": "ftp://x"}).status_code == 422
        r = admin.post("/api/v1/admin/webhooks", json=body)
        assert r.status_code == 201, r.text
        hook = r.json()
        assert "secret" not in hook and hook["kinds"] == ["document_arrived"]

        tried = admin.post(f"/api/v1/admin/webhooks/{hook['subscription_id']}/test")
        assert tried.status_code == 200 and tried.json()["status"] == "delivered", tried.text
        [call] = receiver.received()
        assert call["headers"]["X-Eoffice-Signature"].startswith("sha256=")
        listed = admin.get("/api/v1/admin/webhooks").json()["items"]
        assert listed[0]["deliveries"] == {"delivered": 1, "failed": 0, "pending": 0}

        assert admin.delete(f"/api/v1/admin/webhooks/{hook['subscription_id']}").status_code == 204
        assert admin.get("/api/v1/admin/webhooks").json()["items"][0]["active"] is False
        assert admin.post(f"/api/v1/admin/webhooks/{hook['subscription_id']}/test").status_code == 404
        assert admin.delete("/api/v1/admin/webhooks/khong-co").status_code == 404
    finally:
        receiver.stop()
