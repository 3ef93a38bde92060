"""Who is acting. The gateway authenticates people and passes the actor with
every command; services check roles and unit ownership in their own data access."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .errors import PermissionDenied, ValidationFailed

CLERK = "van_thu"          # văn thư: registers, numbers, issues
LEADER = "lanh_dao"        # lãnh đạo / hiệu trưởng: signs, assigns, directs
SPECIALIST = "chuyen_vien"  # chuyên viên: processes, drafts
ADMIN = "admin"            # system administrator: units and users
ROLES = (CLERK, LEADER, SPECIALIST, ADMIN)

ROLE_LABELS = {CLERK: "Văn thư", LEADER: "Lãnh đạo", SPECIALIST: "Chuyên viên", ADMIN: "Quản trị hệ thống"}


@dataclass(frozen=True)
class Actor:
    user_id: str
    unit_id: str
    roles: tuple[str, ...] = field(default_factory=tuple)
    full_name: str = ""

    @classmethod
    def parse(cls, value) -> "Actor":
        if isinstance(value, Actor):
            return value
        if not isinstance(value, dict) or not value.get("user_id") or not value.get("unit_id"):
            raise ValidationFailed("Thiếu thông tin người thực hiện.", {"actor": "required"})
        return cls(user_id=str(value["user_id"]), unit_id=str(value["unit_id"]),
                   roles=tuple(value.get("roles") or ()), full_name=value.get("full_name") or "")

    def has(self, role: str) -> bool:
        return role in self.roles

    def require(self, role: str, action: str) -> None:
        if role not in self.roles:
            raise PermissionDenied(f"Chỉ {ROLE_LABELS[role].lower()} mới được {action}.")

    def as_dict(self) -> dict:
        d = asdict(self)
        d["roles"] = list(self.roles)
        return d
