"""Directory rules: unit kinds, the unit tree, password hashing."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from services.common.text import fold

# Kinds of organisation unit, with the labels people read.
SCHOOL_KINDS = {"MN": "Mầm non", "TH": "Tiểu học", "TH&THCS": "Tiểu học và Trung học cơ sở",
                "THCS": "Trung học cơ sở"}
UNIT_KINDS = {**SCHOOL_KINDS, "office": "Phòng Giáo dục và Đào tạo", "committee": "Ủy ban nhân dân",
              "department": "Sở Giáo dục và Đào tạo"}

_hasher = PasswordHasher()


def is_school(kind: str) -> bool:
    return kind in SCHOOL_KINDS


def build_tree(units: list[dict], root: str | None = None) -> list[dict]:
    """Nest units under their parents; units whose parent is unknown are roots.
    Children are sorted by kind then name so a list reads the same every time."""
    by_code = {u["code"]: {**u, "children": []} for u in units}
    roots = []
    for node in by_code.values():
        parent = by_code.get(node.get("parent") or "")
        (parent["children"] if parent else roots).append(node)
    for node in by_code.values():
        node["children"].sort(key=_order)
    roots.sort(key=_order)
    if root is not None:
        return [by_code[root]] if root in by_code else []
    return roots


def _order(unit: dict):
    return (list(UNIT_KINDS).index(unit["kind"]) if unit["kind"] in UNIT_KINDS else 99, fold(unit["name"]))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
