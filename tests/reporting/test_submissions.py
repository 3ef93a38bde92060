"""A school's report from draft to submission, and the office's forms: field
errors, who may do what, attachments in S3, form versions."""
import hashlib
import io

import pytest

from services.reporting.exceptions import (Conflict, FormNotFound, InvalidTransition, NotFound, PermissionDenied,
                                           ValidationFailed)
from tests.integration.district import seed
from tests.integration.helpers import events_emitted

from .helpers import cchc_values, download, fill

pytestmark = pytest.mark.integration

SIMPLE = {
    "code": "TUYENSINH", "title": "Báo cáo tuyển sinh", "period_types": ["yearly"], "assigned_kinds": ["MN"],
    "deadline": {"day": 10, "month_offset": 0},
    "sections": [{"code": "I", "title": "Tuyển sinh lớp mẫu giáo 5 tuổi", "fields": [
        {"code": "planned", "label": "Chỉ tiêu tuyển sinh", "type": "integer", "required": True, "min": 0},
        {"code": "enrolled", "label": "Số học sinh đã tuyển", "type": "integer", "required": True, "min": 0},
        {"code": "note", "label": "Ghi chú", "type": "text"}]}],
    "rules": [{"expr": "enrolled <= planned"}],
}


@pytest.fixture
def district(services, rpc):
    d = seed(rpc, schools=4)
    rpc.reporting.install_seed_forms(d.actor(d.office, "lanhdao"))
    return d


def test_field_errors_are_returned_per_field(district, rpc, freeze):
    freeze("2026-03-16 09:00")
    school = district.schools[0]
    specialist, principal = district.actor(school, "cv1"), district.actor(school, "lanhdao")
    sub = rpc.reporting.open_submission(specialist, "CCHC", "2026-Q1")
    assert sub["status"] == "draft" and sub["form"]["code"] == "CCHC" and sub["problems"]["tasks_planned"]

    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.save_draft(specialist, sub["submission_id"], {
            "tasks_planned": "mười", "digital_signature_rate": 120, "plan_issued": "có lẽ", "nope": 1})
    assert err.value.fields == {"tasks_planned": "Phải là số nguyên.", "digital_signature_rate": "Không được lớn hơn 100.",
                                "plan_issued": "Chọn Có hoặc Không.", "nope": "Chỉ tiêu không có trong biểu mẫu."}

    # a draft may be incomplete and break rules; submitting may not
    draft = rpc.reporting.save_draft(specialist, sub["submission_id"], {"tasks_planned": "5", "tasks_done": 7})
    assert draft["values"] == {"tasks_planned": 5, "tasks_done": 7}
    assert draft["problems"]["tasks_done"] == "Số nhiệm vụ đã hoàn thành không được vượt số nhiệm vụ theo kế hoạch."
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.submit(principal, sub["submission_id"])
    assert err.value.fields["tasks_done"].startswith("Số nhiệm vụ đã hoàn thành")
    assert err.value.fields["documents_received"] == "Bắt buộc nhập."

    # inline checking, nothing stored
    check = rpc.reporting.check_values(specialist, "CCHC", {"documents_received": 10, "documents_on_time": 9,
                                                            "documents_overdue": 3}, complete=False)
    assert check["valid"] is True and check["errors"] == {}            # a draft check skips the rules
    check = rpc.reporting.check_values(specialist, "CCHC", cchc_values(1))
    assert check["valid"] is True

    # a blank value clears a field
    cleared = rpc.reporting.save_draft(specialist, sub["submission_id"], {"tasks_done": ""})
    assert "tasks_done" not in cleared["values"]


def test_who_does_what_on_a_schools_report(district, rpc, freeze):
    freeze("2026-03-16 09:00")
    school, other = district.schools[0], district.schools[1]
    clerk = district.actor(school, "vanthu")
    with pytest.raises(PermissionDenied):
        rpc.reporting.open_submission(clerk, "CCHC", "2026-Q1")          # a văn thư does not fill reports
    sub = fill(rpc, district, school, cchc_values(0))
    with pytest.raises(PermissionDenied):
        rpc.reporting.submit(district.actor(school, "cv1"), sub["submission_id"])   # only the principal submits
    with pytest.raises(NotFound):
        rpc.reporting.save_draft(district.actor(other, "cv1"), sub["submission_id"], {"tasks_done": 1})
    with pytest.raises(FormNotFound):   # a form the office collects from other kinds of school only
        rpc.reporting.open_submission(district.actor(school, "cv1"), "NOPE", "2026-Q1")
    submitted = rpc.reporting.submit(district.actor(school, "lanhdao"), sub["submission_id"])
    with pytest.raises(InvalidTransition):
        rpc.reporting.save_draft(district.actor(school, "cv1"), sub["submission_id"], {"tasks_done": 1})
    with pytest.raises(InvalidTransition):
        rpc.reporting.submit(district.actor(school, "lanhdao"), sub["submission_id"])
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.return_submission(district.actor(district.office, "cv1"), sub["submission_id"], "")
    assert err.value.fields == {"reason": "required"}
    assert submitted["status"] == "submitted"
    # the school sees its own list; the office sees all of its forms' submissions
    assert rpc.reporting.list_submissions(district.actor(other, "lanhdao"))["total"] == 0
    assert rpc.reporting.list_submissions(district.actor(district.office, "vanthu"))["total"] == 1


