"""Meeting kinds, statuses and the transitions between them, and time checks.

    scheduled ──send invitations──► invited ──start──► in_progress ──end──► ended ──approve minutes──► published
        └───────────── cancel (with a reason) ─────────────┘ (before it starts)
"""
from __future__ import annotations

from datetime import datetime, timedelta

from services.common.errors import InvalidTransition, ValidationFailed

KINDS = {
    "giao_ban": "Họp giao ban",
    "chuyen_de": "Họp chuyên đề",
    "hoi_nghi": "Hội nghị",
    "hoi_thao": "Hội thảo",
    "tap_huan": "Tập huấn",
    "hoi_dong": "Họp hội đồng",
    "khac": "Cuộc họp",
}

SCHEDULED, INVITED, IN_PROGRESS, ENDED, PUBLISHED, CANCELLED = (
    "scheduled", "invited", "in_progress", "ended", "published", "cancelled")
STATUS_LABELS = {SCHEDULED: "Đã lên lịch", INVITED: "Đã gửi giấy mời", IN_PROGRESS: "Đang họp",
                 ENDED: "Đã kết thúc", PUBLISHED: "Đã ban hành kết luận", CANCELLED: "Đã hủy"}

TRANSITIONS = {
    "invite": {SCHEDULED: INVITED, INVITED: INVITED},   # invitations may be sent again after a change
    "start": {SCHEDULED: IN_PROGRESS, INVITED: IN_PROGRESS},
    "end": {IN_PROGRESS: ENDED},
    "publish": {ENDED: PUBLISHED},
    "cancel": {SCHEDULED: CANCELLED, INVITED: CANCELLED},
}
ACTION_LABELS = {"invite": "gửi giấy mời", "start": "bắt đầu", "end": "kết thúc",
                 "publish": "ban hành kết luận", "cancel": "hủy"}

# What may still change in each status.
EDITABLE = (SCHEDULED, INVITED)                    # time, place, participants
AGENDA_EDITABLE = (SCHEDULED, INVITED, IN_PROGRESS)
LIVE = (SCHEDULED, INVITED, IN_PROGRESS)           # responses, delegation, materials, check-in
RECORDING = (IN_PROGRESS, ENDED)                   # conclusions, minutes
OPINIONS_OPEN = (SCHEDULED, INVITED, IN_PROGRESS, ENDED)

MAX_DURATION = timedelta(days=5)
PAST_TOLERANCE = timedelta(minutes=5)


def next_status(current: str, action: str) -> str:
    allowed = TRANSITIONS[action]
    if current not in allowed:
        raise InvalidTransition(
            f"Không thể {ACTION_LABELS[action]} cuộc họp đang ở trạng thái “{STATUS_LABELS.get(current, current)}”.",
            {"status": current})
    return allowed[current]


def require_status(current: str, allowed: tuple, doing: str) -> None:
    """``doing`` reads after "Không thể": "sửa cuộc họp"."""
    if current not in allowed:
        raise InvalidTransition(
            f"Không thể {doing} khi cuộc họp ở trạng thái “{STATUS_LABELS.get(current, current)}”.",
            {"status": current})


def check_times(starts_at: datetime, ends_at: datetime, now: datetime, new: bool = True) -> None:
    """A meeting ends after it starts, lasts at most five days, and is not
    scheduled (or moved) into the past."""
    if ends_at <= starts_at:
        raise ValidationFailed("Giờ kết thúc phải sau giờ bắt đầu.", {"ends_at": "before_start"})
    if ends_at - starts_at > MAX_DURATION:
        raise ValidationFailed("Một cuộc họp kéo dài tối đa 5 ngày.", {"ends_at": "too_long"})
    if starts_at < now - PAST_TOLERANCE:
        field = "starts_at"
        raise ValidationFailed("Không thể đặt lịch họp vào thời điểm đã qua." if new
                               else "Không thể dời cuộc họp về thời điểm đã qua.", {field: "past"})


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end
