"""Directory rules: the unit tree, password hashing, the demo district."""
from services.directory import domain
from services.directory.seed import OFFICE, demo_units, demo_users


def test_tree_nests_units_under_parents():
    units = [{"code": "S1", "name": "Trường Tiểu học B", "kind": "TH", "parent": "O"},
             {"code": "S2", "name": "Trường Mầm non A", "kind": "MN", "parent": "O"},
             {"code": "O", "name": "Phòng GD&ĐT", "kind": "office", "parent": "C"},
             {"code": "C", "name": "UBND quận", "kind": "committee", "parent": None}]
    tree = domain.build_tree(units)
    assert [n["code"] for n in tree] == ["C"]
    office = tree[0]["children"][0]
    assert [c["code"] for c in office["children"]] == ["S2", "S1"]  # MN before TH
    assert domain.build_tree(units, root="O")[0]["code"] == "O"
    assert domain.build_tree(units, root="nope") == []


def test_passwords_are_hashed_and_verified():
    hashed = domain.hash_password("mật khẩu an toàn")
    assert "mật khẩu" not in hashed
    assert domain.verify_password(hashed, "mật khẩu an toàn")
    assert not domain.verify_password(hashed, "sai")
    assert not domain.verify_password(None, "x") and not domain.verify_password("garbage", "x")


def test_demo_district_has_thirty_schools_of_four_kinds_with_four_people_each():
    units = demo_units()
    schools = [u for u in units if domain.is_school(u["kind"])]
    assert len(schools) == 30
    assert {u["kind"] for u in schools} == {"MN", "TH", "TH&THCS", "THCS"}
    assert len({u["code"] for u in units}) == len(units)
    assert len({u["short_name"] for u in units}) == len(units)
    assert any(u["code"] == OFFICE and u["short_name"] == "GDĐT" for u in units)
    users, passwords = demo_users(units)
    assert len(users) == 4 * len(units) + 1
    assert len({u["username"] for u in users}) == len(users) == len(passwords)
    for unit in units:
        roles = sorted(r for u in users if u["unit_code"] == unit["code"] for r in u["roles"])
        assert roles == ["chuyen_vien", "chuyen_vien", "lanh_dao", "van_thu"] or unit["code"] == OFFICE
