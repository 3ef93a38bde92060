"""The portal edge's parts that need no server: generated stubs in step with the
.proto, token grants, conversions; and the report renderings' small rules."""
from datetime import date

import pytest

from services.portal import auth, codegen, convert
from services.portal.stubs import SERVICE_NAME, pb
from services.reporting.render.common import date_in_words, format_number, period_phrase, symbol_placeholder


def test_committed_stubs_match_a_fresh_generation_from_the_proto():
    assert codegen.stale() == [], "run: python -m services.portal.codegen"
    from services.portal._generated import PROTO_SHA256
    assert PROTO_SHA256 == codegen.proto_sha256()


def test_the_proto_package_and_service():
    assert SERVICE_NAME == "eoffice.reporting.v1.PortalService"
    methods = {m.name for m in pb.DESCRIPTOR.services_by_name["PortalService"].methods}
    assert methods == {"ListForms", "ListPeriods", "GetCompleteness", "GetConsolidated", "GetKpis",
                       "StreamApprovedSubmissions"}
    assert set(auth.METHOD_SCOPES) == methods
    stream = pb.DESCRIPTOR.services_by_name["PortalService"].methods_by_name["StreamApprovedSubmissions"]
    assert stream.server_streaming and not stream.client_streaming


def test_grants():
    grants = auth.parse_grants("main-token", "dash:dashboard-token-123456:kpis+catalog, all:everything-token-1234:*")
    assert [(g.name, sorted(g.scopes)) for g in grants] == [
        ("portal", sorted(auth.SCOPES)), ("dash", ["catalog", "kpis"]), ("all", sorted(auth.SCOPES))]
    authenticator = auth.Authenticator(grants)
    assert authenticator.grant_for((("authorization", "Bearer dashboard-token-123456"),)).name == "dash"
    assert authenticator.grant_for((("authorization", "bearer main-token"),)).name == "portal"
    assert authenticator.grant_for((("x-portal-token", "main-token"),)).name == "portal"
    assert authenticator.grant_for((("authorization", "Bearer nope"),)) is None
    assert authenticator.grant_for(()) is None
    for bad in ("dash:short:kpis", "dash:dashboard-token-123456:everything", "dash:dashboard-token-123456",
                "::kpis"):
        with pytest.raises(auth.TokenError):
            auth.parse_grants("", bad)
    assert auth.parse_grants("", "") == []
    assert len(auth.generated_token()) >= 40


def test_values_take_the_slot_of_their_type():
    assert convert.value(3).WhichOneof("kind") == "integer"
    assert convert.value(2.5).number == 2.5
    assert convert.value(True).WhichOneof("kind") == "yes_no"
    assert convert.value("tot").text == "tot"
    assert convert.value("2026-03-01", "date").date == "2026-03-01"
    assert convert.value(None) is None


def test_period_conversion():
    message = convert.period({"id": "2026-Q1", "type": "quarterly", "label": "Quý I năm 2026", "start": "2026-01-01",
                              "end": "2026-03-31", "cutoff_start": "2025-12-15", "cutoff_end": "2026-03-14",
                              "deadline": "2026-03-25T16:59:59+00:00"})
    assert message.type == pb.PERIOD_TYPE_QUARTERLY and message.deadline.ToJsonString() == "2026-03-25T16:59:59Z"
    assert not message.HasField("office_deadline")


@pytest.mark.parametrize("day,text", [(date(2026, 2, 5), "Đồ Sơn, ngày 05 tháng 02 năm 2026"),
                                      (date(2026, 1, 15), "Đồ Sơn, ngày 15 tháng 01 năm 2026"),
                                      (date(2026, 3, 30), "Đồ Sơn, ngày 30 tháng 3 năm 2026"),
                                      (date(2026, 12, 9), "Đồ Sơn, ngày 09 tháng 12 năm 2026")])
def test_dates_in_words_per_decree_30(day, text):
    assert date_in_words("Đồ Sơn", day) == text


def test_report_text_helpers():
    assert period_phrase("Quý I năm 2026") == "quý I năm 2026"
    assert symbol_placeholder("GDĐT") == "Số:      /BC-GDĐT"
    assert format_number(12345) == "12.345" and format_number(1234.5) == "1.234,5" and format_number(95.25) == "95,25"
    assert format_number(3.0) == "3" and format_number(None) == ""


class _FakeProxy:
    """Stands in for nameko's ClusterRpcProxy: the first connection breaks."""
    made = []

    def __init__(self, config, timeout):
        self.broken = not _FakeProxy.made
        _FakeProxy.made.append(self)
        self.stopped = False

    def start(self):
        return self

    def stop(self):
        self.stopped = True

    @property
    def reporting(self):
        return self

    def ping(self):
        if self.broken:
            raise ConnectionResetError("connection reset by the broker")
        return {"ok": True}


def test_a_broken_proxy_is_dropped_and_the_call_retried_once(monkeypatch):
    from services.portal import client as client_module

    _FakeProxy.made = []
    monkeypatch.setattr(client_module, "ClusterRpcProxy", _FakeProxy)
    reporting = client_module.ReportingClient("amqp://x", timeout=1)
    assert reporting.call("ping") == {"ok": True}
    assert len(_FakeProxy.made) == 2 and _FakeProxy.made[0].stopped and not _FakeProxy.made[1].stopped
    assert reporting.call("ping") == {"ok": True} and len(_FakeProxy.made) == 2   # the good proxy is kept
    reporting.close()
    assert _FakeProxy.made[1].stopped


def test_a_proxy_that_stays_broken_means_unavailable(monkeypatch):
    from services.portal import client as client_module

    class Broken(_FakeProxy):
        def ping(self):
            raise ConnectionResetError("down")

    monkeypatch.setattr(client_module, "ClusterRpcProxy", Broken)
    with pytest.raises(client_module.ReportingUnavailable):
        client_module.ReportingClient("amqp://x", timeout=1).call("ping")
