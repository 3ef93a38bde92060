"""What every area of the meetings service shares: loading a meeting for an
actor (only participants and the organising unit's leaders see it), the
permission checks, the audit trail, events and the live attendance count.

Uses the dependencies declared on ``MeetingsService``: ``db``, ``outbox``,
``storage``, ``settings``, ``directory``, ``documents``. A few helpers live with
the area they belong to and are shared through the combined class: ``_detail``
(queries), ``_grant``/``_revoke``/``_drop_orphan_delegate`` (delegation),
``_finish_speaker`` (speakers).
"""
from __future__ import annotations


from services.common.actor import LEADER, Actor
from services.common.clock import iso, utcnow
from services.common.errors import NotFound, PermissionDenied, ValidationFailed

from .. import models
from ..domain import delegation, quorum, schedule
from ..domain.participants import CHAIR, DELEGATE
from ..exceptions import MeetingNotFound
from ..people import Directory

SYSTEM_USER = "system:meetings"


def official_file(issued: dict) -> dict:
    """The numbered .docx that ``documents.issue(attach_official=True)`` appended
    last to an issued document, as the meeting's file record."""
    official = issued["attachments"][-1]
    return {k: official[k] for k in ("key", "name", "size", "sha256", "content_type")}


def system_actor(unit_code: str) -> dict:
    """How the meetings service acts in the documents service: as the organising
    unit's văn thư (it numbers and sends the giấy mời / thông báo on the unit's
    behalf, the way the clerk would after the leader signs)."""
    return {"user_id": SYSTEM_USER, "unit_id": unit_code, "roles": ["van_thu"], "full_name": "Hệ thống họp điện tử"}


