"""Contract test: schemathesis generates valid and invalid requests for every
operation in /openapi.json and sends them to the live gateway (over the real
stack); no answer may be a server error or break the documented schema."""
import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance, negative_data_rejection,
                                               response_headers_conformance, response_schema_conformance,
                                               status_code_conformance)

from services.meetings.service import MeetingsService
from services.notifications.service import NotificationsService
from services.reporting.service import ReportingService

from .conftest import Api, seed_district

pytestmark = pytest.mark.integration

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection]
SKIPPED = {"POST /api/v1/auth/logout"}   # would end the session the other cases use
EXAMPLES = 25
# CI explores the same cases every run (a red CI must be reproducible); a developer's
# run draws new ones each time and finds what CI has not seen yet
DERANDOMIZE = bool(os.environ.get("CI"))


@pytest.fixture
def stack_services(stack_services):
    # every endpoint answers for real
    return [*stack_services, NotificationsService, MeetingsService, ReportingService]


@pytest.fixture
def everyone(stack, rpc):
    """One account holding every role, so cases reach past the role checks."""
    district = seed_district(rpc, schools=2, logins=[(0, "vanthu")], extra_roles={
        "gddt.vanthu": ["van_thu", "lanh_dao", "chuyen_vien", "admin"]})
    # report forms exist, so the reporting routes answer with data, not only 404s
    user = district.users[district.username(0, "vanthu")]
    rpc.reporting.install_seed_forms({"user_id": user["user_id"], "unit_id": district.office, "roles": user["roles"]})
    return district


def test_openapi_contract_holds_for_generated_requests(base_url, everyone):
    session = Api(base_url).login(everyone.username(0, "vanthu")).http
    document = requests.get(base_url + "/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(document)
    # a body over the JSON size limit is rejected as 413, which the check does not list by default
    schema.config.checks.negative_data_rejection.expected_statuses.append("413")
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 35
    for operation in operations:
        if operation.label in SKIPPED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=DERANDOMIZE,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(base_url=base_url, session=session, checks=CHECKS, timeout=30)

            try:
                run()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE  # nothing in the request can be made invalid
            except Exception as exc:  # collect every operation's failure, report them together
                failures.append(f"{operation.label} [{mode}]: {exc}")
    assert not failures, "\n\n".join(failures)
