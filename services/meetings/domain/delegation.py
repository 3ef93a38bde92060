"""Delegation (ủy quyền): a participant authorises another person to attend — and,
for a voting member, to vote — in their place.

Rules (the e-Cabinet model):
- a voting right is a *seat*, keyed by the member's user id; a mandate moves the
  seat's use to the delegate, so member and delegate can never both vote: every
  ballot is receipted per (vote, seat);
- one active mandate per member; a mandate cannot be chained (a delegate cannot
  pass on what they hold, and someone holding another's mandate cannot delegate
  their own place and strand it); the chair and the secretary run the meeting
  and cannot delegate;
- a mandate is revocable until used, i.e. until a vote has been cast with it.
"""
from __future__ import annotations

from services.common.errors import Conflict, PermissionDenied, ValidationFailed

from .participants import CHAIR, DELEGATE, SECRETARY

ACTIVE, REVOKED = "active", "revoked"


def slot(meeting_id: str, member_id: str) -> str:
    """The value of ``Mandate.active_slot`` while a mandate is active: unique, so a
    member can hold only one active mandate even under concurrent requests."""
    return f"{meeting_id}:{member_id}"


def revoked_slot(mandate_id: str) -> str:
    """A revoked mandate frees the slot (and keeps a unique value of its own)."""
    return f"revoked:{mandate_id}"


def check_grant(member: dict | None, delegate_id: str, mandates: list[dict], max_per_delegate: int) -> None:
    """May ``member`` (a participant row) authorise ``delegate_id``? ``mandates`` are
    the meeting's active mandates. The chair or secretary may *hold* a mandate."""
    if member is None:
        raise PermissionDenied("Chỉ người được mời họp mới có thể ủy quyền.")
    if member["role"] in (CHAIR, SECRETARY):
        raise PermissionDenied("Chủ trì và thư ký không thể ủy quyền; hãy đổi người chủ trì/thư ký.")
    if member["role"] == DELEGATE:
        raise PermissionDenied("Người được ủy quyền không thể ủy quyền tiếp cho người khác.")
    if delegate_id == member["user_id"]:
        raise ValidationFailed("Không thể tự ủy quyền cho chính mình.", {"delegate_id": "self"})
    for m in mandates:
        if m["member_id"] == member["user_id"]:
            raise Conflict("Bạn đã ủy quyền cho người khác; hãy thu hồi trước khi ủy quyền lại.",
                           {"mandate_id": m["mandate_id"]})
        if m["delegate_id"] == member["user_id"]:
            raise Conflict("Bạn đang nhận ủy quyền của người khác nên không thể ủy quyền tiếp.",
                           {"mandate_id": m["mandate_id"]})
    if any(m["member_id"] == delegate_id for m in mandates):
        raise ValidationFailed("Người này đã ủy quyền cho người khác, không thể nhận ủy quyền.",
                               {"delegate_id": "delegated"})
    held = sum(1 for m in mandates if m["delegate_id"] == delegate_id)
    if max_per_delegate and held >= max_per_delegate:
        raise ValidationFailed(f"Mỗi người chỉ được nhận tối đa {max_per_delegate} ủy quyền trong một cuộc họp.",
                               {"delegate_id": "too_many_mandates"})


def check_revoke(mandate: dict | None) -> None:
    if mandate is None or mandate["status"] != ACTIVE:
        raise Conflict("Không có ủy quyền nào đang hiệu lực để thu hồi.")
    if mandate.get("used"):
        raise Conflict("Ủy quyền đã được sử dụng để biểu quyết, không thể thu hồi.")


def seats_of(user_id: str, participant: dict | None, mandates: list[dict]) -> list[str]:
    """The seats ``user_id`` votes for: their own (if they hold a voting seat that
    is not delegated away) and each seat whose mandate they hold."""
    active = [m for m in mandates if m["status"] == ACTIVE]
    seats = []
    if participant and participant.get("voting") and not any(m["member_id"] == user_id for m in active):
        seats.append(user_id)
    seats += [m["member_id"] for m in active if m["delegate_id"] == user_id]
    return seats


def holder_of(seat: str, mandates: list[dict]) -> str:
    """Who votes for ``seat``: the delegate of its active mandate, else the member."""
    for m in mandates:
        if m["status"] == ACTIVE and m["member_id"] == seat:
            return m["delegate_id"]
    return seat
