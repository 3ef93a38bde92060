"""Votes (biểu quyết): options, ballots, thresholds and exact results.

A vote is either agree / disagree / abstain, or custom options chosen singly or
several at once (between ``min_choices`` and ``max_choices``). One ballot per
seat (see ``delegation``). Counting is integer arithmetic; percentages are
exact fractions rounded half-up to two decimals only for display.

Secret votes: the service keeps who voted (a receipt per seat) and the counters
per option, never a record joining the two — see ``services.meetings.entrypoints.voting``.
"""
from __future__ import annotations

from services.common.errors import ValidationFailed

from .wording import percent, percent_text

YES_NO, OPTIONS = "yes_no", "options"
AGREE, DISAGREE, ABSTAIN = "agree", "disagree", "abstain"
YES_NO_OPTIONS = ({"id": AGREE, "label": "Tán thành"}, {"id": DISAGREE, "label": "Không tán thành"},
                  {"id": ABSTAIN, "label": "Không biểu quyết"})
MAX_OPTIONS = 50
OPEN, CLOSED = "open", "closed"

PRESENT, ALL, CAST = "present", "all", "cast"
BASE_LABELS = {PRESENT: "đại biểu có mặt", ALL: "tổng số đại biểu", CAST: "phiếu biểu quyết"}
# name -> (base, numerator, denominator, strictly more than, label)
THRESHOLDS = {
    "majority_of_present": (PRESENT, 1, 2, True, "Quá nửa số đại biểu có mặt"),
    "majority_of_all": (ALL, 1, 2, True, "Quá nửa tổng số đại biểu"),
    "two_thirds_of_present": (PRESENT, 2, 3, False, "Ít nhất hai phần ba số đại biểu có mặt"),
    "two_thirds_of_all": (ALL, 2, 3, False, "Ít nhất hai phần ba tổng số đại biểu"),
    "majority_of_cast": (CAST, 1, 2, True, "Quá nửa số phiếu biểu quyết"),
}


def check_threshold(threshold: str) -> str:
    if threshold not in THRESHOLDS:
        raise ValidationFailed("Ngưỡng thông qua không hợp lệ.", {"threshold": "invalid"})
    return threshold


def build_spec(kind: str, labels: list[str] | None = None, multiple: bool = False,
               min_choices: int | None = None, max_choices: int | None = None,
               threshold: str = "majority_of_present") -> dict:
    """The options and limits of a new vote, checked."""
    check_threshold(threshold)
    if kind == YES_NO:
        if labels or multiple:
            raise ValidationFailed("Biểu quyết tán thành/không tán thành không có phương án riêng.",
                                   {"options": "not_allowed"})
        return {"kind": YES_NO, "options": [dict(o) for o in YES_NO_OPTIONS], "multiple": False,
                "min_choices": 1, "max_choices": 1, "threshold": threshold}
    if kind != OPTIONS:
        raise ValidationFailed("Loại biểu quyết không hợp lệ.", {"kind": "invalid"})
    labels = [label.strip() for label in labels or [] if label and label.strip()]
    if len(labels) < 2:
        raise ValidationFailed("Cần ít nhất hai phương án.", {"options": "too_few"})
    if len(labels) > MAX_OPTIONS:
        raise ValidationFailed(f"Tối đa {MAX_OPTIONS} phương án.", {"options": "too_many"})
    if len({label.casefold() for label in labels}) != len(labels):
        raise ValidationFailed("Các phương án không được trùng nhau.", {"options": "duplicate"})
    n = len(labels)
    if multiple:
        lo = 1 if min_choices is None else min_choices
        hi = n if max_choices is None else max_choices
        if not (0 <= lo <= hi <= n) or hi < 1:
            raise ValidationFailed(f"Số lựa chọn phải thỏa 0 ≤ tối thiểu ≤ tối đa ≤ {n} và tối đa ≥ 1.",
                                   {"max_choices": "invalid"})
    else:
        if min_choices not in (None, 1) or max_choices not in (None, 1):
            raise ValidationFailed("Biểu quyết chọn một phương án: đúng một lựa chọn.", {"max_choices": "invalid"})
        lo = hi = 1
    # ids are short and safe as MongoDB field names (the secret tally is {id: count})
    options = [{"id": f"o{i + 1}", "label": label} for i, label in enumerate(labels)]
    return {"kind": OPTIONS, "options": options, "multiple": bool(multiple), "min_choices": lo,
            "max_choices": hi, "threshold": threshold}


