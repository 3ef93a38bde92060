"""The portal edge as the district portal meets it: a real grpcio client over
loopback against `python -m services.portal.server` (its own process) on the
test's broker vhost — status codes, token scopes, a followed stream, health,
reflection, TLS."""
import json
import shutil
import subprocess
import sys

import eventlet
import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.portal.servicer import FIELD_ERRORS_KEY
from services.portal.stubs import SERVICE_NAME, pb, pb_grpc
from tests.integration.district import seed
from tests.integration.helpers import wait_for

from .helpers import cchc_values, fill_and_submit
from .portal import KPI_TOKEN, ROOT, TOKEN, PortalProcess, auth, blocking, channel, code_of

pytestmark = pytest.mark.integration


@pytest.fixture
def district(services, rpc, freeze):
    d = seed(rpc, schools=3)
    rpc.reporting.install_seed_forms(d.actor(d.office, "lanhdao"))
    freeze("2026-03-20 09:00")
    for i, school in enumerate(d.schools[:2]):
        sub = fill_and_submit(rpc, d, school, cchc_values(i))
        rpc.reporting.approve(d.actor(d.office, "lanhdao"), sub["submission_id"])
    return d


@pytest.fixture
def portal(reporting_config, district):
    process = PortalProcess(reporting_config["AMQP_URI"], extra_env={"PORTAL_RPC_TIMEOUT": "3"}).start()
    yield process
    process.stop()


@pytest.fixture
def stub(portal):
    return pb_grpc.PortalServiceStub(channel(portal.address))


def test_status_codes(stub):
    request = pb.GetCompletenessRequest(form_code="CCHC", period_id="2026-Q1")
    assert code_of(stub.GetCompleteness, request, timeout=20)[0] == grpc.StatusCode.UNAUTHENTICATED
    assert code_of(stub.GetCompleteness, request, metadata=auth("wrong-token-wrong-token"), timeout=20)[0] == \
        grpc.StatusCode.UNAUTHENTICATED
    assert code_of(stub.GetCompleteness, request, metadata=(("authorization", TOKEN),), timeout=20)[0] == \
        grpc.StatusCode.UNAUTHENTICATED                                     # "Bearer " is required
    code, details = code_of(stub.GetCompleteness, request, metadata=auth(KPI_TOKEN), timeout=20)
    assert code == grpc.StatusCode.PERMISSION_DENIED and "completeness" in details
    code, details = code_of(stub.GetCompleteness, pb.GetCompletenessRequest(form_code="KHONGCO", period_id="2026-Q1"),
                            metadata=auth(), timeout=20)
    assert code == grpc.StatusCode.NOT_FOUND and details == "Không tìm thấy biểu mẫu KHONGCO."
    assert code_of(stub.GetCompleteness, pb.GetCompletenessRequest(form_code="CCHC", period_id="2026-Q7"),
                   metadata=auth(), timeout=20)[0] == grpc.StatusCode.INVALID_ARGUMENT
    # refused by the reporting service itself (the CCHC report has no Q2: the 6-month one replaces it)
    try:
        blocking(stub.GetConsolidated.with_call, pb.GetConsolidatedRequest(form_code="CCHC", period_id="2026-Q2"),
                 metadata=auth(), timeout=20)
        raise AssertionError("accepted")
    except grpc.RpcError as exc:
        assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT
        trailers = dict(exc.trailing_metadata())
        assert json.loads(trailers[FIELD_ERRORS_KEY].decode()) == {"period_id": "not_in_schedule"}
    assert code_of(stub.ListPeriods, pb.ListPeriodsRequest(), metadata=auth(), timeout=20)[0] == \
        grpc.StatusCode.INVALID_ARGUMENT
    assert code_of(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(period_id="Q1"), metadata=auth(), timeout=20)))[0] == \
        grpc.StatusCode.INVALID_ARGUMENT
    assert code_of(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(), timeout=20)))[0] == grpc.StatusCode.UNAUTHENTICATED


def test_a_narrow_token_reads_what_it_was_granted(stub, district):
    forms = blocking(stub.ListForms, pb.ListFormsRequest(include_definition=True), metadata=auth(KPI_TOKEN),
                     timeout=20)
    cchc = next(f for f in forms.forms if f.code == "CCHC")
    fields = {f.code: f for s in cchc.sections for f in s.fields}
    assert fields["documents_received"].label == "Tổng số văn bản đến"
    assert fields["digital_signature_rate"].type == pb.FIELD_TYPE_PERCENT and fields["digital_signature_rate"].max == 100
    assert [o.label for o in fields["self_assessment"].options] == ["Tốt", "Khá", "Trung bình", "Yếu"]
    assert cchc.deadline.day == 25 and list(cchc.period_types) == [pb.PERIOD_TYPE_QUARTERLY,
                                                                    pb.PERIOD_TYPE_HALF_YEARLY, pb.PERIOD_TYPE_YEARLY]
    kpis = blocking(stub.GetKpis, pb.GetKpisRequest(period_id="2026-Q1"), metadata=auth(KPI_TOKEN), timeout=20)
    assert kpis.period.id == "2026-Q1" and kpis.total.documents_received == 0 and not kpis.total.HasField("on_time_rate")
    months = blocking(stub.ListPeriods, pb.ListPeriodsRequest(period_type=pb.PERIOD_TYPE_MONTHLY, year=2024),
                      metadata=auth(KPI_TOKEN), timeout=20)
    assert [p.id for p in months.periods][:2] == ["2024-M01", "2024-M02"] and months.periods[1].end_date == "2024-02-29"
    assert code_of(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(), metadata=auth(KPI_TOKEN), timeout=20)))[0] == \
        grpc.StatusCode.PERMISSION_DENIED


