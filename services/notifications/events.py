"""Events the notifications service publishes (exchange ``notifications.events``)."""
from services.common.events import EventType

SERVICE = "notifications"

REMINDER_SENT = EventType(
    "reminder.sent", 1, ("reminder_key", "kind", "user_ids", "subject_id", "due_at"),
    "A scheduled reminder (deadline near, meeting starting) went out, once per key. "
    "subject_id: the document item, report or meeting it is about.")
DELIVERY_FAILED = EventType(
    "notification.delivery_failed", 1, ("delivery_id", "channel", "user_id", "kind", "attempts", "detail"),
    "An email or webhook could not be delivered: a permanent error, or every retry failed. For operators.")

ALL = (REMINDER_SENT, DELIVERY_FAILED)