def test_periods_outside_the_schedule_or_not_started_are_refused(district, rpc, freeze):
    freeze("2026-03-16 09:00")
    specialist = district.actor(district.schools[0], "cv1")
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.open_submission(specialist, "CCHC", "2026-Q2")      # the 6-month report replaces Q2
    assert err.value.fields == {"period_id": "not_in_schedule"}
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.open_submission(specialist, "CCHC", "2026-Q3")      # its window opens on 15 June
    assert err.value.fields == {"period_id": "not_started"}
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.open_submission(specialist, "CCHC", "2026-Q9")
    assert err.value.fields == {"period_id": "invalid"}


def test_forms_installed_mid_year_ask_only_for_what_is_due_from_then(services, rpc, freeze):
    d = seed(rpc, schools=1)
    rpc.reporting.install_seed_forms(d.actor(d.office, "lanhdao"), "2026-11-27")
    freeze("2026-11-27 09:00")
    rows = rpc.reporting.my_reports(d.actor(d.schools[0], "cv1"))
    # December's monthly report and the yearly one (both due on 25 December) are in their last month
    assert {(r["form_code"], r["period"]["id"]) for r in rows} == {("HDTHANG", "2026-M12"), ("CCHC", "2026-Y")}
    assert not any(r["overdue"] for r in rows)
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.open_submission(d.actor(d.schools[0], "cv1"), "HDTHANG", "2026-M10")
    assert err.value.fields == {"period_id": "not_in_schedule"}


def test_my_reports_lists_due_overdue_and_submitted(district, rpc, freeze):
    school = district.schools[0]
    freeze("2026-03-20 09:00")
    fill(rpc, district, school, cchc_values(0))
    rows = rpc.reporting.my_reports(district.actor(school, "cv1"))
    by_key = {(r["form_code"], r["period"]["id"]): r for r in rows}
    assert by_key[("CCHC", "2026-Q1")]["status"] == "draft" and by_key[("CCHC", "2026-Q1")]["days_left"] == 5
    assert by_key[("HDTHANG", "2026-M02")]["overdue"] is True                  # due 25 Feb, nothing sent
    assert by_key[("HDTHANG", "2026-M03")]["overdue"] is False
    assert ("CCHC", "2026-Y") not in by_key                                   # far away yet
    assert [r["deadline"] for r in rows] == sorted(r["deadline"] for r in rows)


def test_attachments_stream_to_s3_and_are_checked(district, rpc, storage, freeze):
    freeze("2026-03-16 09:00")
    school = district.schools[0]
    specialist = district.actor(school, "cv1")
    sub = fill(rpc, district, school, cchc_values(0))
    content = b"%PDF-1.7\n" + b"bang ke " * 5000
    stored = storage.put_stream(io.BytesIO(content), "Bảng kê hồ sơ TTHC quý I.pdf", prefix="uploads")
    attachment = rpc.reporting.attach(specialist, sub["submission_id"], stored.as_dict())
    assert attachment["name"] == "Bảng kê hồ sơ TTHC quý I.pdf" and attachment["size"] == len(content)
    link = rpc.reporting.attachment_url(district.actor(district.office, "lanhdao"), sub["submission_id"],
                                        attachment["attachment_id"])
    assert hashlib.sha256(download(link["url"]).getvalue()).hexdigest() == stored.sha256

    # a lie about the size is refused and the upload removed
    lie = storage.put_stream(io.BytesIO(b"%PDF-1.7\nx"), "khac.pdf", prefix="uploads")
    with pytest.raises(ValidationFailed):
        rpc.reporting.attach(specialist, sub["submission_id"], {**lie.as_dict(), "size": 3})
    with pytest.raises(NotFound):
        storage.size_of(lie.key)
    with pytest.raises(ValidationFailed):
        rpc.reporting.attach(specialist, sub["submission_id"], {**stored.as_dict(), "key": "reports/x"})

    rpc.reporting.remove_attachment(specialist, sub["submission_id"], attachment["attachment_id"])
    assert rpc.reporting.get_submission(specialist, sub["submission_id"])["attachments"] == []
    with pytest.raises(NotFound):
        storage.size_of(stored.key)