def check_ballot(spec: dict, choices) -> list[str]:
    """The ballot's option ids (sorted, each once) if valid for ``spec``."""
    if isinstance(choices, str):
        choices = [choices]
    if not isinstance(choices, (list, tuple)):
        raise ValidationFailed("Phiếu biểu quyết không hợp lệ.", {"choices": "invalid"})
    ids = [str(c) for c in choices]
    known = {o["id"] for o in spec["options"]}
    if any(c not in known for c in ids):
        raise ValidationFailed("Phương án không có trong phiếu.", {"choices": "unknown_option"})
    if len(set(ids)) != len(ids):
        raise ValidationFailed("Mỗi phương án chỉ được chọn một lần.", {"choices": "duplicate"})
    lo, hi = spec["min_choices"], spec["max_choices"]
    if not lo <= len(ids) <= hi:
        if lo == hi:
            message = f"Phải chọn đúng {lo} phương án."
        else:
            message = f"Phải chọn từ {lo} đến {hi} phương án."
        raise ValidationFailed(message, {"choices": "count"})
    return sorted(ids)


def required(base_count: int, threshold: str) -> int:
    """The smallest count that meets ``threshold`` on a base of ``base_count``."""
    _, num, den, strict, _ = THRESHOLDS[threshold]
    if strict:
        return base_count * num // den + 1
    return -(-base_count * num // den)


def results(spec: dict, tally: dict, ballots: int, present: int, total: int, quorum_reached: bool = True) -> dict:
    """Exact results of a closed vote.

    ``tally``: option id -> count; ``ballots``: ballots cast (a multiple-choice
    ballot adds one to each option it marks, and one here); ``present``/``total``:
    represented / all voting seats when the vote closed. A vote passes — for
    options: an option is adopted — when its count reaches the threshold on its
    base, and only if the quorum was reached."""
    base_name, *_ , label = THRESHOLDS[spec["threshold"]]
    base = {PRESENT: present, ALL: total, CAST: ballots}[base_name]
    need = required(base, spec["threshold"])
    rows = []
    for option in spec["options"]:
        count = int(tally.get(option["id"], 0))
        rows.append({"id": option["id"], "label": option["label"], "count": count,
                     "percent_of_present": percent(count, present), "percent_of_all": percent(count, total),
                     "percent_of_cast": percent(count, ballots),
                     "meets_threshold": quorum_reached and base > 0 and count >= need})
    if spec["kind"] == YES_NO:
        adopted = [AGREE] if rows[0]["meets_threshold"] else []
    else:
        adopted = [r["id"] for r in rows if r["meets_threshold"]]
    out = {"ballots": ballots, "present_seats": present, "total_seats": total,
           "not_voted": max(present - ballots, 0), "options": rows,
           "threshold": spec["threshold"], "threshold_label": label, "threshold_base": base_name,
           "required": need, "quorum_reached": quorum_reached, "adopted": adopted, "passed": bool(adopted)}
    out["summary"] = summary(spec, out)
    return out


def summary(spec: dict, res: dict) -> str:
    """One line people read in the room and in the minutes."""
    parts = []
    for row in res["options"]:
        parts.append(f"{row['label']}: {row['count']}/{res['present_seats']} đại biểu có mặt "
                     f"({percent_text(row['percent_of_present'])}), "
                     f"{row['count']}/{res['total_seats']} tổng số đại biểu ({percent_text(row['percent_of_all'])})")
    if not res["quorum_reached"]:
        verdict = "Không đủ túc số, kết quả không có giá trị"
    elif spec["kind"] == YES_NO:
        verdict = "Thông qua" if res["passed"] else "Không thông qua"
    else:
        names = [r["label"] for r in res["options"] if r["id"] in res["adopted"]]
        verdict = ("Đạt: " + ", ".join(names)) if names else "Không có phương án đạt"
    return "; ".join(parts) + f". Kết quả: {verdict} ({res['threshold_label'].lower()})."
