"""Shared plumbing that needs neither broker nor S3: text folding, time, settings,
file rules, event envelopes, caching."""
import unicodedata
from datetime import date, datetime

import pytest

from services.common import clock, storage
from services.common.cache import TTLCache
from services.common.config import Settings
from services.common.errors import FileRejected, ValidationFailed
from services.common.events import EventType
from services.common.text import fold, nfc, search_terms


@pytest.mark.parametrize("text", [
    "Cải cách hành chính", "CẢI CÁCH HÀNH CHÍNH", "cai cach hanh chinh", "  Cải   cách\thành chính ",
    unicodedata.normalize("NFD", "Cải cách hành chính"),
])
def test_folding_ignores_diacritics_case_and_spacing(text):
    assert fold(text) == "cai cach hanh chinh"


def test_folding_turns_d_bar_into_d():
    assert fold("Phòng GD&ĐT Đồ Sơn") == "phong gd&dt do son"
    assert search_terms("đồ  SƠN") == ["do", "son"]
    assert search_terms("") == [] and search_terms(None) == []


def test_nfc_normalises_decomposed_text():
    decomposed = unicodedata.normalize("NFD", " Kế hoạch ")
    assert nfc(decomposed) == "Kế hoạch" and unicodedata.is_normalized("NFC", nfc(decomposed))


def test_register_year_follows_vietnam_time():
    # 31 Dec 2025 18:00 UTC is already 1 January 2026 in Hà Nội
    assert clock.local_year(datetime(2025, 12, 31, 18, 0)) == 2026
    assert clock.local_year(datetime(2025, 12, 31, 16, 59)) == 2025


def test_a_bare_date_deadline_means_the_end_of_that_day_in_vietnam():
    assert clock.parse_datetime("2026-01-15") == datetime(2026, 1, 15, 16, 59, 59)
    assert clock.parse_datetime(date(2026, 1, 15)) == datetime(2026, 1, 15, 16, 59, 59)
    assert clock.parse_datetime("2026-01-15T08:00:00+07:00") == datetime(2026, 1, 15, 1, 0)
    assert clock.parse_datetime(None) is None and clock.parse_datetime("") is None
    assert clock.iso(datetime(2026, 1, 15, 1, 0)) == "2026-01-15T01:00:00+00:00"


def test_settings_come_from_config_then_environment(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "from-env")
    monkeypatch.setenv("S3_SECURE", "true")
    settings = Settings.from_config({"MAX_ATTACHMENT_BYTES": "1024", "S3_ENDPOINT": None})
    assert settings.S3_BUCKET == "from-env" and settings.S3_SECURE is True
    assert settings.MAX_ATTACHMENT_BYTES == 1024 and settings.S3_ENDPOINT == "127.0.0.1:8333"
    assert Settings.from_config({"EVENT_RETRY_DELAYS": "0.5, 2"}).retry_delays == [0.5, 2.0]


@pytest.mark.parametrize("name,problem", [
    ("", "empty_name"), ("..", "empty_name"), ("a/b.pdf", "path_in_name"), ("..\\x.pdf", "path_in_name"),
    ("bad\x07name.pdf", "control_character"), ("line\nbreak.pdf", "control_character"),
    ("x" * 300 + ".pdf", "name_too_long"), ("virus.exe", "extension_not_allowed"), ("noextension", "extension_not_allowed"),
])
def test_bad_file_names_are_refused(name, problem):
    with pytest.raises(FileRejected) as err:
        storage.validate_filename(name)
    assert err.value.fields == {"file": problem}


def test_good_file_names_are_normalised():
    assert storage.validate_filename(unicodedata.normalize("NFD", "Kế hoạch.PDF")) == "Kế hoạch.PDF"


@pytest.mark.parametrize("name,head", [
    ("a.pdf", b"%PDF-1.7 ..."), ("a.docx", b"PK\x03\x04rest"), ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1.."),
    ("a.png", b"\x89PNG\r\n\x1a\n..."), ("a.jpg", b"\xff\xd8\xff\xe0"), ("a.xml", b"\xef\xbb\xbf  <?xml"),
    ("a.txt", "Báo cáo tháng".encode()), ("a.txt", "Báo cáo".encode()[:-1]),  # cut inside "o"? still fine
    ("a.csv", "Trường,Số".encode()[:-1]),  # cut inside a multi-byte character
])
def test_content_matching_its_extension_is_accepted(name, head):
    assert storage.check_content(name, head)


@pytest.mark.parametrize("name,head", [
    ("a.pdf", b"PK\x03\x04"), ("a.docx", b"%PDF-1.4"), ("a.png", b"GIF89a"), ("a.txt", b"\x00\x01\x02"),
    ("a.txt", b"\xff\xfe\xfa text"), ("a.xml", b"not xml"),
])
def test_content_not_matching_its_extension_is_refused(name, head):
    with pytest.raises(FileRejected) as err:
        storage.check_content(name, head)
    assert err.value.fields == {"file": "content_mismatch"}


