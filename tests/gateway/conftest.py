"""The gateway over the real running stack: directory, documents and gateway
services on the real broker (a fresh vhost per test), real S3, mongomock.

Only the people a test logs in as get a password (argon2 is slow on purpose)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import requests

from services.directory.seed import OFFICE, demo_units, demo_users
from services.directory.service import DirectoryService
from services.documents.service import DocumentsService
from services.gateway.service import GatewayService
from tests.integration.helpers import wait_for  # noqa: F401 (re-exported for the gateway tests)
from tests.integration.helpers import free_port

PASSWORD = "Mat-khau-2026"
# who logs in, by unit index (0 = the office, 1.. = schools) and role suffix
LOGINS = [(0, "vanthu"), (0, "lanhdao"), (1, "vanthu"), (1, "lanhdao"), (1, "cv1"), (2, "vanthu"), (2, "lanhdao"), (0, "admin")]



@pytest.fixture
def gateway_config(config):
    return {**config, "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}", "GATEWAY_SECRET": "test-secret-" + "x" * 32,
            "GATEWAY_RPC_TIMEOUT": 20, "GATEWAY_TRUSTED_PROXIES": "127.0.0.1"}


@pytest.fixture
def stack_services():
    """The services behind the gateway; tests of notices add NotificationsService."""
    return [DirectoryService, DocumentsService]


@pytest.fixture
def stack(runner_factory, gateway_config, stack_services):
    runner = runner_factory(gateway_config, *stack_services, GatewayService)
    runner.start()
    return runner


@pytest.fixture
def base_url(gateway_config, stack):
    return "http://" + gateway_config["WEB_SERVER_ADDRESS"]


class Api:
    """A person using the API: requests with their token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()
        self.user: dict | None = None

    def login(self, username: str, password: str = PASSWORD) -> "Api":
        r = self.post("/api/v1/auth/login", json={"username": username, "password": password})
        assert r.status_code == 200, r.text
        self.http.headers["Authorization"] = "Bearer " + r.json()["token"]
        self.user = r.json()["user"]
        return self

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        return self.http.request(method, self.base_url + path, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@dataclass
class District:
    office: str
    schools: list[str]
    usernames: dict = field(default_factory=dict)   # (unit index, suffix) -> username
    users: dict = field(default_factory=dict)       # username -> directory user

    def username(self, unit: int, who: str) -> str:
        return self.usernames[(unit, who)]

    def user_id(self, unit: int, who: str) -> str:
        return self.users[self.username(unit, who)]["user_id"]


def seed_district(rpc, schools: int = 3, logins=LOGINS, extra_roles: dict | None = None) -> District:
    units = demo_units()
    units = units[:3] + units[3:3 + schools]
    users, _ = demo_users(units)
    for user in users:
        user.pop("password")
    rpc.directory.import_district(units, users)
    ordered = [OFFICE] + [u["code"] for u in units[3:]]
    district = District(office=OFFICE, schools=ordered[1:])
    for index, code in enumerate(ordered):
        for user in rpc.directory.users_of_unit(code):
            suffix = user["username"].rsplit(".", 1)[-1]
            district.usernames[(index, suffix)] = user["username"]
            district.users[user["username"]] = user
    for key in logins:
        user = district.users[district.username(*key)]
        rpc.directory.set_password(user["user_id"], PASSWORD)
    for username, roles in (extra_roles or {}).items():
        user = district.users[username]
        district.users[username] = rpc.directory.upsert_user({
            **{k: user[k] for k in ("username", "full_name", "position", "unit_code", "email") if user.get(k)},
            "roles": roles})
    return district


@pytest.fixture
def district(stack, rpc) -> District:
    return seed_district(rpc)


@pytest.fixture
def as_user(base_url, district):
    """``as_user(unit_index, role_suffix)`` -> a logged-in ``Api``."""
    def login(unit: int, who: str) -> Api:
        return Api(base_url).login(district.username(unit, who))
    return login


@pytest.fixture
def anonymous(base_url) -> Api:
    return Api(base_url)
