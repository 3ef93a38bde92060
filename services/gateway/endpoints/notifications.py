"""Thông báo: the signed-in person's in-app notices (the bell, the list, marking
read) and their notification preferences. Every call acts on the caller's own
notices only: the notifications service scopes them by the actor's user id."""
from __future__ import annotations

import logging

from nameko.exceptions import UnknownService

from .. import schemas
from ..exceptions import ServiceUnavailable
from ..http import api

log = logging.getLogger(__name__)

TAG = "Thông báo"
BASE = "/api/v1/notifications"


class NotificationEndpoints:
    @api("GET", BASE, "Thông báo của tôi (mới nhất trước; lọc chưa đọc, phân trang)", tag=TAG,
         query=schemas.NotificationsQuery, response=schemas.NotificationPage)
    def list_notifications(self, call):
        return self.notifications.inbox(call.actor, call.query.model_dump(mode="json"))

    @api("GET", BASE + "/unread-count", "Số thông báo chưa đọc (chuông thông báo)", tag=TAG,
         response=schemas.UnreadCount,
         description="Được gọi định kỳ từ mọi trang: khi dịch vụ thông báo tạm thời không trả lời, "
                     "trả về available=false thay vì lỗi để trang vẫn dùng được.")
    def unread_notifications(self, call):
        try:
            return {"unread": self.notifications.unread_count(call.actor)}
        except (UnknownService, ServiceUnavailable) as exc:
            log.warning("notifications unavailable for the bell: %s", exc)
            return {"unread": 0, "available": False}

    @api("POST", BASE + "/read", "Đánh dấu đã đọc các thông báo", tag=TAG, body=schemas.MarkReadIn,
         response=schemas.MarkReadResult, audit="notification.read")
    def mark_notifications_read(self, call):
        updated = self.notifications.mark_read(call.actor, list(call.body.ids))
        call.target = "notification_id=" + ",".join(call.body.ids)[:200]
        return {"updated": updated, "unread": self.notifications.unread_count(call.actor)}

    @api("POST", BASE + "/read-all", "Đánh dấu tất cả thông báo là đã đọc", tag=TAG,
         response=schemas.MarkReadResult, audit="notification.read_all")
    def mark_all_notifications_read(self, call):
        updated = self.notifications.mark_all_read(call.actor)
        return {"updated": updated, "unread": self.notifications.unread_count(call.actor)}

    @api("GET", BASE + "/preferences", "Cài đặt nhận thông báo của tôi", tag=TAG, response=schemas.Preferences)
    def get_notification_preferences(self, call):
        return self.notifications.get_preferences(call.actor)

    @api("PUT", BASE + "/preferences", "Lưu cài đặt nhận thông báo (kênh theo loại, giờ yên lặng, email tổng hợp)",
         tag=TAG, body=schemas.PreferencesIn, response=schemas.Preferences, audit="notification.preferences")
    def set_notification_preferences(self, call):
        call.target = "user_id=" + call.actor["user_id"]
        return self.notifications.set_preferences(call.actor, call.body.model_dump(mode="json"))
