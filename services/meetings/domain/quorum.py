"""Quorum: how many voting seats must be represented for the meeting to decide.

A seat (a chair's or member's voting right) is represented when its member is
present, or when the holder of its active mandate is present. Rules compare the
represented seats with all seats, exactly (integers, no floating point):
"majority" = more than half, "half" = at least half, "two_thirds" = at least
two thirds, "three_quarters" = at least three quarters.
"""
from __future__ import annotations

from services.common.errors import ValidationFailed

from .delegation import ACTIVE

# name -> (numerator, denominator, strictly more than, label)
RULES = {
    "majority": (1, 2, True, "Quá nửa tổng số đại biểu"),
    "half": (1, 2, False, "Ít nhất một nửa tổng số đại biểu"),
    "two_thirds": (2, 3, False, "Ít nhất hai phần ba tổng số đại biểu"),
    "three_quarters": (3, 4, False, "Ít nhất ba phần tư tổng số đại biểu"),
}


def check_rule(rule: str) -> str:
    if rule not in RULES:
        raise ValidationFailed("Quy tắc túc số không hợp lệ.", {"quorum_rule": "invalid"})
    return rule


def required(total: int, rule: str) -> int:
    """The smallest number of represented seats that satisfies ``rule``."""
    num, den, strict, _ = RULES[rule]
    if strict:
        return total * num // den + 1
    return -(-total * num // den)   # ceiling


def represented(seats: list[str], present: set[str], mandates: list[dict]) -> set[str]:
    """Seats whose member is present, or whose active mandate's holder is present."""
    holders = {m["member_id"]: m["delegate_id"] for m in mandates if m["status"] == ACTIVE}
    return {s for s in seats if s in present or holders.get(s) in present}


def status(total: int, present_seats: int, rule: str) -> dict:
    """The live quorum. A meeting without voting seats has nothing to decide:
    its quorum is trivially reached."""
    need = required(total, rule) if total else 0
    return {"rule": rule, "rule_label": RULES[rule][3], "total_seats": total, "present_seats": present_seats,
            "required": need, "reached": present_seats >= need}
