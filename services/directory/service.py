"""Directory service entrypoints (thin: validation, persistence, events)."""
from __future__ import annotations

import uuid

from services.common.clock import utcnow
from services.common.events import EventOutbox
from services.common.mongo import MongoDatabase
from services.common.rpc import rpc
from services.common.schemas import load
from services.common.text import nfc

from . import domain, events, models, schemas
from .exceptions import UnitNotFound, UserNotFound, ValidationFailed


class DirectoryService:
    name = events.SERVICE

    db = MongoDatabase()
    outbox = EventOutbox()

    # ---- units
    @rpc
    def upsert_unit(self, data: dict) -> dict:
        unit_in = load(schemas.UnitIn, data)
        if unit_in.parent and unit_in.parent != unit_in.code and not models.Unit.objects(code=unit_in.parent).first():
            raise UnitNotFound(f"Không tìm thấy đơn vị cấp trên {unit_in.parent}.", {"parent": "not_found"})
        unit = models.Unit.objects(code=unit_in.code).first()
        created = unit is None
        unit = unit or models.Unit(code=unit_in.code)
        for key, value in unit_in.model_dump(exclude={"code"}).items():
            setattr(unit, key, value)
        unit.updated_at = utcnow()
        unit.save()
        self.outbox.add(events.UNIT_CREATED if created else events.UNIT_UPDATED, {"unit": unit.as_dict()})
        return unit.as_dict()

    @rpc
    def get_unit(self, code: str) -> dict:
        unit = models.Unit.objects(code=code).first()
        if unit is None:
            raise UnitNotFound(f"Không tìm thấy đơn vị {code}.")
        return unit.as_dict()

    @rpc
    def get_units(self, codes: list[str]) -> dict:
        """Units by code, as {code: unit}; unknown codes are simply absent."""
        return {u.code: u.as_dict() for u in models.Unit.objects(code__in=list(codes))}

    @rpc
    def list_units(self, kind: str | None = None, parent: str | None = None, kinds: list[str] | None = None) -> list:
        query = models.Unit.objects(active=True)
        if kind:
            query = query(kind=kind)
        if kinds:
            query = query(kind__in=kinds)
        if parent:
            query = query(parent=parent)
        return sorted((u.as_dict() for u in query), key=domain._order)

    @rpc
    def all_units(self) -> list:
        """Every unit, inactive ones too (administration)."""
        return sorted((u.as_dict() for u in models.Unit.objects), key=domain._order)

    @rpc
    def unit_tree(self, root: str | None = None) -> list:
        return domain.build_tree([u.as_dict() for u in models.Unit.objects(active=True)], root)

    # ---- users
    @rpc
    def upsert_user(self, data: dict) -> dict:
        user_in = load(schemas.UserIn, data)
        if not models.Unit.objects(code=user_in.unit_code).first():
            raise UnitNotFound(f"Không tìm thấy đơn vị {user_in.unit_code}.", {"unit_code": "not_found"})
        user = models.User.objects(username=user_in.username).first()
        created = user is None
        if created:
            user = models.User(user_id=uuid.uuid4().hex, username=user_in.username)
        for key, value in user_in.model_dump(exclude={"username", "password"}).items():
            setattr(user, key, value)
        if user_in.password:
            user.password_hash = domain.hash_password(user_in.password)
        user.updated_at = utcnow()
        user.save()
        self.outbox.add(events.USER_CREATED if created else events.USER_UPDATED, {"user": user.as_dict()})
        return user.as_dict()

    @rpc
    def get_user(self, user_id: str) -> dict:
        user = models.User.objects(user_id=user_id).first()
        if user is None:
            raise UserNotFound("Không tìm thấy người dùng.")
        return user.as_dict()

    @rpc
    def get_users(self, user_ids: list[str]) -> dict:
        return {u.user_id: u.as_dict() for u in models.User.objects(user_id__in=list(user_ids))}

    @rpc
    def find_user(self, username: str) -> dict:
        user = models.User.objects(username=nfc(username).lower()).first()
        if user is None:
            raise UserNotFound("Không tìm thấy người dùng.")
        return user.as_dict()

    @rpc
    def users_of_unit(self, unit_code: str, role: str | None = None) -> list:
        query = models.User.objects(unit_code=unit_code, active=True)
        if role:
            query = query(roles=role)
        return [u.as_dict() for u in query.order_by("full_name")]

    @rpc
    def list_users(self, unit_code: str | None = None, include_inactive: bool = False) -> list:
        """Users for administration: of one unit or all, inactive ones too if asked."""
        query = models.User.objects
        if unit_code:
            query = query(unit_code=unit_code)
        if not include_inactive:
            query = query(active=True)
        return [u.as_dict() for u in query.order_by("unit_code", "full_name")]

    @rpc
    def verify_credentials(self, username: str, password: str) -> dict | None:
        """The user if the password matches and the account is active; else None."""
        user = models.User.objects(username=(username or "").strip().lower()).first()
        if user is None or not user.active or not domain.verify_password(user.password_hash, password or ""):
            return None
        return user.as_dict()

    @rpc
    def set_password(self, user_id: str, new_password: str) -> None:
        if not new_password or len(new_password) < 8:
            raise ValidationFailed("Mật khẩu phải có ít nhất 8 ký tự.", {"password": "too_short"})
        updated = models.User.objects(user_id=user_id).update_one(
            set__password_hash=domain.hash_password(new_password), set__updated_at=utcnow())
        if not updated:
            raise UserNotFound("Không tìm thấy người dùng.")

    @rpc
    def import_district(self, units: list[dict], users: list[dict]) -> dict:
        """Load many units (parents first) and users; existing ones are updated."""
        for unit in units:
            self.upsert_unit(unit)
        for user in users:
            self.upsert_user(user)
        return {"units": len(units), "users": len(users)}

