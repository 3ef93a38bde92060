"""A submission's life: a school drafts, its principal submits, the office approves
(locking the data) or returns it with a reason; the office may reopen an
approved submission of one unit. Pure rules, no I/O."""
from __future__ import annotations

from services.common.errors import InvalidTransition

NOT_STARTED = "not_started"   # no submission exists (only in board views)
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
REOPENED = "reopened"

STATUSES = (DRAFT, SUBMITTED, RETURNED, APPROVED, REOPENED)
EDITABLE = (DRAFT, RETURNED, REOPENED)
STATUS_LABELS = {
    NOT_STARTED: "Chưa thực hiện", DRAFT: "Đang soạn", SUBMITTED: "Đã gửi, chờ duyệt", RETURNED: "Bị trả lại",
    APPROVED: "Đã duyệt", REOPENED: "Mở lại để điều chỉnh",
}

SUBMIT, APPROVE, RETURN, REOPEN = "submit", "approve", "return", "reopen"
TRANSITIONS = {
    SUBMIT: {DRAFT: SUBMITTED, RETURNED: SUBMITTED, REOPENED: SUBMITTED},
    APPROVE: {SUBMITTED: APPROVED},
    RETURN: {SUBMITTED: RETURNED},
    REOPEN: {APPROVED: REOPENED},
}
ACTION_LABELS = {SUBMIT: "gửi", APPROVE: "duyệt", RETURN: "trả lại", REOPEN: "mở lại"}


def next_status(current: str, action: str) -> str:
    allowed = TRANSITIONS.get(action)
    if allowed is None:
        raise InvalidTransition(f"Thao tác không hợp lệ: {action}.")
    if current not in allowed:
        label = STATUS_LABELS.get(current, current)
        if current == APPROVED and action != REOPEN:
            raise InvalidTransition("Báo cáo đã được duyệt và khóa số liệu; cần Phòng mở lại để điều chỉnh.",
                                    {"status": current})
        raise InvalidTransition(f"Không thể {ACTION_LABELS[action]} báo cáo đang ở trạng thái “{label}”.",
                                {"status": current})
    return allowed[current]


def is_editable(status: str) -> bool:
    return status in EDITABLE


def has_submitted(row: dict | None) -> bool:
    """Submitted at least once (returned and reopened ones were too): what
    completeness counts and what mutes reminders."""
    return bool(row and row.get("first_submitted_at"))