def test_a_followed_stream_delivers_new_approvals_and_resumes(stub, district, rpc):
    first = blocking(lambda: list(stub.StreamApprovedSubmissions(
        pb.StreamApprovedSubmissionsRequest(), metadata=(("x-portal-token", TOKEN),), timeout=20)))
    assert len(first) == 2 and first[0].values["documents_received"].integer == 100

    def follow():
        call = stub.StreamApprovedSubmissions(pb.StreamApprovedSubmissionsRequest(
            after_cursor=first[-1].cursor, follow=True), metadata=auth(), timeout=30)
        for message in call:
            call.cancel()
            return message

    waiter = eventlet.spawn(blocking, follow)
    eventlet.sleep(0.5)                                    # the stream is open and caught up
    school = district.schools[2]
    sub = fill_and_submit(rpc, district, school, cchc_values(7))
    rpc.reporting.approve(district.actor(district.office, "lanhdao"), sub["submission_id"])
    message = waiter.wait()
    assert message.unit.code == school and message.cursor > first[-1].cursor
    assert message.kind == pb.CHANGE_KIND_APPROVED and message.values["documents_received"].integer == 107
    assert message.at.ToDatetime().year == 2026


def test_health_follows_the_reporting_service(portal, services):
    health = health_pb2_grpc.HealthStub(channel(portal.address))

    def status():
        return blocking(health.Check, health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=5).status

    wait_for(lambda: status() == health_pb2.HealthCheckResponse.SERVING)
    services.stop()
    wait_for(lambda: status() == health_pb2.HealthCheckResponse.NOT_SERVING, timeout=30)
    stub = pb_grpc.PortalServiceStub(channel(portal.address))
    code, details = code_of(stub.ListForms, pb.ListFormsRequest(), metadata=auth(), timeout=20)
    assert code == grpc.StatusCode.UNAVAILABLE and "thử lại" in details


REFLECTION_CLIENT = """
import json, sys, grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
stub = reflection_pb2_grpc.ServerReflectionStub(grpc.insecure_channel(sys.argv[1]))
reply = next(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10))
names = [s.name for s in reply.list_services_response.service]
reply = next(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(
    file_containing_symbol="eoffice.reporting.v1.PortalService")]), timeout=10))
print(json.dumps({"services": names, "descriptors": len(reply.file_descriptor_response.file_descriptor_proto)}))
"""


def test_reflection_lists_the_services_without_a_token(portal):
    # a plain process (no eventlet): grpcio's bidirectional streams need real threads
    out = subprocess.run([sys.executable, "-c", REFLECTION_CLIENT, portal.address], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert set(answer["services"]) == {SERVICE_NAME, "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"}
    assert answer["descriptors"] >= 1


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_tls(reporting_config, district, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    portal = PortalProcess(reporting_config["AMQP_URI"], extra_env={
        "PORTAL_TLS_CERT": str(cert), "PORTAL_TLS_KEY": str(key)}).start()
    try:
        secure = pb_grpc.PortalServiceStub(channel(
            f"localhost:{portal.port}", grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())))
        forms = blocking(secure.ListForms, pb.ListFormsRequest(), metadata=auth(), timeout=20)
        assert "CCHC" in [f.code for f in forms.forms]
        plain = pb_grpc.PortalServiceStub(channel(portal.address))
        assert code_of(plain.ListForms, pb.ListFormsRequest(), metadata=auth(), timeout=5)[0] == \
            grpc.StatusCode.UNAVAILABLE
    finally:
        portal.stop()


def test_followed_streams_may_not_take_every_thread(reporting_config, district):
    portal = PortalProcess(reporting_config["AMQP_URI"], extra_env={"PORTAL_MAX_WORKERS": "2"}).start()
    try:
        stub = pb_grpc.PortalServiceStub(channel(portal.address))
        follow = pb.StreamApprovedSubmissionsRequest(follow=True)

        def read(timeout):
            return code_of(lambda: list(stub.StreamApprovedSubmissions(follow, metadata=auth(), timeout=timeout)))

        first = eventlet.spawn(read, 3)
        eventlet.sleep(1)
        code, details = read(2)
        assert code == grpc.StatusCode.RESOURCE_EXHAUSTED and "follow=false" in details
        # one-off calls still find a thread
        assert blocking(stub.ListForms, pb.ListFormsRequest(), metadata=auth(), timeout=5).forms
        assert first.wait()[0] == grpc.StatusCode.DEADLINE_EXCEEDED
        eventlet.sleep(0.5)
        assert read(1)[0] == grpc.StatusCode.DEADLINE_EXCEEDED        # the slot was given back
    finally:
        portal.stop()
