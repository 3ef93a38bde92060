"""The approved stream: an append-only log of approvals and reopenings, numbered
by a cursor, that the district portal reads from where it stopped.

Why reserve-then-commit: cursors come from an atomic counter, but two approvals
can *finish* in the other order (7 written before 6). A reader that saw 7 and
moved its cursor past 6 would never see 6. So a cursor is first written as a
pending slot, then filled; readers stop at a pending slot (it will be filled in
a moment) and skip one abandoned for longer than ``STALE_SECONDS`` (its worker
died; the approval itself did not happen or is re-read from the submission).
"""
from __future__ import annotations

from datetime import timedelta

from pymongo import ReturnDocument

from services.common.actor import ADMIN, Actor
from services.common.clock import iso
from services.common.rpc import rpc

from .. import models
from ..domain import periods, workflow
from ..exceptions import PermissionDenied, ValidationFailed

STALE_SECONDS = 60
MAX_PAGE = 5000
PENDING, COMMITTED, VOID = "pending", "committed", "void"


class StreamEntrypoints:

    @rpc
    def ping(self) -> dict:
        """Liveness for the portal edge's health check."""
        return {"ok": True, "service": "reporting"}

    @rpc
    def approved_since(self, actor: dict, after: int = 0, limit: int = 500, form_code: str | None = None,
                       period_id: str | None = None) -> dict:
        """Approvals and reopenings with a cursor above ``after``, oldest first.
        ``more``: a full page was returned (ask again at once); otherwise the
        reader is caught up for now."""
        actor = Actor.parse(actor)
        owner = None if (self._is_portal(actor) or actor.has(ADMIN)) else actor.unit_id
        if owner is not None and not models.FormHead.objects(owner_unit=owner).first():
            raise PermissionDenied("Chỉ Phòng quản lý biểu mẫu và cổng thông tin mới đọc được luồng báo cáo đã duyệt.")
        limit = max(1, min(int(limit or 500), MAX_PAGE))
        after = max(0, int(after or 0))
        if period_id and not periods.is_valid_id(period_id):
            raise ValidationFailed("Mã kỳ báo cáo không hợp lệ.", {"period_id": "invalid"})
        wanted = {"state": COMMITTED}
        for key, value in (("form_code", (form_code or "").upper() or None), ("period_id", period_id),
                           ("owner_unit", owner)):
            if value:
                wanted[key] = value
        log = self.db[models.APPROVAL_LOG]
        rows = log.find({"_id": {"$gt": after}, "$or": [{"state": PENDING}, wanted]}).sort("_id", 1).limit(limit)
        stale_before = self.clock.now() - timedelta(seconds=STALE_SECONDS)
        items, cursor, seen = [], after, 0
        for row in rows:
            seen += 1
            slot = row["_id"]
            if row["state"] == PENDING:
                if row["reserved_at"] > stale_before:
                    return {"items": items, "next_cursor": cursor, "more": False}
                row = self._repair_slot(slot)
                if row is None or any(row.get(k) != v for k, v in wanted.items()):
                    cursor = slot
                    continue
            items.append(_entry_view(row))
            cursor = slot
        return {"items": items, "next_cursor": cursor, "more": seen >= limit}

    def _repair_slot(self, slot: int) -> dict | None:
        """A slot whose worker died between reserving and filling it: filled from
        the submission if the approval (or reopening) went through, else voided."""
        sub = models.Submission.objects(approval_cursor=slot, status=workflow.APPROVED).first()
        if sub is not None:
            self._commit_cursor(slot, "approved", sub)
        else:
            sub = models.Submission.objects(reopen_cursor=slot).first()
            if sub is None:
                self._void_cursor(slot)
                return None
            step = next((h for h in reversed(sub.history) if h.action == "reopen"), None)
            self._commit_cursor(slot, "reopened", sub, reason=step.note if step else None,
                                at=step.at if step else None)
        return self.db[models.APPROVAL_LOG].find_one({"_id": slot})

    # ---------------------------------------------------------------- writing
    def _reserve_cursor(self, now) -> int:
        row = self.db[models.COUNTERS].find_one_and_update(
            {"_id": "approval_log"}, {"$inc": {"value": 1}}, upsert=True, return_document=ReturnDocument.AFTER)
        cursor = int(row["value"])
        self.db[models.APPROVAL_LOG].insert_one({"_id": cursor, "state": PENDING, "reserved_at": now})
        return cursor

    def _void_cursor(self, cursor: int) -> None:
        self.db[models.APPROVAL_LOG].update_one({"_id": cursor}, {"$set": {"state": VOID}})

    def _commit_cursor(self, cursor: int, kind: str, sub: models.Submission, reason: str | None = None,
                       at=None) -> None:
        """Fill the slot with a snapshot: the stream must show what was approved,
        even after a later reopening changes the submission."""
        self.db[models.APPROVAL_LOG].update_one({"_id": cursor}, {"$set": {
            "state": COMMITTED, "kind": kind, "submission_id": sub.submission_id, "form_code": sub.form_code,
            "form_version": sub.form_version, "period_id": sub.period_id, "unit_code": sub.unit_code,
            "unit_name": sub.unit_name, "unit_kind": sub.unit_kind, "owner_unit": sub.owner_unit,
            "values": dict(sub.values or {}) if kind == "approved" else {}, "revision": sub.revision,
            "submitted_at": sub.first_submitted_at, "late": bool(sub.late),
            "at": at or sub.approved_at, "by": sub.approved_by if kind == "approved" else None,
            "reason": reason}})


def _entry_view(row: dict) -> dict:
    return {"cursor": row["_id"], "kind": row["kind"], "submission_id": row["submission_id"],
            "form_code": row["form_code"], "form_version": row["form_version"], "period_id": row["period_id"],
            "unit_code": row["unit_code"], "unit_name": row.get("unit_name"), "unit_kind": row.get("unit_kind"),
            "owner_unit": row["owner_unit"], "values": row.get("values") or {}, "revision": row.get("revision"),
            "submitted_at": iso(row.get("submitted_at")), "late": row.get("late"), "at": iso(row.get("at")),
            "reason": row.get("reason")}