class MeetingsBase:

    # ---------------------------------------------------------------- loading and access
    @property
    def people(self) -> Directory:
        return Directory(self.directory)

    def _find(self, meeting_id: str) -> models.Meeting:
        meeting = models.Meeting.objects(meeting_id=str(meeting_id)).first()
        if meeting is None:
            raise MeetingNotFound("Không tìm thấy cuộc họp.")
        return meeting

    def _meeting(self, actor: Actor, meeting_id: str) -> models.Meeting:
        """The meeting if ``actor`` takes part in it or manages it; otherwise the same
        "not found" as for an unknown id, so ids reveal nothing."""
        meeting = self._find(meeting_id)
        if not (self._can_manage(actor, meeting) or self._participant(meeting.meeting_id, actor.user_id)):
            raise MeetingNotFound("Không tìm thấy cuộc họp.")
        return meeting

    @staticmethod
    def _participant(meeting_id: str, user_id: str) -> models.Participant | None:
        return models.Participant.objects(participant_id=models.Participant.key(meeting_id, user_id)).first()

    @staticmethod
    def _can_manage(actor: Actor, meeting: models.Meeting) -> bool:
        """The chair, the secretary, and the organising unit's leaders manage a meeting."""
        return actor.user_id in (meeting.chair_id, meeting.secretary_id) or \
            (actor.unit_id == meeting.unit_code and actor.has(LEADER))

    @staticmethod
    def _is_operator(actor: Actor, meeting: models.Meeting) -> bool:
        return actor.user_id in (meeting.chair_id, meeting.secretary_id)

    def _require_manager(self, actor: Actor, meeting: models.Meeting, doing: str) -> None:
        if not self._can_manage(actor, meeting):
            raise PermissionDenied(f"Chỉ lãnh đạo đơn vị tổ chức, chủ trì hoặc thư ký cuộc họp mới được {doing}.")

    def _require_operator(self, actor: Actor, meeting: models.Meeting, doing: str) -> None:
        if not self._is_operator(actor, meeting):
            raise PermissionDenied(f"Chỉ chủ trì hoặc thư ký cuộc họp mới được {doing}.")

    @staticmethod
    def _require_chair(actor: Actor, meeting: models.Meeting, doing: str) -> None:
        if actor.user_id != meeting.chair_id:
            raise PermissionDenied(f"Chỉ người chủ trì cuộc họp mới được {doing}.")

    @staticmethod
    def _item(meeting: models.Meeting, item_id: str | None) -> models.AgendaItem:
        for item in meeting.agenda:
            if item.item_id == item_id:
                return item
        raise NotFound("Không tìm thấy nội dung trong chương trình họp.")

    @staticmethod
    def _row(user: dict, role: str) -> dict:
        return {"user_id": user["user_id"], "full_name": user.get("full_name") or "",
                "position": user.get("position") or "", "unit_code": user.get("unit_code") or "",
                "role": role, "voting": role == CHAIR, "named_member": False}

    @staticmethod
    def _insert_participants(meeting_id: str, rows: list[dict]) -> None:
        if rows:
            models.Participant.objects.insert([
                models.Participant(participant_id=models.Participant.key(meeting_id, r["user_id"]),
                                   meeting_id=meeting_id, **r) for r in rows], load_bulk=False)

    # ---------------------------------------------------------------- bookkeeping
    def _audit(self, meeting_id: str, by: str, action: str, **detail) -> None:
        models.AuditEntry(meeting_id=meeting_id, by=by, action=action,
                          detail={k: v for k, v in detail.items() if v is not None}).save(force_insert=True)

    @staticmethod
    def _touch(meeting_id: str, **updates) -> None:
        """Record a change: the live room polls ``version`` to know when to refresh."""
        models.Meeting.objects(meeting_id=meeting_id).update_one(inc__version=1, set__updated_at=utcnow(), **updates)

    @staticmethod
    def _record_changed(meeting_id: str) -> None:
        """After the minutes were generated, a change to what they record (a
        conclusion, an absence, an opinion) makes them stale until generated again."""
        models.Meeting.objects(meeting_id=meeting_id, paperwork__exists=True,
                               paperwork__approved_at=None).update_one(set__paperwork__stale=True)

    @staticmethod
    def _participant_ids(meeting_id: str) -> list[str]:
        rows = models.Participant._get_collection().find({"meeting_id": meeting_id}, {"user_id": 1})
        return [r["user_id"] for r in rows]

    def _event(self, event_type, meeting: models.Meeting, by: str, **extra) -> None:
        data = {
            "meeting_id": meeting.meeting_id, "title": meeting.title, "kind": meeting.kind,
            "kind_label": schedule.KINDS[meeting.kind], "status": meeting.status,
            "starts_at": iso(meeting.starts_at), "ends_at": iso(meeting.ends_at), "place": meeting.place,
            "online_url": meeting.online_url, "unit_code": meeting.unit_code, "chair_id": meeting.chair_id,
            "secretary_id": meeting.secretary_id, "participant_ids": self._participant_ids(meeting.meeting_id),
            "paperless": meeting.paperless, "by": by, **extra}
        self.outbox.add(event_type, data)

    # ---------------------------------------------------------------- mandates and attendance
    @staticmethod
    def _mandates(meeting_id: str) -> list[dict]:
        """The meeting's active mandates, as the domain rules take them."""
        return [{"mandate_id": m.mandate_id, "member_id": m.member_id, "delegate_id": m.delegate_id,
                 "status": m.status, "used": m.used}
                for m in models.Mandate.objects(meeting_id=meeting_id, status=delegation.ACTIVE)]

    def _attendance(self, meeting: models.Meeting, mandates: list[dict] | None = None) -> tuple[dict, dict]:
        """(attendance, quorum), live. Attendance counts invited people (delegates
        replace, they do not add); quorum counts voting seats (see domain.quorum).
        Read as plain rows with a projection: it runs on every check-in."""
        rows = list(models.Participant._get_collection().find(
            {"meeting_id": meeting.meeting_id}, {"user_id": 1, "role": 1, "voting": 1, "checked_in_at": 1, "late": 1}))
        mandates = mandates if mandates is not None else self._mandates(meeting.meeting_id)
        present = {p["user_id"] for p in rows if p.get("checked_in_at") is not None}
        holders = {m["member_id"]: m["delegate_id"] for m in mandates}
        invited = [p["user_id"] for p in rows if p["role"] != DELEGATE]
        in_person = [u for u in invited if u in present]
        represented = [u for u in invited if u not in present and holders.get(u) in present]
        attendance = {"expected": len(invited), "present": len(in_person) + len(represented),
                      "present_in_person": len(in_person), "represented": len(represented),
                      "absent": len(invited) - len(in_person) - len(represented),
                      "late": sum(1 for p in rows if p.get("late")), "people_present": len(present)}
        seats = [p["user_id"] for p in rows if p.get("voting")]
        live = quorum.status(len(seats), len(quorum.represented(seats, present, mandates)), meeting.quorum_rule)
        return attendance, live

    # ---------------------------------------------------------------- files
    def _accept_upload(self, file: dict, field: str = "file") -> dict:
        """Check a file the caller streamed to S3 (``Storage.put_stream``, prefix
        uploads) before recording it: a fresh upload key not recorded elsewhere, an
        acceptable name, and content whose size and sha256 are what the caller says
        (re-read, so the record is true). A refused object is left for the caller,
        who created it, to delete: deleting here would let anyone pass someone
        else's key and have it removed."""
        key = str((file or {}).get("key") or "")
        if self.storage.is_upload_key(key) and self._key_in_use(key):
            raise ValidationFailed("Tệp này đã được sử dụng.", {field: "in_use"})
        return self.storage.accept_upload(file, field, reread=True).as_dict()

    @staticmethod
    def _key_in_use(key: str) -> bool:
        return bool(models.Material.objects(versions__key=key).first() or
                    models.OpinionRequest.objects(file__key=key).first())

    def _link(self, file: dict) -> dict:
        return {"url": self.storage.presigned_url(file["key"], file["name"],
                                                  expires_seconds=self.settings.MEETING_LINK_SECONDS),
                "name": file["name"], "size": file["size"], "sha256": file["sha256"],
                "content_type": file.get("content_type")}