def test_forms_are_versioned_and_submissions_keep_theirs(district, rpc, freeze):
    office = district.actor(district.office, "cv1")
    school, other = district.schools[0], district.schools[1]      # kindergartens (MN), as the form asks
    with pytest.raises(PermissionDenied):
        rpc.reporting.create_form(district.actor(school, "lanhdao"), SIMPLE)      # schools do not define forms
    with pytest.raises(ValidationFailed) as err:
        rpc.reporting.create_form(office, {**SIMPLE, "rules": [{"expr": "enrolled <= note"}]})
    assert "rules.0" in err.value.fields
    v1 = rpc.reporting.create_form(office, SIMPLE)
    assert v1["version"] == 1 and v1["owner_unit"] == district.office
    with pytest.raises(Conflict):
        rpc.reporting.create_form(office, SIMPLE)
    assert rpc.reporting.update_form(office, "TUYENSINH", SIMPLE)["version"] == 1   # unchanged: no new version

    freeze("2026-12-01 09:00")
    specialist, principal = district.actor(school, "cv1"), district.actor(school, "lanhdao")
    # submitted under version 1
    sub = rpc.reporting.open_submission(specialist, "TUYENSINH", "2026-Y")
    rpc.reporting.save_draft(specialist, sub["submission_id"], {"planned": 70, "enrolled": 68, "note": "Đủ lớp"})
    done = rpc.reporting.submit(principal, sub["submission_id"])
    assert done["late"] is False and done["deadline"] == "2026-12-10T16:59:59+00:00"

    v2_definition = {**SIMPLE, "deadline": {"day": 5, "month_offset": 0}, "sections": [
        {**SIMPLE["sections"][0], "fields": SIMPLE["sections"][0]["fields"][:2] + [
            {"code": "classes", "label": "Số lớp", "type": "integer", "required": True}]}]}
    v2 = rpc.reporting.update_form(office, "TUYENSINH", v2_definition)
    assert v2["version"] == 2 and [f["code"] for f in v2["sections"][0]["fields"]] == ["planned", "enrolled", "classes"]
    assert [e["data"]["version"] for e in events_emitted("reporting", "report.form_published")
            if e["data"]["form_code"] == "TUYENSINH"] == [1, 2]
    kept = rpc.reporting.get_submission(principal, sub["submission_id"])
    assert kept["form_version"] == 1 and kept["values"]["note"] == "Đủ lớp"         # unchanged by the edit
    assert [f["code"] for f in kept["form"]["sections"][0]["fields"]] == ["planned", "enrolled", "note"]
    assert rpc.reporting.get_form(office, "TUYENSINH", 1)["version"] == 1

    # a draft never submitted follows the new version: the dropped field goes, the deadline moves
    draft = rpc.reporting.open_submission(district.actor(other, "cv1"), "TUYENSINH", "2026-Y")
    assert draft["form_version"] == 2 and draft["deadline"] == "2026-12-05T16:59:59+00:00"
    assert draft["problems"]["classes"] == "Bắt buộc nhập."

    # an archived form is no longer listed to schools
    rpc.reporting.archive_form(office, "TUYENSINH")
    assert "TUYENSINH" not in [f["code"] for f in rpc.reporting.list_forms(specialist)]
    assert "TUYENSINH" in [f["code"] for f in rpc.reporting.list_forms(office, include_archived=True)]


def test_periods_of_a_form_and_of_a_type(district, rpc):
    office = district.actor(district.office, "cv1")
    periods = rpc.reporting.list_periods(office, form_code="CCHC", year=2027)
    assert [p["id"] for p in periods] == ["2027-Q1", "2027-H1", "2027-Q3", "2027-Y"]
    assert periods[1]["deadline"] == "2027-06-25T16:59:59+00:00" and periods[1]["label"] == "6 tháng đầu năm 2027"
    assert periods[1]["office_deadline"] == "2027-06-30T16:59:59+00:00"
    months = rpc.reporting.list_periods(office, period_type="monthly", year=2028)
    assert len(months) == 12 and months[1]["end"] == "2028-02-29"
    with pytest.raises(ValidationFailed):
        rpc.reporting.list_periods(office, period_type="weekly")
