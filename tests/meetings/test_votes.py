"""Vote rules: options, ballots, thresholds and exact results."""
import pytest

from services.common.errors import ValidationFailed
from services.meetings.domain import votes


def yes_no(threshold="majority_of_present"):
    return votes.build_spec(votes.YES_NO, threshold=threshold)


def test_yes_no_has_the_three_standard_choices():
    spec = yes_no()
    assert [o["id"] for o in spec["options"]] == ["agree", "disagree", "abstain"]
    assert [o["label"] for o in spec["options"]] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert (spec["min_choices"], spec["max_choices"]) == (1, 1)


def test_custom_options_need_two_distinct_labels_and_sane_limits():
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.OPTIONS, ["Một"])
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.OPTIONS, ["A", "a"])
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.OPTIONS, ["A", "B", "C"], multiple=True, min_choices=3, max_choices=2)
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.OPTIONS, ["A", "B"], multiple=False, max_choices=2)
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.YES_NO, ["A", "B"])
    with pytest.raises(ValidationFailed):
        votes.build_spec(votes.YES_NO, threshold="most")
    spec = votes.build_spec(votes.OPTIONS, ["Phương án 1", "Phương án 2", "Phương án 3"], multiple=True,
                            min_choices=1, max_choices=2)
    assert [o["id"] for o in spec["options"]] == ["o1", "o2", "o3"]


def test_ballots_are_checked_against_the_spec():
    assert votes.check_ballot(yes_no(), ["agree"]) == ["agree"]
    assert votes.check_ballot(yes_no(), "disagree") == ["disagree"]
    for bad in (["agree", "disagree"], [], ["maybe"], None, ["agree", "agree"]):
        with pytest.raises(ValidationFailed):
            votes.check_ballot(yes_no(), bad)
    multi = votes.build_spec(votes.OPTIONS, ["A", "B", "C", "D"], multiple=True, min_choices=2, max_choices=3)
    assert votes.check_ballot(multi, ["o3", "o1"]) == ["o1", "o3"]
    assert votes.check_ballot(multi, ["o1", "o2", "o4"]) == ["o1", "o2", "o4"]
    with pytest.raises(ValidationFailed) as err:
        votes.check_ballot(multi, ["o1"])
    assert err.value.message == "Phải chọn từ 2 đến 3 phương án."
    with pytest.raises(ValidationFailed):
        votes.check_ballot(multi, ["o1", "o2", "o3", "o4"])
    blank_ok = votes.build_spec(votes.OPTIONS, ["A", "B"], multiple=True, min_choices=0, max_choices=1)
    assert votes.check_ballot(blank_ok, []) == []


@pytest.mark.parametrize("threshold, base, need", [
    ("majority_of_present", 10, 6), ("majority_of_present", 11, 6), ("majority_of_present", 1, 1),
    ("majority_of_all", 15, 8), ("two_thirds_of_all", 15, 10), ("two_thirds_of_all", 12, 8),
    ("two_thirds_of_present", 10, 7), ("majority_of_cast", 9, 5), ("majority_of_cast", 0, 1),
])
def test_required_counts_are_exact(threshold, base, need):
    assert votes.required(base, threshold) == need


def test_results_of_a_yes_no_vote_with_exact_percentages():
    res = votes.results(yes_no(), {"agree": 10, "disagree": 1, "abstain": 1}, ballots=12, present=12, total=15)
    agree = res["options"][0]
    assert agree["count"] == 10
    assert agree["percent_of_present"] == 83.33 and agree["percent_of_all"] == 66.67
    assert agree["percent_of_cast"] == 83.33
    assert res["passed"] is True and res["adopted"] == ["agree"] and res["required"] == 7
    assert res["not_voted"] == 0
    assert "Tán thành: 10/12 đại biểu có mặt (83,33%), 10/15 tổng số đại biểu (66,67%)" in res["summary"]
    assert res["summary"].endswith("Kết quả: Thông qua (quá nửa số đại biểu có mặt).")


def test_half_is_not_more_than_half():
    res = votes.results(yes_no(), {"agree": 6, "disagree": 6}, ballots=12, present=12, total=12)
    assert res["passed"] is False and "Không thông qua" in res["summary"]


def test_the_same_count_passes_or_fails_by_threshold():
    tally = {"agree": 8, "disagree": 2, "abstain": 0}
    assert votes.results(yes_no("majority_of_present"), tally, 10, 10, 15)["passed"] is True
    assert votes.results(yes_no("majority_of_all"), tally, 10, 10, 15)["passed"] is True
    assert votes.results(yes_no("two_thirds_of_all"), tally, 10, 10, 15)["passed"] is False
    assert votes.results(yes_no("two_thirds_of_present"), tally, 10, 10, 15)["passed"] is True


def test_members_present_who_did_not_vote_count_against_a_majority_of_present():
    res = votes.results(yes_no(), {"agree": 5, "disagree": 0, "abstain": 0}, ballots=5, present=10, total=10)
    assert res["passed"] is False and res["not_voted"] == 5
    assert votes.results(yes_no("majority_of_cast"), {"agree": 5}, 5, 10, 10)["passed"] is True


def test_no_quorum_means_no_decision():
    res = votes.results(yes_no(), {"agree": 3}, ballots=3, present=3, total=10, quorum_reached=False)
    assert res["passed"] is False
    assert "Không đủ túc số" in res["summary"]


def test_multiple_choice_adopts_every_option_over_the_threshold():
    spec = votes.build_spec(votes.OPTIONS, ["An", "Bình", "Chi"], multiple=True, min_choices=1, max_choices=2,
                            threshold="majority_of_present")
    res = votes.results(spec, {"o1": 7, "o2": 6, "o3": 2}, ballots=9, present=10, total=12)
    assert res["adopted"] == ["o1", "o2"] and res["passed"] is True
    assert [o["percent_of_cast"] for o in res["options"]] == [77.78, 66.67, 22.22]
    assert "Đạt: An, Bình" in res["summary"]


def test_percentages_round_half_up_on_exact_fractions():
    from services.meetings.domain.wording import percent, percent_text
    assert percent(1, 8) == 12.5 and percent(1, 3) == 33.33 and percent(2, 3) == 66.67
    assert percent(12345, 100000) == 12.35   # 12.345 exactly, half up
    assert percent(1, 0) is None
    assert percent_text(83.33) == "83,33%" and percent_text(None) == "—"
