"""Form definitions and the validation of entered values (pure)."""
import unicodedata
from decimal import Decimal

import pytest

from services.common.errors import ValidationFailed
from services.reporting import seed
from services.reporting.domain import forms, validation
from services.reporting.domain.validation import FieldError, clean, coerce

from .helpers import cchc_values


def form(fields, rules=(), **extra):
    return forms.build({"code": "T-1", "title": "Thử", "period_types": ["quarterly"], "assigned_kinds": ["TH"],
                        "sections": [{"code": "I", "title": "Mục I", "fields": list(fields)}],
                        "rules": list(rules), **extra})


def field(code, ftype, **extra):
    return {"code": code, "label": code.replace("_", " ").capitalize(), "type": ftype, **extra}


# ---------------------------------------------------------------- seeds

def test_seed_forms_build_and_carry_vietnamese_labels_in_nfc():
    for definition in seed.SEED_FORMS:
        spec = forms.build(definition)
        assert spec.fields and spec.rules
        for f in spec.fields:
            assert unicodedata.normalize("NFC", f.label) == f.label
    cchc = forms.build(seed.CCHC)
    assert {"documents_received", "documents_on_time", "documents_overdue", "procedures_public",
            "meetings_paperless", "staff_trained_it", "staff_trained_ai", "tasks_done"} <= {f.code for f in cchc.fields}
    assert cchc.field("documents_received").label == "Tổng số văn bản đến"
    assert [p.id for p in cchc.schedule(2026)] == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]
    assert len(forms.build(seed.HDTHANG).schedule(2026)) == 12


def test_collection_starts_with_the_first_deadline_on_or_after_collect_from():
    monthly = forms.build({**seed.HDTHANG, "collect_from": "2026-11-27"})
    # November's report was due on the 25th, before the form was set up: not asked for
    assert [p.id for p in monthly.schedule(2026)] == ["2026-M12"]
    assert [p.id for p in monthly.schedule(2025)] == []
    assert len(monthly.schedule(2027)) == 12
    assert forms.build({**seed.HDTHANG, "collect_from": "2026-11-25"}).schedule(2026)[0].id == "2026-M11"
    cchc = forms.build({**seed.CCHC, "collect_from": "2026-07-01"})
    assert [p.id for p in cchc.schedule(2026)] == ["2026-Q3", "2026-Y"]
    assert forms.build(cchc.as_dict()).collect_from == cchc.collect_from   # stored and read back
    assert forms.build(cchc.as_dict()).fingerprint() != forms.build(seed.CCHC).fingerprint()
    with pytest.raises(ValidationFailed) as err:
        forms.build({**seed.CCHC, "collect_from": "27/11/2026"})
    assert "collect_from" in err.value.fields


def test_fingerprint_is_stable_and_changes_with_the_definition():
    a, b = forms.build(seed.CCHC), forms.build(dict(seed.CCHC))
    assert a.fingerprint() == b.fingerprint()
    changed = forms.build({**seed.CCHC, "title": "Báo cáo CCHC (sửa)"})
    assert changed.fingerprint() != a.fingerprint()
    assert forms.build(a.as_dict()).fingerprint() == a.fingerprint()   # stored and read back


def test_default_aggregations_by_type():
    spec = form([field("a", "integer"), field("b", "percent"), field("c", "yes_no"), field("d", "text"),
                 field("e", "select", options=[{"value": "x", "label": "X"}]), field("f", "date")])
    assert [f.aggregation for f in spec.fields] == ["sum", "average", "count", "none", "count", "none"]
    assert spec.field("b").min == 0 and spec.field("b").max == 100 and spec.field("b").unit == "%"


