"""The agenda (chương trình họp): ordered items, and their materials.

A material (tài liệu họp) is submitted by the item's presenter (or the
secretary/chair) and approved by the secretary or chair before participants see
it. Replacing it adds a version; old versions are kept. Participants see the
latest approved version; the presenter and the meeting's operators see all.
"""
from __future__ import annotations

from services.common.errors import InvalidTransition, ValidationFailed

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
MATERIAL_LABELS = {PENDING: "Chờ duyệt", APPROVED: "Đã duyệt", REJECTED: "Không duyệt"}
MAX_ITEMS = 100
MAX_VERSIONS = 50


def check_order(current_ids: list[str], new_order: list[str]) -> list[str]:
    if len(set(new_order)) != len(new_order) or set(new_order) != set(current_ids):
        raise ValidationFailed("Thứ tự mới phải gồm đúng các nội dung của chương trình họp.", {"item_ids": "mismatch"})
    return list(new_order)


def total_minutes(items: list[dict]) -> int:
    return sum(int(i.get("duration_minutes") or 0) for i in items)


def next_version(versions: list[dict]) -> int:
    if len(versions) >= MAX_VERSIONS:
        raise ValidationFailed(f"Tối đa {MAX_VERSIONS} phiên bản cho một tài liệu.", {"file": "too_many_versions"})
    return max((v["version"] for v in versions), default=0) + 1


def check_decision(version: dict | None, approve: bool, reason: str | None) -> None:
    if version is None:
        raise ValidationFailed("Không tìm thấy phiên bản tài liệu.", {"version": "not_found"})
    if version["status"] != PENDING:
        raise InvalidTransition(f"Phiên bản {version['version']} đã được xử lý "
                                f"({MATERIAL_LABELS[version['status']].lower()}).", {"status": version["status"]})
    if not approve and not (reason or "").strip():
        raise ValidationFailed("Cần nêu lý do không duyệt.", {"reason": "required"})


def current_approved(versions: list[dict]) -> dict | None:
    approved = [v for v in versions if v["status"] == APPROVED]
    return max(approved, key=lambda v: v["version"]) if approved else None


def visible_versions(versions: list[dict], sees_all: bool) -> list[dict]:
    """What a viewer sees of a material's versions, newest first."""
    if sees_all:
        return sorted(versions, key=lambda v: -v["version"])
    current = current_approved(versions)
    return [current] if current else []
