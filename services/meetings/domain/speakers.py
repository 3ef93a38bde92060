"""The list of speakers on an agenda item (OpenSlides' model).

    waiting ──call──► called ──start──► speaking ──stop──► done
       └──────────start────────────┘
    waiting/called ──withdraw──► withdrawn

Only one person speaks at a time in a meeting: starting a speaker stops the one
speaking. Spoken time is measured from start to stop, in whole seconds.
"""
from __future__ import annotations

from datetime import datetime

from services.common.errors import InvalidTransition, ValidationFailed

WAITING, CALLED, SPEAKING, DONE, WITHDRAWN = "waiting", "called", "speaking", "done", "withdrawn"
STATUS_LABELS = {WAITING: "Đăng ký", CALLED: "Được mời phát biểu", SPEAKING: "Đang phát biểu",
                 DONE: "Đã phát biểu", WITHDRAWN: "Rút đăng ký"}
QUEUED = (WAITING, CALLED)

TRANSITIONS = {
    "call": {WAITING: CALLED},
    "start": {WAITING: SPEAKING, CALLED: SPEAKING},
    "stop": {SPEAKING: DONE},
    "withdraw": {WAITING: WITHDRAWN, CALLED: WITHDRAWN},
}
ACTION_LABELS = {"call": "mời phát biểu", "start": "bắt đầu phát biểu", "stop": "dừng phát biểu",
                 "withdraw": "rút đăng ký"}


def next_status(current: str, action: str) -> str:
    allowed = TRANSITIONS[action]
    if current not in allowed:
        raise InvalidTransition(f"Không thể {ACTION_LABELS[action]}: lượt phát biểu đang ở trạng thái "
                                f"“{STATUS_LABELS.get(current, current)}”.", {"status": current})
    return allowed[current]


def check_order(queued_ids: list[str], new_order: list[str]) -> list[str]:
    """A new order must list exactly the speakers still queued, each once."""
    if len(set(new_order)) != len(new_order) or set(new_order) != set(queued_ids):
        raise ValidationFailed("Thứ tự mới phải gồm đúng những người đang chờ phát biểu.", {"speaker_ids": "mismatch"})
    return list(new_order)


def next_to_call(entries: list[dict]) -> dict | None:
    """The first waiting speaker by position."""
    waiting = sorted((e for e in entries if e["status"] == WAITING), key=lambda e: e["position"])
    return waiting[0] if waiting else None


def spoken_seconds(started_at: datetime, ended_at: datetime) -> int:
    return max(int((ended_at - started_at).total_seconds()), 0)