@pytest.mark.parametrize("definition,problem", [
    ({"fields": [field("a", "integer"), field("a", "integer")]}, "sections.0.fields.1.code"),
    ({"fields": [field("A b", "integer")]}, "sections.0.fields.0.code"),
    ({"fields": [field("a", "weird")]}, "sections.0.fields.0.type"),
    ({"fields": [field("a", "percent", aggregation="sum")]}, "sections.0.fields.0.aggregation"),
    ({"fields": [field("a", "text", aggregation="average")]}, "sections.0.fields.0.aggregation"),
    ({"fields": [field("a", "select")]}, "sections.0.fields.0.options"),
    ({"fields": [field("a", "integer", min=5, max=1)]}, "sections.0.fields.0.min"),
    ({"fields": [field("a", "integer")], "rules": [{"expr": "a <= b"}]}, "rules.0"),
    ({"fields": [field("a", "integer"), field("t", "text")], "rules": [{"expr": "a <= t"}]}, "rules.0"),
    ({"fields": [field("a", "integer")], "rules": [{"expr": "a <=> 3"}]}, "rules.0"),
    ({"fields": [field("a", "integer")], "assigned_kinds": []}, "assigned_kinds"),
    ({"fields": [field("a", "integer")], "period_types": ["weekly"]}, "period_types"),
    ({"fields": [field("a", "integer")], "code": "lower"}, "code"),
    ({"fields": [field("a", "integer")], "deadline": {"day": 40}}, "deadline"),
])
def test_bad_definitions_are_refused_with_the_field_at_fault(definition, problem):
    base = {"code": "T-1", "title": "Thử", "period_types": ["quarterly"], "assigned_kinds": ["TH"]}
    fields_ = definition.pop("fields")
    with pytest.raises(ValidationFailed) as err:
        forms.build({**base, "sections": [{"code": "I", "title": "I", "fields": fields_}], **definition})
    assert problem in err.value.fields


def test_rules_parse_sums_and_constants():
    rule = forms.parse_rule("on_time + overdue <= received")
    assert rule.left == ((1, "on_time"), (1, "overdue")) and rule.op == "<=" and rule.right == ((1, "received"),)
    rule = forms.parse_rule("a - b >= 0")
    assert rule.left == ((1, "a"), (-1, "b")) and rule.right == ((1, "0"),)
    assert forms.parse_rule("a = b").op == "=="
    for bad in ("a", "a <=", "<= b", "a b <= c", "a + <= c", "a <= b <= c"):
        with pytest.raises(ValueError):
            forms.parse_rule(bad)


# ---------------------------------------------------------------- values

@pytest.mark.parametrize("raw,expected", [(12, 12), ("12", 12), (" 7 ", 7), (3.0, 3), ("0", 0)])
def test_integer_values(raw, expected):
    assert coerce(form([field("a", "integer")]).field("a"), raw) == expected


@pytest.mark.parametrize("raw,message", [("12,5", "Phải là số nguyên."), (2.5, "Phải là số nguyên."),
                                         ("abc", "Phải là số nguyên."), (True, "Phải là số."),
                                         ("-1", "Không được nhỏ hơn 0."), ("1e20", "Giá trị quá lớn."),
                                         ("nan", "Phải là số."), ("Infinity", "Phải là số.")])
def test_integer_errors(raw, message):
    with pytest.raises(FieldError) as err:
        coerce(form([field("a", "integer", min=0)]).field("a"), raw)
    assert str(err.value) == message


def test_decimal_accepts_the_vietnamese_comma_and_checks_places():
    f = form([field("a", "decimal", decimals=2, max=1000)]).field("a")
    assert coerce(f, "12,5") == 12.5 and coerce(f, "0.25") == 0.25 and coerce(f, 3) == 3.0
    with pytest.raises(FieldError, match="Tối đa 2 chữ số thập phân."):
        coerce(f, "1,234")
    with pytest.raises(FieldError, match="Không được lớn hơn 1000."):
        coerce(f, "1000,5")


def test_percent_is_bounded_0_to_100():
    f = form([field("p", "percent")]).field("p")
    assert coerce(f, "95,5") == 95.5 and coerce(f, 100) == 100.0
    with pytest.raises(FieldError, match="Không được lớn hơn 100."):
        coerce(f, 100.01)
    with pytest.raises(FieldError, match="Không được nhỏ hơn 0."):
        coerce(f, -1)


@pytest.mark.parametrize("raw,expected", [(True, True), ("có", True), ("Có", True), ("co", True), ("yes", True),
                                          (1, True), ("không", False), ("KHÔNG", False), (False, False), (0, False),
                                          ("false", False)])
def test_yes_no_values(raw, expected):
    assert coerce(form([field("b", "yes_no")]).field("b"), raw) is expected


def test_yes_no_rejects_anything_else():
    with pytest.raises(FieldError, match="Chọn Có hoặc Không."):
        coerce(form([field("b", "yes_no")]).field("b"), "maybe")


@pytest.mark.parametrize("raw,expected", [("2026-03-14", "2026-03-14"), ("14/03/2026", "2026-03-14"),
                                          ("1/2/2026", "2026-02-01"), ("29/02/2024", "2024-02-29")])
