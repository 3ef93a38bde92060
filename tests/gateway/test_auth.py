"""Login, lock-out and rate limits, tokens, cookies, logout, password change,
deactivated accounts."""
import time
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from .conftest import PASSWORD, Api, wait_for

pytestmark = pytest.mark.integration


def login(api: Api, username: str, password: str, ip: str = "203.0.113.10"):
    return api.post("/api/v1/auth/login", json={"username": username, "password": password},
                    headers={"X-Forwarded-For": ip})


def test_wrong_password_then_lock_out_per_user_and_ip(anonymous, district):
    username = district.username(1, "vanthu")
    for attempt in range(5):
        r = login(anonymous, username, "sai-mat-khau")
        assert r.status_code == 401, r.text
        assert r.json()["error"]["code"] == "INVALID_CREDENTIALS"
    r = login(anonymous, username, PASSWORD)  # right password, but locked now
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 800
    assert "tạm khóa" in r.json()["error"]["message"]
    # the same user from another address, and another user from this one, still get in
    assert login(anonymous, username, PASSWORD, ip="198.51.100.7").status_code == 200
    assert login(anonymous, district.username(2, "vanthu"), PASSWORD).status_code == 200


def test_login_rate_per_ip(anonymous):
    if datetime.now().second >= 45:  # keep the burst inside one minute window
        time.sleep(61 - datetime.now().second)
    statuses = [login(anonymous, f"khong-ton-tai-{n}", "x", ip="192.0.2.55").status_code for n in range(21)]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


def test_token_logout_and_bad_tokens(base_url, district):
    api = Api(base_url).login(district.username(1, "vanthu"))
    assert api.get("/api/v1/me").json()["user"]["username"] == district.username(1, "vanthu")
    token = api.http.headers["Authorization"]
    assert api.post("/api/v1/auth/logout").status_code == 204
    r = api.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "UNAUTHENTICATED"
    assert "Bearer" in r.headers["WWW-Authenticate"]

    stranger = Api(base_url)
    for header in ("Bearer abc.def.ghi", "Bearer ", token + "x", "Basic Zm9vOmJhcg=="):
        assert stranger.get("/api/v1/me", headers={"Authorization": header}).status_code == 401
    now = datetime.now(timezone.utc)
    forged = jwt.encode({"sub": district.user_id(1, "vanthu"), "sid": "x", "iss": "eoffice-gateway",
                         "iat": int(now.timestamp()), "exp": int((now + timedelta(hours=1)).timestamp())},
                        "another-secret-" + "y" * 32, algorithm="HS256")
    assert stranger.get("/api/v1/me", headers={"Authorization": "Bearer " + forged}).status_code == 401
    assert stranger.get("/api/v1/inbox").status_code == 401


def test_expired_session(base_url, district, gateway_config):
    api = Api(base_url).login(district.username(1, "vanthu"))
    claims = jwt.decode(api.http.headers["Authorization"][7:], options={"verify_signature": False})
    past = int((datetime.now(timezone.utc) - timedelta(minutes=5)).timestamp())
    expired = jwt.encode({**claims, "exp": past}, gateway_config["GATEWAY_SECRET"], algorithm="HS256")
    r = api.get("/api/v1/me", headers={"Authorization": "Bearer " + expired})
    assert r.status_code == 401 and "hết hạn" in r.json()["error"]["message"]


def test_cookie_session_needs_the_csrf_header_for_changes(base_url, district):
    api = Api(base_url)
    r = api.post("/api/v1/auth/login", json={"username": district.username(1, "vanthu"), "password": PASSWORD})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert api.get("/api/v1/me").status_code == 200          # the cookie alone reads
    r = api.post("/api/v1/documents", json={"type_code": "TB", "summary": "Thông báo lịch họp"})
    assert r.status_code == 403                                # ... but cannot change anything
    r = api.post("/api/v1/documents", json={"type_code": "TB", "summary": "Thông báo lịch họp"},
                 headers={"X-Requested-With": "fetch"})
    assert r.status_code == 201
    assert api.post("/api/v1/auth/logout", headers={"X-Requested-With": "fetch"}).status_code == 204
    assert api.get("/api/v1/me").status_code == 401


