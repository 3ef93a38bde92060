"""Written opinions (lấy ý kiến bằng văn bản): a draft circulated with a deadline;
each recipient agrees, or disagrees with comments; the secretary consolidates."""
from __future__ import annotations

from datetime import datetime

from services.common.errors import InvalidTransition, ValidationFailed

from .wording import clock_time, day_text, percent

OPEN, CLOSED = "open", "closed"


def check_deadline(deadline: datetime, now: datetime) -> None:
    if deadline <= now:
        raise ValidationFailed("Hạn góp ý phải sau thời điểm hiện tại.", {"deadline": "past"})


def check_answer(status: str, deadline: datetime, now: datetime, agree: bool, comment: str | None) -> None:
    if status != OPEN or now > deadline:
        raise InvalidTransition(f"Đã hết hạn góp ý ({clock_time(deadline)}, {day_text(deadline)}).")
    if not agree and not (comment or "").strip():
        raise ValidationFailed("Không đồng ý thì cần nêu ý kiến góp ý.", {"comment": "required"})


def consolidate(recipients: list[dict], answers: list[dict]) -> dict:
    """Who answered, who did not, and the comments, in the recipients' order.
    ``recipients``: [{user_id, full_name, ...}]; ``answers``: [{user_id, agree, comment, answered_at}]."""
    by_user = {a["user_id"]: a for a in answers}
    rows, missing = [], []
    for person in recipients:
        answer = by_user.get(person["user_id"])
        if answer is None:
            missing.append(person)
            continue
        rows.append({**person, "agree": answer["agree"], "comment": answer.get("comment"),
                     "answered_at": answer.get("answered_at")})
    agree = sum(1 for r in rows if r["agree"])
    return {"expected": len(recipients), "answered": len(rows), "agree": agree, "disagree": len(rows) - agree,
            "percent_agree": percent(agree, len(rows)), "answers": rows, "missing": missing,
            "comments": [{"user_id": r["user_id"], "full_name": r.get("full_name"), "agree": r["agree"],
                          "comment": r["comment"]} for r in rows if r.get("comment")]}