def test_dates_in_iso_or_vietnamese_order(raw, expected):
    assert coerce(form([field("d", "date")]).field("d"), raw) == expected


@pytest.mark.parametrize("raw", ["30/02/2026", "29/02/2026", "2026-13-01", "hôm qua"])
def test_impossible_dates(raw):
    with pytest.raises(FieldError, match="Ngày không hợp lệ"):
        coerce(form([field("d", "date")]).field("d"), raw)


def test_select_and_text():
    spec = form([field("s", "select", options=[{"value": "tot", "label": "Tốt"}, {"value": "kha", "label": "Khá"}]),
                 field("t", "text")])
    assert coerce(spec.field("s"), "tot") == "tot"
    with pytest.raises(FieldError, match="danh sách lựa chọn"):
        coerce(spec.field("s"), "gioi")
    decomposed = unicodedata.normalize("NFD", "  Khó khăn về thiết bị  ")
    assert coerce(spec.field("t"), decomposed) == "Khó khăn về thiết bị"
    with pytest.raises(FieldError, match="Tối đa 4000 ký tự."):
        coerce(spec.field("t"), "x" * 4001)


def test_blank_values_are_absent():
    spec = form([field("a", "integer", required=True)])
    assert coerce(spec.field("a"), "  ") is None and coerce(spec.field("a"), None) is None


# ---------------------------------------------------------------- whole submissions

def docs_form():
    return form([field("received", "integer", required=True, min=0), field("on_time", "integer", min=0),
                 field("overdue", "integer", min=0), field("note", "text")],
                rules=[{"expr": "on_time + overdue <= received"}])


def test_a_draft_checks_only_what_is_there():
    values, errors = clean(docs_form(), {"on_time": "5"}, complete=False)
    assert values == {"on_time": 5} and errors == {}


def test_a_draft_refuses_values_that_do_not_fit_and_unknown_fields():
    _, errors = clean(docs_form(), {"on_time": "năm", "mystery": 1}, complete=False)
    assert errors == {"on_time": "Phải là số nguyên.", "mystery": validation.UNKNOWN}


def test_submitting_requires_required_fields_and_applies_rules():
    _, errors = clean(docs_form(), {"on_time": 8, "overdue": 3}, complete=True)
    assert errors == {"received": "Bắt buộc nhập."}
    _, errors = clean(docs_form(), {"received": 10, "on_time": 8, "overdue": 3}, complete=True)
    assert set(errors) == {"on_time", "overdue"}
    assert errors["on_time"] == ("“On time” + “Overdue” phải nhỏ hơn hoặc bằng “Received” (hiện 11 và 10).")
    values, errors = clean(docs_form(), {"received": 10, "on_time": 7, "overdue": 3, "note": ""}, complete=True)
    assert errors == {} and values == {"received": 10, "on_time": 7, "overdue": 3}


def test_a_rule_with_a_missing_side_is_not_judged():
    _, errors = clean(docs_form(), {"received": 1, "on_time": 5}, complete=True)
    assert errors == {}  # overdue is blank: the sum is unknown


def test_custom_rule_message_and_decimal_exactness():
    spec = form([field("a", "decimal"), field("b", "decimal"), field("c", "decimal")],
                rules=[{"expr": "a + b <= c", "message": "Tổng a và b vượt c."}])
    _, errors = clean(spec, {"a": "0,1", "b": "0,2", "c": "0,3"}, complete=True)
    assert errors == {}   # 0.1 + 0.2 == 0.3 in Decimal
    _, errors = clean(spec, {"a": "0,2", "b": "0,2", "c": "0,3"}, complete=True)
    assert errors == {"a": "Tổng a và b vượt c.", "b": "Tổng a và b vượt c."}


def test_seeded_cchc_form_catches_on_time_plus_overdue_above_received():
    spec = forms.build(seed.CCHC)
    values = cchc_values()
    assert clean(spec, values, complete=True)[1] == {}
    _, errors = clean(spec, {**values, "documents_on_time": 100, "documents_overdue": 30}, complete=True)
    assert "documents_on_time" in errors and "documents_overdue" in errors
    assert errors["documents_on_time"].startswith("Số văn bản xử lý đúng hạn")


def test_decimal_bounds_are_kept_exactly():
    spec = form([field("a", "decimal", min="0.5", max="2.25")])
    assert spec.field("a").min == Decimal("0.5") and spec.field("a").as_dict()["max"] == 2.25