def test_envelopes_carry_the_contract_fields():
    issued = EventType("thing.happened", 2, ("a", "b"), "doc")
    env = issued.envelope("svc", {"a": 1, "b": 2})
    assert set(env) == {"event_id", "type", "version", "occurred_at", "producer", "data"}
    assert env["type"] == "thing.happened" and env["version"] == 2 and env["producer"] == "svc"
    assert issued.envelope("svc", {"a": 1, "b": 2})["event_id"] != env["event_id"]
    with pytest.raises(ValueError):
        issued.envelope("svc", {"a": 1})


def test_every_documents_event_is_documented():
    from services.documents import events
    names = [e.name for e in events.ALL]
    assert len(names) == len(set(names)) == 11
    assert all(e.doc and e.version >= 1 for e in events.ALL)


def test_ttl_cache_loads_only_what_it_lacks():
    calls = []

    def load(keys):
        calls.append(list(keys))
        return {k: k.upper() for k in keys if k != "missing"}

    cache = TTLCache(ttl_seconds=60)
    assert cache.get_many(["a", "b"], load) == {"a": "A", "b": "B"}
    assert cache.get_many(["a", "c", "missing"], load) == {"a": "A", "c": "C"}
    assert calls == [["a", "b"], ["c", "missing"]]
    cache.invalidate("a")
    cache.get_many(["a"], load)
    assert calls[-1] == ["a"]


def test_validation_errors_name_each_field():
    from services.common.schemas import load
    from services.documents.schemas import DraftIn
    with pytest.raises(ValidationFailed) as err:
        load(DraftIn, {"type_code": "XX", "summary": "", "urgency": 9, "surprise": 1})
    assert {"type_code", "summary", "urgency", "surprise"} <= set(err.value.fields)


def test_a_draft_patch_cannot_null_what_a_draft_needs():
    from services.common.schemas import load
    from services.documents.schemas import DraftPatch
    assert load(DraftPatch, {"urgency": 2}).model_dump(exclude_unset=True) == {"urgency": 2}
    with pytest.raises(ValidationFailed) as err:
        load(DraftPatch, {"recipients": None, "summary": None, "type_code": None})
    assert set(err.value.fields) == {"recipients", "summary", "type_code"}


def test_a_deadline_given_as_a_date_means_the_end_of_that_day():
    from services.common.schemas import load
    from services.documents.schemas import AssignIn, DraftIn
    draft = load(DraftIn, {"type_code": "KH", "summary": "Kế hoạch", "response_deadline": "2027-01-15"})
    assert clock.parse_datetime(draft.response_deadline) == datetime(2027, 1, 15, 16, 59, 59)
    with pytest.raises(ValidationFailed) as err:
        load(AssignIn, {"lead_user_id": "u", "deadline": "15/01/2027"})
    assert "deadline" in err.value.fields


def test_dates_without_a_utc_equivalent_are_bad_input_not_crashes():
    from services.common.schemas import load
    from services.documents.schemas import AssignIn
    with pytest.raises(ValueError):
        clock.parse_datetime("0001-01-01T00:00:00+03:11")
    with pytest.raises(ValidationFailed) as err:
        load(AssignIn, {"lead_user_id": "u", "deadline": "0001-01-01T00:00:00+03:11"})
    assert "deadline" in err.value.fields


def test_refused_commands_are_expected_errors_logged_without_traceback():
    import logging

    from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

    from services.common.errors import EofficeError
    from services.common.logs import ExpectedErrorsWithoutTraceback
    from services.directory.service import DirectoryService

    entrypoints = getattr(DirectoryService.get_unit, ENTRYPOINT_EXTENSIONS_ATTR)
    assert all(e.expected_exceptions == (EofficeError,) for e in entrypoints)

    try:
        raise EofficeError("Không tìm thấy đơn vị.")
    except EofficeError:
        import sys
        exc_info = sys.exc_info()
    expected = logging.LogRecord("nameko.containers", logging.WARNING, __file__, 1,
                                 "(expected) error handling worker %s: %s", ("w", "x"), exc_info)
    fault = logging.LogRecord("nameko.containers", logging.ERROR, __file__, 1,
                              "error handling worker %s: %s", ("w", "x"), exc_info)
    quiet = ExpectedErrorsWithoutTraceback()
    assert quiet.filter(expected) and expected.exc_info is None
    assert quiet.filter(fault) and fault.exc_info is exc_info     # real faults keep their traceback


def test_a_prepared_event_is_added_to_the_outbox_once():
    import mongomock

    from services.common.events import EventType, Outbox

    db = mongomock.MongoClient().db
    outbox = Outbox(db, "documents", publisher=None)
    envelope = outbox.prepare(EventType("document.issued", 1, ("document_id",)), {"document_id": "d1"})
    assert outbox.pending_count() == 0                     # prepared only: kept with the document
    assert outbox.add_envelope(envelope) is True
    assert outbox.add_envelope(envelope) is False
    db["outbox_sent"].insert_one(db["outbox"].find_one())   # relayed
    db["outbox"].delete_many({})
    assert outbox.add_envelope(envelope, maybe_sent=True) is False and outbox.pending_count() == 0
