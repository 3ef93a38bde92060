"""The demo district: Đồ Sơn's education office, its superiors and 30 schools,
each unit with a văn thư, a leader and two specialists."""
from __future__ import annotations

import re
import secrets

from services.common.actor import CLERK, LEADER, SPECIALIST
from services.common.text import fold

DEPARTMENT = "000.00.12.H26"
COMMITTEE = "000.00.31.H26"
OFFICE = "000.01.31.H26"
PLACE = "Đồ Sơn"
EMAIL_DOMAIN = "doson.edu.vn"

_WARDS = ["Ngọc Xuyên", "Ngọc Hải", "Vạn Hương", "Vạn Sơn", "Bàng La", "Minh Đức", "Hợp Đức",
          "Hải Sơn", "Tân Thành", "Ngọc Sơn", "Đồng Hòa", "Anh Dũng"]
_SCHOOL_KINDS = [("MN", "Trường Mầm non", "MN")] * 8 + [("TH", "Trường Tiểu học", "TH")] * 8 + \
                [("TH&THCS", "Trường TH&THCS", "THCS")] * 6 + [("THCS", "Trường THCS", "THCS")] * 8
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"]
_GIVEN = ["Hà", "Hương", "Lan", "Nam", "Dũng", "Tuấn", "Hoa", "Mai", "Hùng", "Thảo", "Long", "Yến", "Khánh"]


def _person(n: int) -> str:
    return f"{_FAMILY[n % 10]} {_MIDDLE[(n // 10) % 8]} {_GIVEN[(n * 7) % 13]}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def office_leader_username() -> str:
    """The demo office's leader (trưởng phòng): who installs the report forms."""
    return f"{_slug('GDĐT')}.lanhdao"


def demo_units() -> list[dict]:
    """Parents first, so they can be loaded in order."""
    units = [
        {"code": DEPARTMENT, "name": "Sở Giáo dục và Đào tạo thành phố Hải Phòng", "short_name": "SGDĐT",
         "kind": "department", "place": "Hải Phòng", "superior_name": "UBND THÀNH PHỐ HẢI PHÒNG"},
        {"code": COMMITTEE, "name": "Ủy ban nhân dân quận Đồ Sơn", "short_name": "UBND", "kind": "committee",
         "place": PLACE},
        {"code": OFFICE, "name": "Phòng Giáo dục và Đào tạo quận Đồ Sơn", "short_name": "GDĐT", "kind": "office",
         "parent": COMMITTEE, "place": PLACE, "superior_name": "UBND QUẬN ĐỒ SƠN"},
    ]
    for i, (kind, prefix, _level) in enumerate(_SCHOOL_KINDS):
        ward = _WARDS[i % len(_WARDS)]
        name = f"{prefix} {ward}" + (f" {i // len(_WARDS) + 1}" if i >= len(_WARDS) else "")
        units.append({"code": f"000.{i + 11:02d}.31.H26", "name": name,
                      "short_name": kind.replace("&", "") + "".join(w[0] for w in ward.split()).upper(),
                      "kind": kind, "parent": OFFICE, "place": PLACE, "superior_name": "PHÒNG GD&ĐT QUẬN ĐỒ SƠN"})
    return units


def demo_users(units: list[dict], password: str | None = None) -> tuple[list[dict], dict[str, str]]:
    """Four people per unit. Returns (users, {username: password}); passwords are
    random unless one is given (tests)."""
    users, passwords = [], {}
    n = 0
    for unit in units:
        school = unit["kind"] in ("MN", "TH", "TH&THCS", "THCS")
        base = _slug(unit["short_name"])  # short names are unique: gddt, mnvh, thcsnh ...
        staff = [("vanthu", "Văn thư", [CLERK]),
                 ("lanhdao", "Hiệu trưởng" if school else "Trưởng phòng" if unit["kind"] == "office" else "Lãnh đạo",
                  [LEADER]),
                 ("cv1", "Giáo viên" if school else "Chuyên viên", [SPECIALIST]),
                 ("cv2", "Giáo viên" if school else "Chuyên viên", [SPECIALIST])]
        for suffix, position, roles in staff:
            n += 1
            username = f"{base}.{suffix}"
            passwords[username] = password or secrets.token_urlsafe(9)
            users.append({"username": username, "full_name": _person(n), "position": position,
                          "unit_code": unit["code"], "roles": roles, "password": passwords[username],
                          "email": f"{username}@{EMAIL_DOMAIN}"})
    users.append({"username": "admin", "full_name": "Quản trị hệ thống", "position": "Quản trị",
                  "unit_code": OFFICE, "roles": ["admin"], "password": password or secrets.token_urlsafe(12),
                  "email": f"admin@{EMAIL_DOMAIN}"})
    passwords["admin"] = users[-1]["password"]
    return users, passwords
