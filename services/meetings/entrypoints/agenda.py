"""The agenda and its materials (tài liệu họp): items with presenter and
duration; files submitted by presenters, approved by the secretary or chair
before participants see them, versioned when replaced."""
from __future__ import annotations

from services.common.actor import Actor
from services.common.clock import utcnow
from services.common.errors import Conflict, NotFound, PermissionDenied
from services.common.rpc import rpc

from .. import events, models, schemas, views
from ..domain import agenda, schedule
from ..domain.participants import GUEST
from .base import MeetingsBase


class AgendaEntrypoints(MeetingsBase):

    # ---------------------------------------------------------------- items
    @rpc
    def add_item(self, actor: dict, meeting_id: str, data: dict) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "sửa chương trình họp")
        schedule.require_status(meeting.status, schedule.AGENDA_EDITABLE, "sửa chương trình họp")
        spec = schemas.parse(schemas.AgendaItemIn, data)
        if len(meeting.agenda) >= agenda.MAX_ITEMS:
            raise Conflict(f"Chương trình họp tối đa {agenda.MAX_ITEMS} nội dung.")
        added = self._ensure_presenter(meeting, spec.presenter_id)
        item = models.AgendaItem(**spec.model_dump())
        self._touch(meeting.meeting_id, push__agenda=item)
        self._audit(meeting.meeting_id, actor.user_id, "add_item", item_id=item.item_id, title=item.title)
        self._agenda_changed(meeting, actor, added)
        return views.item_view(item, len(meeting.agenda) + 1)

    @rpc
    def update_item(self, actor: dict, meeting_id: str, item_id: str, data: dict) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "sửa chương trình họp")
        schedule.require_status(meeting.status, schedule.AGENDA_EDITABLE, "sửa chương trình họp")
        self._item(meeting, item_id)
        fields = {k: v for k, v in schemas.parse(schemas.AgendaItemPatch, data).model_dump(exclude_unset=True).items()
                  if not (k in ("title", "duration_minutes") and v is None)}
        added = self._ensure_presenter(meeting, fields.get("presenter_id"))
        if fields:
            models.Meeting.objects(meeting_id=meeting.meeting_id, agenda__item_id=item_id).update_one(
                inc__version=1, set__updated_at=utcnow(), **{f"set__agenda__S__{k}": v for k, v in fields.items()})
        self._audit(meeting.meeting_id, actor.user_id, "update_item", item_id=item_id, fields=sorted(fields))
        meeting.reload()
        self._agenda_changed(meeting, actor, added)
        position = [i.item_id for i in meeting.agenda].index(item_id) + 1
        return views.item_view(self._item(meeting, item_id), position)

    @rpc
    def remove_item(self, actor: dict, meeting_id: str, item_id: str) -> None:
        """Only an item nothing refers to yet (no material, speaker or vote)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "sửa chương trình họp")
        schedule.require_status(meeting.status, schedule.AGENDA_EDITABLE, "sửa chương trình họp")
        self._item(meeting, item_id)
        for model in (models.Material, models.Speaker, models.Vote):
            if model.objects(meeting_id=meeting.meeting_id, item_id=item_id).first():
                raise Conflict("Nội dung đã có tài liệu, đăng ký phát biểu hoặc biểu quyết: không thể xóa.")
        self._touch(meeting.meeting_id, pull__agenda__item_id=item_id)
        self._audit(meeting.meeting_id, actor.user_id, "remove_item", item_id=item_id)
        self._agenda_changed(meeting.reload(), actor, [])

    @rpc
    def reorder_items(self, actor: dict, meeting_id: str, item_ids: list[str]) -> list:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "sửa chương trình họp")
        schedule.require_status(meeting.status, schedule.AGENDA_EDITABLE, "sửa chương trình họp")
        order = agenda.check_order([i.item_id for i in meeting.agenda], list(item_ids or []))
        by_id = {i.item_id: i for i in meeting.agenda}
        # optimistic: only if nobody changed the meeting since we read it
        if not models.Meeting.objects(meeting_id=meeting.meeting_id, version=meeting.version).update_one(
                set__agenda=[by_id[i] for i in order], inc__version=1, set__updated_at=utcnow()):
            raise Conflict("Chương trình họp vừa thay đổi, vui lòng tải lại.")
        self._audit(meeting.meeting_id, actor.user_id, "reorder_items", order=order)
        meeting.reload()
        self._agenda_changed(meeting, actor, [])
        return [views.item_view(i, n) for n, i in enumerate(meeting.agenda, 1)]

    def _ensure_presenter(self, meeting: models.Meeting, presenter_id: str | None) -> list[str]:
        """A presenter who was not invited joins as a guest, to see the meeting and submit materials."""
        if not presenter_id or self._participant(meeting.meeting_id, presenter_id):
            return []
        user = self.people.user(presenter_id, "presenter_id")
        self._insert_participants(meeting.meeting_id, [self._row(user, GUEST)])
        return [presenter_id]

    def _agenda_changed(self, meeting: models.Meeting, actor: Actor, added: list[str]) -> None:
        if meeting.status in schedule.EDITABLE:
            self._event(events.UPDATED, meeting, actor.user_id,
                        changes=["agenda"] + (["participants"] if added else []), sequence=meeting.sequence,
                        added_ids=added, removed_ids=[])

    # ---------------------------------------------------------------- materials
    @rpc
    def submit_material(self, actor: dict, meeting_id: str, item_id: str, data: dict) -> dict:
        """Record a file streamed to S3 as a material of an item — or, with
        ``material_id``, as a new version of it. The presenter's versions wait for
        approval; the chair's and the secretary's are approved as they submit."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        schedule.require_status(meeting.status, schedule.LIVE, "nộp tài liệu họp")
        item = self._item(meeting, item_id)
        if not (self._is_operator(actor, meeting) or actor.user_id == item.presenter_id):
            raise PermissionDenied("Chỉ người trình bày nội dung, chủ trì hoặc thư ký mới được nộp tài liệu.")
        spec = schemas.parse(schemas.MaterialIn, data)
        stored = self._accept_upload(spec.file.model_dump())
        now = utcnow()
        if spec.material_id:
            material = models.Material.objects(material_id=spec.material_id, meeting_id=meeting.meeting_id,
                                               item_id=item_id).first()
            if material is None:
                raise NotFound("Không tìm thấy tài liệu.")
            number = agenda.next_version([{"version": v.version} for v in material.versions])
        else:
            title = spec.title or stored["name"].rsplit(".", 1)[0]
            material = models.Material(meeting_id=meeting.meeting_id, item_id=item_id, title=title,
                                       created_by=actor.user_id)
            material.save(force_insert=True)
            number = 1
        version = models.MaterialVersion(version=number, submitted_by=actor.user_id, submitted_at=now, **stored)
        # the guard on the version number makes two concurrent replacements fail one
        if not models.Material.objects(material_id=material.material_id, versions__version__ne=number).update_one(
                push__versions=version):
            raise Conflict("Tài liệu vừa có phiên bản mới, vui lòng tải lại.")
        self._audit(meeting.meeting_id, actor.user_id, "submit_material", material_id=material.material_id,
                    version=number, name=stored["name"], sha256=stored["sha256"])
        if self._is_operator(actor, meeting):
            self._decide(actor, meeting, material.material_id, number, True, None)
        self._touch(meeting.meeting_id)
        return views.material_view(material.reload(), sees_all=True)

    @rpc
    def approve_material(self, actor: dict, meeting_id: str, material_id: str, version: int) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "duyệt tài liệu họp")
        self._decide(actor, meeting, material_id, int(version), True, None)
        self._touch(meeting.meeting_id)
        return views.material_view(models.Material.objects.get(material_id=material_id), sees_all=True)

    @rpc
    def reject_material(self, actor: dict, meeting_id: str, material_id: str, version: int, reason: str) -> dict:
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_operator(actor, meeting, "duyệt tài liệu họp")
        self._decide(actor, meeting, material_id, int(version), False, (reason or "").strip())
        self._touch(meeting.meeting_id)
        return views.material_view(models.Material.objects.get(material_id=material_id), sees_all=True)

    def _decide(self, actor: Actor, meeting: models.Meeting, material_id: str, number: int, approve: bool,
                reason: str | None) -> None:
        schedule.require_status(meeting.status, schedule.LIVE, "duyệt tài liệu họp")
        material = models.Material.objects(material_id=material_id, meeting_id=meeting.meeting_id).first()
        if material is None:
            raise NotFound("Không tìm thấy tài liệu.")
        version = next((v for v in material.versions if v.version == number), None)
        agenda.check_decision({"version": version.version, "status": version.status} if version else None,
                              approve, reason)
        status = agenda.APPROVED if approve else agenda.REJECTED
        if not models.Material.objects(material_id=material_id,
                                       versions__match={"version": number, "status": agenda.PENDING}).update_one(
                set__versions__S__status=status, set__versions__S__decided_by=actor.user_id,
                set__versions__S__decided_at=utcnow(), set__versions__S__reason=reason):
            raise Conflict("Phiên bản này vừa được xử lý.")
        self._audit(meeting.meeting_id, actor.user_id, "approve_material" if approve else "reject_material",
                    material_id=material_id, version=number, reason=reason)
        if approve:
            item = self._item(meeting, material.item_id)
            self._event(events.MATERIAL_APPROVED, meeting, actor.user_id, item_id=item.item_id,
                        item_title=item.title, material_id=material_id, material_title=material.title,
                        version=number, file={k: getattr(version, k) for k in
                                              ("key", "name", "size", "sha256", "content_type")})

    @rpc
    def materials(self, actor: dict, meeting_id: str, item_id: str | None = None) -> list:
        """Materials the actor may see: participants the approved ones, the chair,
        the secretary and the item's presenter every version."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        return self._materials_for(actor, meeting, item_id)

    def _materials_for(self, actor: Actor, meeting: models.Meeting, item_id: str | None = None) -> list:
        query = models.Material.objects(meeting_id=meeting.meeting_id)
        if item_id:
            query = query(item_id=item_id)
        presenting = {i.item_id for i in meeting.agenda if i.presenter_id == actor.user_id}
        out = []
        for material in query.order_by("created_at"):
            sees_all = self._can_manage(actor, meeting) or material.item_id in presenting
            view = views.material_view(material, sees_all)
            if view:
                out.append(view)
        return out

    @rpc
    def material_url(self, actor: dict, meeting_id: str, material_id: str, version: int | None = None) -> dict:
        """A short-lived download link of a version the actor may see (default: the current one)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        material = models.Material.objects(material_id=material_id, meeting_id=meeting.meeting_id).first()
        visible = None
        if material is not None:
            presenting = any(i.item_id == material.item_id and i.presenter_id == actor.user_id for i in meeting.agenda)
            view = views.material_view(material, self._can_manage(actor, meeting) or presenting)
            visible = {v["version"]: v for v in (view or {}).get("versions", [])}
        if not visible:
            raise NotFound("Không tìm thấy tài liệu.")
        number = int(version) if version is not None else max(visible)
        if number not in visible:
            raise NotFound("Không tìm thấy phiên bản tài liệu.")
        row = next(v for v in material.versions if v.version == number)
        self._audit(meeting.meeting_id, actor.user_id, "download_material", material_id=material_id, version=number)
        return self._link({"key": row.key, "name": row.name, "size": row.size, "sha256": row.sha256,
                           "content_type": row.content_type})
