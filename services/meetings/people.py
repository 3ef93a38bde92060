"""People and units, asked of the directory service by RPC and cached a short
while (dropped early when the directory announces a change)."""
from __future__ import annotations

from services.common.cache import TTLCache
from services.common.errors import ValidationFailed

_users = TTLCache(ttl_seconds=60)
_units = TTLCache(ttl_seconds=300)
_unit_people = TTLCache(ttl_seconds=60)   # "<unit>|<role>" -> {"users": [...]}
_kinds = TTLCache(ttl_seconds=300)        # "MN,TH" -> {"units": [...]}

DEFAULT_ROLE = "lanh_dao"


def forget_user(user_id: str | None = None) -> None:
    _users.invalidate(user_id)
    _unit_people.invalidate()


def forget_unit(code: str | None = None) -> None:
    _units.invalidate(code)
    _kinds.invalidate()


class Directory:
    def __init__(self, proxy):
        self.proxy = proxy

    def users(self, user_ids) -> dict:
        ids = [u for u in dict.fromkeys(user_ids) if u]
        return _users.get_many(ids, self.proxy.get_users) if ids else {}

    def user(self, user_id: str, field: str = "user_id") -> dict:
        user = self.users([user_id]).get(user_id)
        if user is None or not user.get("active", True):
            raise ValidationFailed("Không tìm thấy người dùng.", {field: "not_found"})
        return user

    def units(self, codes) -> dict:
        codes = [c for c in dict.fromkeys(codes) if c]
        return _units.get_many(codes, self.proxy.get_units) if codes else {}

    def unit(self, code: str) -> dict:
        unit = self.units([code]).get(code)
        if unit is None:
            raise ValidationFailed(f"Không tìm thấy đơn vị {code}.", {"unit_code": "not_found"})
        return unit

    def people_of_unit(self, code: str, role: str) -> list[dict]:
        key = f"{code}|{role}"
        found = _unit_people.get_many([key], lambda _: {key: {"users": self.proxy.users_of_unit(code, role)}})
        return found[key]["users"]

    def units_of_kinds(self, kinds: list[str]) -> list[dict]:
        key = ",".join(sorted(kinds))
        found = _kinds.get_many([key], lambda _: {key: {"units": self.proxy.list_units(kinds=list(kinds))}})
        return found[key]["units"]

    def resolve(self, refs: list[dict], field: str) -> list[dict]:
        """The active users a list of ``PersonRef`` names, in order, each once."""
        people: dict[str, dict] = {}
        wanted = [r["user_id"] for r in refs if r.get("user_id")]
        known = self.users(wanted)
        for i, ref in enumerate(refs):
            if ref.get("user_id"):
                user = known.get(ref["user_id"])
                if user is None or not user.get("active", True):
                    raise ValidationFailed("Không tìm thấy người dùng.", {f"{field}.{i}.user_id": "not_found"})
                people.setdefault(user["user_id"], user)
                continue
            role = ref.get("role") or DEFAULT_ROLE
            if ref.get("unit_code"):
                self.unit(ref["unit_code"])
                codes = [ref["unit_code"]]
            else:
                codes = [u["code"] for u in self.units_of_kinds(ref["unit_kinds"])]
            for code in codes:
                for user in self.people_of_unit(code, role):
                    if user.get("active", True):
                        people.setdefault(user["user_id"], user)
        return list(people.values())
