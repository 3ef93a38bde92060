"""Report forms: define, version, archive, list, and the periods they run on."""
from __future__ import annotations

from mongoengine import NotUniqueError

from services.common.actor import ADMIN, Actor
from services.common.clock import local_date
from services.common.rpc import rpc
from services.common.schemas import load

from .. import events, models, schemas, seed
from ..domain import forms, periods
from ..exceptions import Conflict, ValidationFailed
from ..views import form_view, period_view
from .base import assigned


class FormEntrypoints:

    @rpc
    def create_form(self, actor: dict, data: dict) -> dict:
        """A new form (version 1), collected by the actor's office."""
        actor = Actor.parse(actor)
        office = self._require_form_manager(actor)
        spec = self._checked_spec(data)
        created = self._create(actor, office, spec)
        if created is None:
            raise Conflict(f"Mã biểu mẫu {spec.code} đã tồn tại.", {"code": "taken"})
        return form_view(*created, spec)

    @rpc
    def update_form(self, actor: dict, code: str, data: dict) -> dict:
        """Edit a form: a new version for submissions started from now on. An
        unchanged definition makes no new version."""
        actor = Actor.parse(actor)
        self._require_form_manager(actor)
        head, current, current_spec = self._current(code)
        if head.owner_unit != actor.unit_id and not actor.has(ADMIN):
            raise ValidationFailed("Biểu mẫu thuộc đơn vị khác.", {"code": "not_owner"})
        spec = self._checked_spec({**(data or {}), "code": head.code})
        if spec.fingerprint() == current.fingerprint:
            return form_view(head, current, current_spec)
        number = head.current_version + 1
        # claim the next number: two editors at once cannot both make version n+1
        if not models.FormHead.objects(code=head.code, current_version=head.current_version).update_one(
                set__current_version=number, set__title=spec.title, set__updated_at=self.clock.now()):
            raise Conflict("Biểu mẫu vừa được người khác sửa, vui lòng tải lại.")
        head.reload()
        version = self._publish(actor, head, spec, number)
        return form_view(head, version, spec)

    @rpc
    def archive_form(self, actor: dict, code: str, active: bool = False) -> dict:
        """Stop (or resume) collecting a form: archived forms get no reminders."""
        actor = Actor.parse(actor)
        self._require_form_manager(actor)
        head, version, spec = self._current(code)
        if head.owner_unit != actor.unit_id and not actor.has(ADMIN):
            raise ValidationFailed("Biểu mẫu thuộc đơn vị khác.", {"code": "not_owner"})
        models.FormHead.objects(code=head.code).update_one(set__active=bool(active), set__updated_at=self.clock.now())
        head.reload()
        return form_view(head, version, spec, full=False)

    @rpc
    def get_form(self, actor: dict, code: str, version: int | None = None) -> dict:
        actor = Actor.parse(actor)
        head = self._head(code)
        doc, spec = self._version(head.code, version or head.current_version)
        if actor.unit_id != head.owner_unit and not actor.has(ADMIN) and not self._is_portal(actor):
            self._school_unit(actor, head, spec)
        return form_view(head, doc, spec)

    @rpc
    def list_forms(self, actor: dict, include_archived: bool = False, full: bool = False) -> list:
        """The office's own forms; for a school, the forms it must report; for the
        portal and administrators, every form."""
        actor = Actor.parse(actor)
        heads = models.FormHead.objects if include_archived else models.FormHead.objects(active=True)
        result = []
        unit = None
        for head in heads.order_by("code"):
            version, spec = self._version(head.code, head.current_version)
            if not (self._is_portal(actor) or actor.has(ADMIN) or head.owner_unit == actor.unit_id):
                unit = unit or self._unit(actor.unit_id)
                if not assigned(unit, head, spec):
                    continue
            result.append(form_view(head, version, spec, full=full))
        return result

    @rpc
    def install_seed_forms(self, actor: dict, collect_from: str | None = None) -> dict:
        """Install the plan's forms (CCHC, HDTHANG) for the actor's office, collected
        for the periods due from ``collect_from`` (YYYY-MM-DD; None: all). Forms
        that exist already are left as they are (an office may have edited them)."""
        actor = Actor.parse(actor)
        office = self._require_form_manager(actor)
        created, kept = [], []
        for definition in seed.SEED_FORMS:
            if models.FormHead.objects(code=definition["code"]).first():
                kept.append(definition["code"])
                continue
            spec = self._checked_spec({**definition, "collect_from": collect_from})
            (created if self._create(actor, office, spec) else kept).append(spec.code)
        return {"created": created, "kept": kept}

    @rpc
    def list_periods(self, actor: dict, form_code: str | None = None, year: int | None = None,
                     period_type: str | None = None) -> list:
        """A form's periods for a year (with its deadlines), or every period of a type."""
        Actor.parse(actor)
        year = int(year or local_date(self.clock.now()).year)
        if not periods.MIN_YEAR <= year <= periods.MAX_YEAR:
            raise ValidationFailed("Năm không hợp lệ.", {"year": "invalid"})
        if form_code:
            _, _, spec = self._current(form_code)
            return [period_view(p, spec) for p in spec.schedule(year)]
        if period_type not in periods.PERIOD_TYPES:
            raise ValidationFailed("Cần mã biểu mẫu hoặc loại kỳ báo cáo.", {"period_type": "invalid"})
        return [period_view(p) for p in periods.periods_of_year(period_type, year)]

    # ---------------------------------------------------------------- helpers
    def _checked_spec(self, data: dict) -> forms.FormSpec:
        form_in = load(schemas.FormIn, data)
        spec = forms.build(form_in.model_dump())
        if spec.assigned_units:
            known = self._units(list(spec.assigned_units))
            unknown = [c for c in spec.assigned_units if c not in known]
            if unknown:
                raise ValidationFailed("Không tìm thấy đơn vị: " + ", ".join(unknown),
                                       {"assigned_units": "not_found"})
        return spec

    def _create(self, actor: Actor, office: dict, spec: forms.FormSpec):
        """(head, version 1) of a new form; None if the code is taken."""
        head = models.FormHead(code=spec.code, owner_unit=office["code"], title=spec.title, current_version=1,
                               created_by=actor.user_id, created_at=self.clock.now())
        try:
            head.save(force_insert=True)
        except NotUniqueError:
            return None
        return head, self._publish(actor, head, spec, 1)

    def _publish(self, actor: Actor, head: models.FormHead, spec: forms.FormSpec, number: int) -> models.FormVersion:
        version = models.FormVersion(version_id=models.FormVersion.key(spec.code, number), code=spec.code,
                                     version=number, owner_unit=head.owner_unit, definition=spec.as_dict(),
                                     fingerprint=spec.fingerprint(), published_by=actor.user_id,
                                     published_at=self.clock.now())
        version.save(force_insert=True)
        self.outbox.add(events.FORM_PUBLISHED, {
            "form_code": spec.code, "version": number, "title": spec.title, "owner_unit": head.owner_unit,
            "period_types": list(spec.period_types), "assigned_kinds": list(spec.assigned_kinds),
            "assigned_units": list(spec.assigned_units), "deadline": spec.deadline.as_dict(), "by": actor.user_id})
        return version
