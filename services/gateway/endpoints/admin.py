"""Administration (role admin): units, users, passwords, the audit log, and the
webhooks through which other systems (a chat bot, the portal) get notices.

The directory's RPC takes no actor, so the admin role is checked here, at the
only door people have to it."""
from __future__ import annotations

from services.common.actor import ADMIN
from services.common.errors import Conflict
from services.directory.exceptions import UserNotFound

from .. import schemas
from ..http import api

TAG = "Quản trị"
ADMIN_ONLY = (ADMIN,)
USER = "/api/v1/admin/users/<user_id>"
WEBHOOKS = "/api/v1/admin/webhooks"
# what upsert_user accepts besides the username and password
USER_FIELDS = ("full_name", "position", "unit_code", "roles", "email", "active")


class AdminEndpoints:
    @api("GET", "/api/v1/admin/units", "Tất cả đơn vị (kể cả ngừng hoạt động)", tag=TAG, roles=ADMIN_ONLY,
         response=schemas.UnitList)
    def admin_units(self, call):
        return {"items": self.directory.all_units()}

    @api("PUT", "/api/v1/admin/units/<code>", "Thêm hoặc sửa đơn vị", tag=TAG, roles=ADMIN_ONLY,
         body=schemas.UnitBody, response=schemas.Unit, audit="admin.unit_upsert")
    def admin_put_unit(self, call, code):
        return self.directory.upsert_unit({**call.body.model_dump(mode="json"), "code": code})

    @api("GET", "/api/v1/admin/users", "Người dùng (theo đơn vị)", tag=TAG, roles=ADMIN_ONLY,
         query=schemas.AdminUsersQuery, response=schemas.UserList)
    def admin_users(self, call):
        return {"items": self.directory.list_users(call.query.unit_code, call.query.include_inactive)}

    @api("POST", "/api/v1/admin/users", "Thêm người dùng", tag=TAG, roles=ADMIN_ONLY, body=schemas.UserCreateIn,
         response=schemas.User, status=201, audit="admin.user_create")
    def admin_create_user(self, call):
        try:
            self.directory.find_user(call.body.username)
        except UserNotFound:
            return self.directory.upsert_user(call.body.model_dump(mode="json", exclude_none=True))
        raise Conflict("Tên đăng nhập đã được dùng.", {"username": "Đã tồn tại."})

    @api("PATCH", USER, "Sửa người dùng (vai trò, đơn vị, khóa/mở)", tag=TAG, roles=ADMIN_ONLY,
         body=schemas.UserPatch, response=schemas.User, audit="admin.user_update")
    def admin_update_user(self, call, user_id):
        current = self.directory.get_user(user_id)
        changes = call.body.model_dump(mode="json", exclude_unset=True)
        merged = {"username": current["username"],
                  **{k: current[k] for k in USER_FIELDS if current.get(k) is not None}, **changes}
        user = self.directory.upsert_user(merged)
        self.auth.forget_user(user_id)
        if not user["active"]:
            self.auth.revoke_user(user_id)
        return user

    @api("POST", USER + "/password", "Đặt lại mật khẩu", tag=TAG, roles=ADMIN_ONLY, body=schemas.ResetPasswordIn,
         status=204, audit="admin.user_password",
         description="Mọi phiên đăng nhập của người dùng bị thu hồi.")
    def admin_reset_password(self, call, user_id):
        self.directory.set_password(user_id, call.body.new_password)
        self.auth.revoke_user(user_id)

    @api("GET", "/api/v1/admin/audit", "Nhật ký thao tác", tag=TAG, roles=ADMIN_ONLY, query=schemas.AuditQuery,
         response=schemas.AuditPage)
    def admin_audit(self, call):
        return self.audit.search(**call.query.model_dump(exclude_none=True))

    @api("GET", WEBHOOKS, "Webhook nhận thông báo và tình trạng gửi", tag=TAG, roles=ADMIN_ONLY,
         response=schemas.WebhookList)
    def admin_webhooks(self, call):
        return {"items": self.notifications.list_webhooks(call.actor)}

    @api("POST", WEBHOOKS, "Đăng ký webhook", tag=TAG, roles=ADMIN_ONLY, body=schemas.WebhookIn,
         response=schemas.Webhook, status=201, audit="admin.webhook_add")
    def admin_add_webhook(self, call):
        hook = self.notifications.add_webhook(call.actor, call.body.model_dump(mode="json"))
        call.target = "subscription_id=" + hook["subscription_id"]
        return hook

    @api("DELETE", WEBHOOKS + "/<subscription_id>", "Ngừng webhook", tag=TAG, roles=ADMIN_ONLY, status=204,
         audit="admin.webhook_remove")
    def admin_remove_webhook(self, call, subscription_id):
        self.notifications.remove_webhook(call.actor, subscription_id)

    @api("POST", WEBHOOKS + "/<subscription_id>/test", "Gửi thử một thông báo tới webhook", tag=TAG,
         roles=ADMIN_ONLY, response=schemas.WebhookTestResult, audit="admin.webhook_test")
    def admin_test_webhook(self, call, subscription_id):
        return self.notifications.test_webhook(call.actor, subscription_id)
