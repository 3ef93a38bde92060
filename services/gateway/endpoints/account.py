"""Login, logout, password, the signed-in person, and reference lists."""
from __future__ import annotations

from services.common.actor import ROLE_LABELS
from services.directory.domain import UNIT_KINDS
from services.documents import domain as documents_domain

from .. import schemas
from ..http import api

TAG = "Tài khoản"

CATALOG = schemas.Catalog(
    document_types=[{"code": c, "label": n} for c, n in documents_domain.DOCUMENT_TYPES.items()],
    urgency=[{"value": v, "label": n} for v, n in documents_domain.URGENCY.items()],
    confidentiality=[{"value": v, "label": n} for v, n in documents_domain.CONFIDENTIALITY.items()],
    statuses=[{"code": c, "label": n} for c, n in documents_domain.STATUS_LABELS.items()],
    signer_authorities=list(documents_domain.SIGNER_AUTHORITIES),
    roles=[{"code": c, "label": n} for c, n in ROLE_LABELS.items()],
    unit_kinds=[{"code": c, "label": n} for c, n in UNIT_KINDS.items()],
)


class AccountEndpoints:
    @api("POST", "/api/v1/auth/login", "Đăng nhập", tag=TAG, auth=False, body=schemas.LoginIn,
         response=schemas.Session, audit="auth.login",
         description="Trả về mã phiên (Bearer) và đặt cookie phiên HttpOnly cho ứng dụng web. "
                     "Sai nhiều lần liên tiếp sẽ bị tạm khóa (429).")
    def login(self, call):
        return self.auth.login(call, call.body.username, call.body.password)

    @api("POST", "/api/v1/auth/logout", "Đăng xuất (thu hồi phiên)", tag=TAG, audit="auth.logout", status=204)
    def logout(self, call):
        self.auth.logout(call)

    @api("POST", "/api/v1/auth/password", "Đổi mật khẩu", tag=TAG, body=schemas.ChangePasswordIn,
         audit="auth.change_password", status=204,
         description="Các phiên đăng nhập khác của người dùng bị thu hồi.")
    def change_password(self, call):
        self.auth.change_password(call, call.body.current_password, call.body.new_password)

    @api("GET", "/api/v1/me", "Người dùng đang đăng nhập", tag=TAG, response=schemas.Me)
    def me(self, call):
        unit = self.directory.get_units([call.actor["unit_id"]]).get(call.actor["unit_id"])
        return {"user": call.user, "unit": unit,
                "role_labels": [ROLE_LABELS.get(r, r) for r in call.actor["roles"]]}

    @api("GET", "/api/v1/catalog", "Danh mục: loại văn bản, độ khẩn, độ mật, trạng thái, vai trò", tag=TAG,
         response=schemas.Catalog)
    def catalog(self, call):
        return CATALOG
