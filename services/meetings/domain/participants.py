"""Who takes part in a meeting, in which role, and with which rights.

A person appears once per meeting, in the strongest role they were named in
(chair > secretary > member > guest). Voting rights belong to the chair and the
members; a secretary votes only when also named a member; guests never vote;
a delegate (người được ủy quyền) votes only through the mandate they hold.
"""
from __future__ import annotations

from services.common.errors import ValidationFailed

CHAIR, SECRETARY, MEMBER, GUEST, DELEGATE = "chair", "secretary", "member", "guest", "delegate"
ROLE_LABELS = {CHAIR: "Chủ trì", SECRETARY: "Thư ký", MEMBER: "Đại biểu", GUEST: "Khách mời",
               DELEGATE: "Người được ủy quyền"}
_PRECEDENCE = (CHAIR, SECRETARY, MEMBER, GUEST, DELEGATE)

PENDING, ATTEND, DECLINE, DELEGATED = "pending", "attend", "decline", "delegate"
RESPONSE_LABELS = {PENDING: "Chưa trả lời", ATTEND: "Tham dự", DECLINE: "Không tham dự",
                   DELEGATED: "Ủy quyền"}

# The unit kinds of schools, for "all principals" (every leader of every school).
SCHOOL_KINDS = ("MN", "TH", "TH&THCS", "THCS")
MAX_PARTICIPANTS = 2000


def person_ref_problem(user_id: str | None, unit_code: str | None, unit_kinds: list | None,
                       role: str | None) -> str | None:
    """Why an invitee reference (one user, a unit, or unit kinds) is malformed; None if it is not."""
    if len([x for x in (user_id, unit_code, unit_kinds) if x]) != 1:
        return "Chỉ định đúng một trong: người dùng, đơn vị, loại đơn vị."
    if user_id and role:
        return "Vai trò chỉ dùng khi mời theo đơn vị."
    return None


def merge(chair: dict, secretary: dict | None, members: list[dict], guests: list[dict]) -> list[dict]:
    """The participant rows of a meeting from directory users (``user_id``,
    ``full_name``, ``position``, ``unit_code``). Each person once, in their
    strongest role; ``voting`` for the chair and anyone named a member."""
    named: dict[str, dict] = {}
    member_ids = {m["user_id"] for m in members}

    def put(user: dict, role: str) -> None:
        current = named.get(user["user_id"])
        if current is None or _PRECEDENCE.index(role) < _PRECEDENCE.index(current["role"]):
            named[user["user_id"]] = {
                "user_id": user["user_id"], "full_name": user.get("full_name") or "",
                "position": user.get("position") or "", "unit_code": user.get("unit_code") or "",
                "role": role}

    put(chair, CHAIR)
    if secretary:
        put(secretary, SECRETARY)
    for user in members:
        put(user, MEMBER)
    for user in guests:
        put(user, GUEST)
    if len(named) > MAX_PARTICIPANTS:
        raise ValidationFailed(f"Tối đa {MAX_PARTICIPANTS} người tham dự một cuộc họp.",
                               {"members": "too_many"})
    rows = list(named.values())
    for row in rows:
        row["named_member"] = row["user_id"] in member_ids
        row["voting"] = row["role"] == CHAIR or row["named_member"]
    return rows


def demoted_role(named_member: bool) -> str | None:
    """What a replaced chair or secretary becomes: a member if they were also
    named one, otherwise they leave the meeting (None)."""
    return MEMBER if named_member else None


def can_vote_in_person(participant: dict | None) -> bool:
    """The person holds a voting seat of their own (chair or member)."""
    return bool(participant and participant.get("voting"))


def check_response(participant: dict, answer: str, reason: str | None) -> None:
    """Attend or decline (with a reason). Delegating is its own command because it
    needs the delegate; the chair and the secretary run the meeting and cannot decline."""
    if answer not in (ATTEND, DECLINE):
        raise ValidationFailed("Trả lời phải là tham dự hoặc không tham dự (hoặc ủy quyền).",
                               {"answer": "invalid"})
    if answer == DECLINE:
        if participant["role"] in (CHAIR, SECRETARY):
            raise ValidationFailed("Chủ trì và thư ký không thể từ chối; hãy đổi người chủ trì/thư ký.",
                                   {"answer": "role"})
        if not (reason or "").strip():
            raise ValidationFailed("Cần nêu lý do không tham dự.", {"reason": "required"})
