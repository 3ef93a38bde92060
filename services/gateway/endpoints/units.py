"""Units and people, for picking recipients and assignees."""
from __future__ import annotations

from services.directory.domain import SCHOOL_KINDS

from .. import schemas
from ..http import api

TAG = "Danh bạ"


def recipient_groups(tree: list[dict], own_unit: str) -> list[dict]:
    """Shortcuts for the recipient picker: every school, then every school of
    each kind (MN, TH, ...), leaving out the sender's own unit."""
    units = []
    stack = list(tree)
    while stack:
        node = stack.pop()
        units.append(node)
        stack.extend(node.get("children") or ())
    schools = sorted((u for u in units if u["kind"] in SCHOOL_KINDS and u["code"] != own_unit),
                     key=lambda u: u["name"])
    groups = [{"key": "schools", "label": "Tất cả các trường", "codes": [u["code"] for u in schools]}]
    for kind, label in SCHOOL_KINDS.items():
        codes = [u["code"] for u in schools if u["kind"] == kind]
        if codes:
            groups.append({"key": kind, "label": f"Tất cả trường {label} ({kind})", "codes": codes})
    return groups


class UnitEndpoints:
    @api("GET", "/api/v1/units/tree", "Cây đơn vị và lối tắt chọn nơi nhận", tag=TAG, response=schemas.UnitTree)
    def unit_tree(self, call):
        tree = self.directory.unit_tree()
        return {"tree": tree, "groups": recipient_groups(tree, call.actor["unit_id"])}

    @api("GET", "/api/v1/units", "Danh sách đơn vị (lọc theo loại)", tag=TAG, query=schemas.UnitsQuery,
         response=schemas.UnitList)
    def units(self, call):
        return {"items": self.directory.list_units(kind=call.query.kind)}

    @api("GET", "/api/v1/my-unit/users", "Cán bộ của đơn vị tôi (để phân công)", tag=TAG,
         query=schemas.UnitUsersQuery, response=schemas.UserList)
    def my_unit_users(self, call):
        return {"items": self.directory.users_of_unit(call.actor["unit_id"], role=call.query.role)}