def test_change_password_ends_other_sessions(base_url, district):
    username = district.username(1, "cv1")
    here, elsewhere = Api(base_url).login(username), Api(base_url).login(username)
    r = here.post("/api/v1/auth/password", json={"current_password": "sai", "new_password": "Mat-khau-moi-2026"})
    assert r.status_code == 422 and "current_password" in r.json()["error"]["fields"]
    r = here.post("/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "ngan"})
    assert r.status_code == 422 and r.json()["error"]["fields"]["new_password"] == "Tối thiểu 8 ký tự."
    r = here.post("/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "Mat-khau-moi-2026"})
    assert r.status_code == 204, r.text
    assert here.get("/api/v1/me").status_code == 200
    assert elsewhere.get("/api/v1/me").status_code == 401
    assert login(Api(base_url), username, PASSWORD).status_code == 401
    assert login(Api(base_url), username, "Mat-khau-moi-2026").status_code == 200


def test_admin_manages_users_and_a_deactivated_user_is_logged_out(as_user, base_url, district):
    admin = as_user(0, "admin")
    specialist = as_user(1, "cv1")
    r = admin.post("/api/v1/admin/users", json={
        "username": "gv.moi", "full_name": "Trần Thị Mới", "unit_code": district.schools[0],
        "roles": ["chuyen_vien"], "password": "Mat-khau-gv-moi"})
    assert r.status_code == 201, r.text
    new_user = r.json()
    assert admin.post("/api/v1/admin/users", json={
        "username": "gv.moi", "full_name": "Trùng tên", "unit_code": district.schools[0],
        "roles": ["chuyen_vien"], "password": "Mat-khau-gv-moi"}).status_code == 409
    assert Api(base_url).login("gv.moi", "Mat-khau-gv-moi").user["user_id"] == new_user["user_id"]

    r = admin.patch(f"/api/v1/admin/users/{new_user['user_id']}", json={"roles": ["chuyen_vien", "van_thu"]})
    assert r.status_code == 200 and r.json()["roles"] == ["chuyen_vien", "van_thu"]
    assert r.json()["full_name"] == "Trần Thị Mới"

    r = admin.patch(f"/api/v1/admin/users/{district.user_id(1, 'cv1')}", json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert specialist.get("/api/v1/me").status_code == 401
    assert login(Api(base_url), district.username(1, "cv1"), PASSWORD).status_code == 401
    listed = admin.get("/api/v1/admin/users", params={"unit_code": district.schools[0]}).json()["items"]
    assert {u["username"]: u["active"] for u in listed}[district.username(1, "cv1")] is False

    assert admin.post(f"/api/v1/admin/users/{new_user['user_id']}/password",
                      json={"new_password": "Mat-khau-dat-lai"}).status_code == 204
    assert login(Api(base_url), "gv.moi", "Mat-khau-dat-lai").status_code == 200
    assert admin.patch("/api/v1/admin/users/khong-co", json={"active": False}).status_code == 404

    r = admin.put("/api/v1/admin/units/000.99.31.H26", json={
        "name": "Trường Mầm non Thử nghiệm", "short_name": "MNTN", "kind": "MN", "parent": district.office})
    assert r.status_code == 200 and r.json()["code"] == "000.99.31.H26"
    r = admin.put("/api/v1/admin/units/000.98.31.H26", json={
        "name": "Trường lạ", "short_name": "X", "kind": "MN", "parent": "khong-co"})
    assert r.status_code == 404
    assert "000.99.31.H26" in {u["code"] for u in admin.get("/api/v1/admin/units").json()["items"]}


def test_a_user_deactivated_elsewhere_is_logged_out(as_user, rpc, district):
    """The directory announces the change; the gateway ends that user's sessions."""
    specialist = as_user(1, "cv1")
    user = district.users[district.username(1, "cv1")]
    rpc.directory.upsert_user({**{k: user[k] for k in ("username", "full_name", "position", "unit_code", "roles")},
                               "active": False})
    wait_for(lambda: specialist.get("/api/v1/me").status_code == 401)
