"""Shared access helpers of the reporting entrypoints: forms by code and version,
units from the directory (cached), who may do what.

Who is who (the actor's unit and roles decide, as in documents):
- the office: the unit that owns a form (collects it). Its leader approves,
  reopens and finalises; its leader or specialists return and manage forms;
  anyone of it reads boards and reports.
- a school: a unit the form is assigned to (by kind under the office, or by
  code). Its specialists fill drafts, its leader (hiệu trưởng) submits. A
  school sees only its own submissions: another unit's ids answer "not found".
- the portal: a machine actor with role ``portal`` (set by the portal edge,
  never by the gateway): reads forms, boards, consolidated values, KPIs and the
  approved stream of every office; changes nothing.
"""
from __future__ import annotations

from services.common.actor import ADMIN, CLERK, LEADER, SPECIALIST, Actor
from services.common.cache import TTLCache
from services.common.directory import UnitLookup
from services.common.errors import PermissionDenied, ValidationFailed

from .. import models
from ..domain import completeness, forms, periods
from ..exceptions import FormNotFound, SubmissionNotFound

PORTAL = "portal"                 # the district portal's machine role
SCHOOL_KINDS = tuple(completeness.SCHOOL_KIND_LABELS)

_units = TTLCache(ttl_seconds=300)
_specs: dict[str, forms.FormSpec] = {}   # fingerprint -> parsed spec (versions never change)


def forget_caches() -> None:
    _units.invalidate()
    _specs.clear()


class Access(UnitLookup):
    """Mixed into the service: uses its ``directory`` proxy."""

    # ---------------------------------------------------------------- units
    unit_cache = _units

    def _children(self, owner: str) -> list[dict]:
        key = f"children:{owner}"
        return _units.get_many([key], lambda _: {key: self.directory.list_units(parent=owner)})[key]

    def _expected_units(self, spec: forms.FormSpec, owner: str) -> list[dict]:
        """The units that must report this form: by kind under the office, plus
        the ones named (wherever they sit)."""
        found = {u["code"]: u for u in self._children(owner) if u.get("kind") in spec.assigned_kinds}
        named = [c for c in spec.assigned_units if c not in found]
        if named:
            found.update({c: u for c, u in self._units(named).items() if u.get("active", True)})
        return sorted(found.values(), key=lambda u: (completeness._kind_order(u.get("kind") or ""), u["name"]))

    # ---------------------------------------------------------------- forms
    def _head(self, code: str) -> models.FormHead:
        head = models.FormHead.objects(code=str(code or "").strip().upper()).first()
        if head is None:
            raise FormNotFound(f"Không tìm thấy biểu mẫu {code}.")
        return head

    def _version(self, code: str, version: int) -> tuple[models.FormVersion, forms.FormSpec]:
        doc = models.FormVersion.objects(version_id=models.FormVersion.key(code, int(version))).first()
        if doc is None:
            raise FormNotFound(f"Không tìm thấy phiên bản {version} của biểu mẫu {code}.")
        spec = _specs.get(doc.fingerprint)
        if spec is None:
            spec = _specs[doc.fingerprint] = forms.build(doc.definition)
        return doc, spec

    def _current(self, code: str) -> tuple[models.FormHead, models.FormVersion, forms.FormSpec]:
        head = self._head(code)
        version, spec = self._version(head.code, head.current_version)
        return head, version, spec

    @staticmethod
    def _period(spec: forms.FormSpec, period_id: str) -> periods.Period:
        try:
            period = periods.parse(period_id)
        except periods.PeriodError:
            raise ValidationFailed("Mã kỳ báo cáo không hợp lệ (ví dụ 2026-Q1, 2026-M03).",
                                   {"period_id": "invalid"}) from None
        if not spec.has_period(period):
            raise ValidationFailed(f"Biểu mẫu {spec.code} không báo cáo theo kỳ {period.label}.",
                                   {"period_id": "not_in_schedule"})
        return period

    # ---------------------------------------------------------------- who may
    @staticmethod
    def _is_portal(actor: Actor) -> bool:
        return actor.has(PORTAL)

    def _require_reader(self, actor: Actor, owner: str) -> None:
        """Boards, consolidated values, KPIs: the owning office, the portal, admins."""
        if actor.unit_id != owner and not actor.has(PORTAL) and not actor.has(ADMIN):
            raise PermissionDenied("Chỉ Phòng quản lý biểu mẫu mới xem được số liệu tổng hợp.")

    @staticmethod
    def _require_office(actor: Actor, owner: str, roles: tuple[str, ...], action: str) -> None:
        if actor.unit_id != owner or not any(actor.has(r) for r in roles):
            who = "lãnh đạo Phòng" if roles == (LEADER,) else "lãnh đạo hoặc chuyên viên Phòng"
            raise PermissionDenied(f"Chỉ {who} mới được {action}.")

    def _require_form_manager(self, actor: Actor) -> dict:
        """Forms are defined by an office-level unit (not a school), by its leader or
        specialists, or by an administrator."""
        unit = self._unit(actor.unit_id)
        if actor.has(ADMIN):
            return unit
        if unit.get("kind") in SCHOOL_KINDS or not (actor.has(LEADER) or actor.has(SPECIALIST)):
            raise PermissionDenied("Chỉ lãnh đạo, chuyên viên Phòng mới được quản lý biểu mẫu báo cáo.")
        return unit

    def _school_unit(self, actor: Actor, head: models.FormHead, spec: forms.FormSpec) -> dict:
        """The actor's unit if the form is assigned to it; "not found" otherwise
        (a form of another office reveals nothing)."""
        unit = self._unit(actor.unit_id)
        if not assigned(unit, head, spec):
            raise FormNotFound(f"Không tìm thấy biểu mẫu {spec.code}.")
        return unit

    @staticmethod
    def _require_school_staff(actor: Actor, action: str, roles=(SPECIALIST, LEADER)) -> None:
        if not any(actor.has(r) for r in roles):
            who = "hiệu trưởng (lãnh đạo đơn vị)" if roles == (LEADER,) else "chuyên viên hoặc lãnh đạo đơn vị"
            raise PermissionDenied(f"Chỉ {who} mới được {action}.")

    def _own_submission(self, actor: Actor, submission_id: str) -> models.Submission:
        """The unit's own submission, or one the actor's office collects."""
        sub = models.Submission.objects(submission_id=str(submission_id or "")).first()
        if sub is None or (sub.unit_code != actor.unit_id and sub.owner_unit != actor.unit_id
                           and not actor.has(ADMIN)):
            raise SubmissionNotFound("Không tìm thấy báo cáo.")
        return sub

    def _unit_submission(self, actor: Actor, submission_id: str) -> models.Submission:
        """Only the reporting unit's own submission (drafting, attaching, submitting)."""
        sub = models.Submission.objects(submission_id=str(submission_id or "")).first()
        if sub is None or sub.unit_code != actor.unit_id:
            raise SubmissionNotFound("Không tìm thấy báo cáo.")
        return sub


def assigned(unit: dict, head: models.FormHead, spec: forms.FormSpec) -> bool:
    """Must this unit report this form? By kind under the collecting office, or named."""
    return (unit.get("parent") == head.owner_unit and spec.assigned_to(unit)) or unit["code"] in spec.assigned_units


OFFICE_REVIEWERS = (LEADER, SPECIALIST)
OFFICE_LEADERS = (LEADER,)
ANY_STAFF = (LEADER, SPECIALIST, CLERK)
