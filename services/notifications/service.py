"""Notifications service entrypoints: event handlers that create notices,
channel dispatch with retries, reminders, digests, and the in-app inbox."""
from __future__ import annotations

from datetime import time as dtime, timedelta

from mongoengine import NotUniqueError
from nameko.rpc import RpcProxy

from services.common.actor import Actor
from services.common.cache import TTLCache
from services.common.clock import iso, parse_datetime, to_local, to_utc_naive, utcnow
from services.common.config import SettingsProvider
from services.common.errors import NotFound, ValidationFailed
from services.common.events import EventOutbox, configured_timer, event_handler
from services.common.mongo import MongoDatabase
from services.common.paging import page_of
from services.common.rpc import rpc
from services.common.schemas import load

from . import domain, events, models, schemas
from .channels import EmailSender, SendResult, WebhookSender
from .config import NotificationSettings
from .render import render

DOCUMENT_EVENTS = ("document.delivered", "document.assigned", "document.overdue", "document.refused",
                   "document.completed", "document.recall_requested", "document.recall_accepted")
URGENCY_LABELS = {0: "Thường", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc", 4: "Hỏa tốc hẹn giờ"}
CHANGE_LABELS = {"recall": "thu hồi", "update": "cập nhật", "replace": "thay thế"}

_people = TTLCache(ttl_seconds=60)   # "unit|role" -> [users], user id -> user
_units = TTLCache(ttl_seconds=300)


class NotificationsService:
    name = events.SERVICE

    db = MongoDatabase()
    outbox = EventOutbox()
    settings = SettingsProvider(NotificationSettings)
    directory = RpcProxy("directory")

    # ================================================================ events in
    @event_handler("documents", "document.delivered")
    def on_document_delivered(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.assigned")
    def on_document_assigned(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.overdue")
    def on_document_overdue(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.refused")
    def on_document_refused(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.completed")
    def on_document_completed(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.recall_requested")
    def on_document_recall_requested(self, envelope):
        self._handle(envelope)

    @event_handler("documents", "document.recall_accepted")
    def on_document_recall_accepted(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.scheduled")
    def on_meeting_scheduled(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.invitation_sent")
    def on_meeting_invitation_sent(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.updated")
    def on_meeting_updated(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.cancelled")
    def on_meeting_cancelled(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.vote_opened")
    def on_meeting_vote_opened(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.minutes_published")
    def on_meeting_minutes_published(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.delegated")
    def on_meeting_delegated(self, envelope):
        self._handle(envelope)

    @event_handler("meetings", "meeting.opinion_requested")
    def on_meeting_opinion_requested(self, envelope):
        self._handle(envelope)

    @event_handler("reporting", "report.reminder_due")
    def on_report_reminder_due(self, envelope):
        self._handle(envelope)

    @event_handler("reporting", "report.returned")
    def on_report_returned(self, envelope):
        self._handle(envelope)

    @event_handler("reporting", "report.approved")
    def on_report_approved(self, envelope):
        self._handle(envelope)

    @event_handler("directory", "user.updated")
    def on_user_updated(self, envelope):
        _people.invalidate()

    def _handle(self, envelope: dict) -> None:
        self._track_deadline(envelope)
        self._track_meeting(envelope)
        created = []
        for notice in domain.notices_for(envelope):
            created += self._publish(envelope["event_id"], envelope["type"], notice)
        self._dispatch(created)

    # ================================================================ notices
    def _publish(self, event_id: str, event_type: str, notice: domain.Notice) -> list[str]:
        """Store the notice for each recipient and queue its email/webhook deliveries.
        Every write is keyed on the event, so a repeated event adds nothing."""
        users = [u for u in self._resolve(notice.recipients) if u["user_id"] not in notice.exclude and u["active"]]
        context = self._enrich(notice.context)
        base_url = self.settings.APP_BASE_URL.rstrip("/")
        deliveries = []
        for user in users:
            ctx = {**context, "full_name": user["full_name"], "lead": user["user_id"] == context.get("lead_user_id")}
            title, text = render(notice.kind, ctx)
            note = self._notification(event_id, event_type, user["user_id"], notice, title, text)
            prefs = self._preferences(user["user_id"])
            channels = domain.channels_for(notice.kind, prefs, notice.urgent)
            if domain.EMAIL in channels and user.get("email"):
                deliveries += self._queue_email(event_id, user, note, prefs, base_url)
        deliveries += self._queue_webhooks(event_id, event_type, notice, context, base_url)
        return deliveries

    def _notification(self, event_id, event_type, user_id, notice, title, text) -> models.Notification:
        key = f"{event_id}:{user_id}:{notice.kind}"
        note = models.Notification(key=key, user_id=user_id, kind=notice.kind, title=title, text=text,
                                   link=notice.link, urgent=notice.urgent, event_id=event_id, event_type=event_type)
        try:
            note.save(force_insert=True)
            return note
        except NotUniqueError:
            return models.Notification.objects(key=key).first()

    def _queue_email(self, event_id, user, note, prefs, base_url) -> list[str]:
        now = utcnow()
        local = to_local(now)
        quiet_start, quiet_end = _hhmm(prefs.get("quiet_start")), _hhmm(prefs.get("quiet_end"))
        mode = domain.email_mode(note.urgent, prefs.get("digest", False),
                                 domain.in_quiet_hours(local, quiet_start, quiet_end))
        when = now
        if mode == "later":
            when = to_utc_naive(domain.quiet_hours_end(local, quiet_end))
        body = f"Kính gửi {user['full_name']},\n\n{note.text}\n\nXem chi tiết: {base_url}{note.link}\n\n" \
               f"-- \nHệ thống Văn phòng điện tử. Thay đổi cách nhận thông báo: {base_url}/app/notifications/preferences"
        delivery = models.Delivery(
            key=domain.idempotency_key(event_id, user["user_id"], domain.EMAIL), channel=domain.EMAIL,
            notification_id=note.notification_id, user_id=user["user_id"], address=user["email"],
            subject=note.title, body=body, status="digest" if mode == "digest" else "queued", next_attempt_at=when)
        return self._insert_delivery(delivery)

    def _queue_webhooks(self, event_id, event_type, notice, context, base_url) -> list[str]:
        units = {context.get("recipient_unit"), context.get("sender_unit"), context.get("unit_code"),
                 *context.get("recipients", [])} - {None}
        queued = []
        for sub in models.WebhookSubscription.objects(active=True):
            if sub.kinds and notice.kind not in sub.kinds:
                continue
            if sub.units and not units & set(sub.units):
                continue
            payload = {"event_id": event_id, "event_type": event_type, "kind": notice.kind, "urgent": notice.urgent,
                       "title": render(notice.kind, context)[0], "url": f"{base_url}{notice.link}",
                       "data": {k: v for k, v in context.items() if isinstance(v, (str, int, float, bool, type(None)))}}
            delivery = models.Delivery(
                key=domain.idempotency_key(event_id, sub.subscription_id, domain.WEBHOOK) + f":{notice.kind}",
                channel=domain.WEBHOOK, subscription_id=sub.subscription_id, address=sub.url, payload=payload)
            queued += self._insert_delivery(delivery)
        return queued

    @staticmethod
    def _insert_delivery(delivery: models.Delivery) -> list[str]:
        try:
            delivery.save(force_insert=True)
        except NotUniqueError:
            return []  # this event already produced this delivery
        return [delivery.delivery_id] if delivery.status == "queued" else []

    # ================================================================ recipients
    def _resolve(self, recipients: list) -> list[dict]:
        found: dict[str, dict] = {}
        for r in recipients:
            if isinstance(r, domain.UnitRole):
                key = f"{r.unit}|{r.role}"
                users = _people.get_many([key], lambda keys: {
                    k: self.directory.users_of_unit(*k.split("|")) for k in keys})[key]
                found.update({u["user_id"]: u for u in users})
        ids = [r.user_id for r in recipients if isinstance(r, domain.User) and r.user_id]
        if ids:
            found.update(_people.get_many(ids, self.directory.get_users))
        return list(found.values())

    def _enrich(self, ctx: dict) -> dict:
        codes = [c for c in (ctx.get("sender_unit"), ctx.get("recipient_unit")) if c]
        names = {code: unit["name"] for code, unit in _units.get_many(codes, self.directory.get_units).items()}
        return {**ctx, "sender_name": names.get(ctx.get("sender_unit"), ctx.get("sender_unit")),
                "recipient_name": names.get(ctx.get("recipient_unit"), ctx.get("recipient_unit")),
                "urgency_label": URGENCY_LABELS.get(ctx.get("urgency") or (1 if ctx.get("urgent") else 0), ""),
                "change_label": CHANGE_LABELS.get(ctx.get("kind"), "thu hồi")}

    def _preferences(self, user_id: str) -> dict:
        pref = models.Preference.objects(user_id=user_id).first()
        if pref is None:
            return {}
        return {"kinds": pref.kinds, "quiet_start": pref.quiet_start, "quiet_end": pref.quiet_end,
                "digest": pref.digest}

    # ================================================================ delivery
    @configured_timer("NOTIFY_DISPATCH_INTERVAL", NotificationSettings)
    def dispatch_due(self):
        self._dispatch(None)

    def _dispatch(self, delivery_ids: list[str] | None, limit: int = 200) -> int:
        """Send queued deliveries that are due; each is claimed first so two
        workers never send the same one."""
        now = utcnow()
        # a worker that died mid-send leaves "sending" behind: give it back after its claim expires
        models.Delivery.objects(status="sending", claimed_until__lt=now).update(
            set__status="queued", set__claimed_until=None)
        due = models.Delivery.objects(status="queued", next_attempt_at__lte=now)
        if delivery_ids is not None:
            if not delivery_ids:
                return 0
            due = due(delivery_id__in=delivery_ids)
        sent = 0
        email, webhook = EmailSender(self.settings), WebhookSender(self.settings)
        for delivery in due.order_by("next_attempt_at").limit(limit):
            if not models.Delivery.objects(delivery_id=delivery.delivery_id, status="queued").update_one(
                    set__status="sending", set__claimed_until=now + timedelta(seconds=120)):
                continue
            if delivery.channel == domain.EMAIL:
                result = email.send(delivery.address, delivery.subject, delivery.body, delivery.key)
            else:
                sub = models.WebhookSubscription.objects(subscription_id=delivery.subscription_id).first()
                result = webhook.send(delivery.address, sub.secret, delivery.payload, delivery.key) if sub else \
                    SendResult(False, False, "Đăng ký webhook không còn")
            sent += self._record(delivery, result)
        return sent

    def _record(self, delivery: models.Delivery, result) -> int:
        attempts = len(delivery.attempts) + 1
        attempt = models.Attempt(ok=result.ok, detail=result.detail)
        if result.ok:
            status, next_at = ("sent" if delivery.channel == domain.EMAIL else "delivered"), None
        elif result.transient and attempts < self.settings.NOTIFY_MAX_ATTEMPTS:
            status = "queued"
            next_at = utcnow() + timedelta(seconds=domain.backoff(attempts, self.settings.NOTIFY_RETRY_BASE))
        else:
            status, next_at = "failed", None
        models.Delivery.objects(delivery_id=delivery.delivery_id).update_one(
            set__status=status, push__attempts=attempt, set__next_attempt_at=next_at, set__claimed_until=None,
            set__updated_at=utcnow())
        if status == "failed":
            note = models.Notification.objects(notification_id=delivery.notification_id).first()
            self.outbox.add(events.DELIVERY_FAILED, {
                "delivery_id": delivery.delivery_id, "channel": delivery.channel, "user_id": delivery.user_id,
                "kind": note.kind if note else None, "attempts": attempts, "detail": result.detail})
        return int(result.ok)

    # ================================================================ reminders and digests
    def _track_deadline(self, envelope: dict) -> None:
        """Keep the read model of open assignments that reminders need."""
        data, kind = envelope["data"], envelope["type"]
        if kind == "document.assigned":
            deadline = parse_datetime(data.get("deadline"))
            users = [data["lead_user_id"], *(data.get("coordinator_ids") or [])]
            watch = models.DeadlineWatch.objects(item_id=data["item_id"]).first()
            changed = watch is None or watch.deadline != deadline
            models.DeadlineWatch.objects(item_id=data["item_id"]).update_one(
                upsert=True, set__user_ids=users, set__deadline=deadline, set__open=True,
                set__event_context={k: data.get(k) for k in ("item_id", "document_id", "symbol", "summary",
                                                              "sender_unit", "recipient_unit", "urgency")},
                **({"set__reminded": False} if changed else {}))
        elif kind in ("document.completed", "document.recall_accepted"):
            models.DeadlineWatch.objects(item_id=data["item_id"]).update_one(set__open=False)

    def _track_meeting(self, envelope: dict) -> None:
        """Keep the read model of upcoming meetings for the 'starting soon' reminder."""
        kind = envelope["type"]
        if not kind.startswith("meeting.") or kind in ("meeting.vote_opened", "meeting.vote_closed"):
            return
        data = envelope["data"]
        models.MeetingWatch.objects(meeting_id=data["meeting_id"]).update_one(
            upsert=True, set__starts_at=parse_datetime(data.get("starts_at")),
            set__user_ids=list(data.get("participant_ids") or []),
            set__open=data.get("status") not in ("cancelled", "ended", "closed") and kind not in (
                "meeting.cancelled", "meeting.minutes_published"),
            set__event_context={"meeting_title": data.get("title"), **{
                k: data.get(k) for k in ("meeting_id", "starts_at", "place", "online_url", "unit_code")}})

    @configured_timer("REMINDER_CHECK_INTERVAL", NotificationSettings)
    def check_reminders(self):
        self.send_due_reminders()
        self.send_meeting_reminders()
        self.send_digests()

    @rpc
    def send_meeting_reminders(self) -> int:
        """Tell participants a meeting starts within MEETING_REMINDER_MINUTES; once
        per meeting and start time (a rescheduled meeting is reminded again)."""
        now = utcnow()
        window = timedelta(minutes=self.settings.MEETING_REMINDER_MINUTES)
        sent, queued = 0, []
        for watch in models.MeetingWatch.objects(open=True, starts_at__gt=now, starts_at__lte=now + window):
            key = f"meeting:{watch.meeting_id}:{iso(watch.starts_at)}"
            try:
                models.Reminder(key=key).save(force_insert=True)
            except NotUniqueError:
                continue
            notice = domain.Notice("meeting_starting", [domain.User(u) for u in watch.user_ids],
                                   dict(watch.event_context), True, f"/app/meetings/{watch.meeting_id}")
            queued += self._publish(key, "reminder.meeting_starting", notice)
            self.outbox.add(events.REMINDER_SENT, {"reminder_key": key, "kind": "meeting_starting",
                                                   "user_ids": list(watch.user_ids), "subject_id": watch.meeting_id,
                                                   "due_at": iso(watch.starts_at)})
            sent += 1
        self._dispatch(queued)
        return sent

    @rpc
    def send_due_reminders(self) -> int:
        """Remind assignees the day before a processing deadline; each reminder once."""
        now = utcnow()
        window = timedelta(hours=self.settings.DUE_SOON_HOURS)
        sent, queued = 0, []
        for watch in models.DeadlineWatch.objects(open=True, reminded=False, deadline__gt=now,
                                                  deadline__lte=now + window):
            key = f"due:{watch.item_id}:{iso(watch.deadline)}"
            try:
                models.Reminder(key=key).save(force_insert=True)
            except NotUniqueError:
                continue
            ctx = {**watch.event_context, "deadline": iso(watch.deadline)}
            notice = domain.Notice("document_due_soon", [domain.User(u) for u in watch.user_ids], ctx,
                                   (ctx.get("urgency") or 0) >= domain.URGENT_FROM, f"/app/incoming/{watch.item_id}")
            queued += self._publish(key, "reminder.document_due_soon", notice)
            models.DeadlineWatch.objects(item_id=watch.item_id).update_one(set__reminded=True)
            self.outbox.add(events.REMINDER_SENT, {"reminder_key": key, "kind": "document_due_soon",
                                                   "user_ids": list(watch.user_ids), "subject_id": watch.item_id,
                                                   "due_at": iso(watch.deadline)})
            sent += 1
        self._dispatch(queued)
        return sent

    @rpc
    def send_digests(self, force: bool = False) -> int:
        """Once a day (after DIGEST_HOUR, local time), one email per user with the
        non-urgent notices that waited for the digest."""
        local = to_local(utcnow())
        if not force and local.hour < self.settings.DIGEST_HOUR:
            return 0
        day = local.strftime("%d/%m/%Y")
        by_user: dict[str, list] = {}
        for d in models.Delivery.objects(status="digest"):
            by_user.setdefault(d.user_id, []).append(d)
        base_url = self.settings.APP_BASE_URL.rstrip("/")
        queued = []
        for user_id, waiting in by_user.items():
            notes = {n.notification_id: n for n in
                     models.Notification.objects(notification_id__in=[d.notification_id for d in waiting])}
            items = [{"title": notes[d.notification_id].title, "text": notes[d.notification_id].text,
                      "url": base_url + (notes[d.notification_id].link or "/")} for d in waiting if d.notification_id in notes]
            user = self._resolve([domain.User(user_id)])
            if not user or not items:
                continue
            title, text = render("digest", {"day": day, "notices": items, "full_name": user[0]["full_name"],
                                            "office_name": ""})
            key = f"digest:{user_id}:{local.date().isoformat()}:{len(waiting)}"
            digest = models.Delivery(key=key, channel=domain.EMAIL, user_id=user_id, address=waiting[0].address,
                                     subject=title, body=text)
            queued += self._insert_delivery(digest)
            models.Delivery.objects(delivery_id__in=[d.delivery_id for d in waiting], status="digest").update(
                set__status="sent", push__attempts=models.Attempt(ok=True, detail=f"gộp vào bản tin {key}"))
        self._dispatch(queued)
        return len(queued)

    # ================================================================ inbox (in-app channel)
    @rpc
    def inbox(self, actor: dict, query: dict | None = None) -> dict:
        actor = Actor.parse(actor)
        q = load(schemas.InboxQuery, query or {})
        notes = models.Notification.objects(user_id=actor.user_id)
        if q.unread_only:
            notes = notes(read_at=None)
        result = page_of(notes.order_by("-created_at"), q.page, q.page_size, models.Notification.as_dict)
        return {**result, "unread": models.Notification.objects(user_id=actor.user_id, read_at=None).count()}

    @rpc
    def unread_count(self, actor: dict) -> int:
        return models.Notification.objects(user_id=Actor.parse(actor).user_id, read_at=None).count()

    @rpc
    def mark_read(self, actor: dict, notification_ids: list[str]) -> int:
        return models.Notification.objects(user_id=Actor.parse(actor).user_id, read_at=None,
                                           notification_id__in=list(notification_ids)).update(set__read_at=utcnow())

    @rpc
    def mark_all_read(self, actor: dict) -> int:
        return models.Notification.objects(user_id=Actor.parse(actor).user_id, read_at=None).update(
            set__read_at=utcnow())

    @rpc
    def deliveries(self, actor: dict, notification_id: str) -> list:
        """Delivery status and attempt history of one of my notices."""
        actor = Actor.parse(actor)
        note = models.Notification.objects(notification_id=notification_id, user_id=actor.user_id).first()
        if note is None:
            raise ValidationFailed("Không tìm thấy thông báo.", {"notification_id": "not_found"})
        return [d.as_dict() for d in models.Delivery.objects(notification_id=notification_id)]

    # ================================================================ preferences
    @rpc
    def get_preferences(self, actor: dict) -> dict:
        actor = Actor.parse(actor)
        prefs = self._preferences(actor.user_id)
        return {"kinds": {kind: {"label": spec.label, "critical": spec.critical,
                                 "channels": domain.channels_for(kind, prefs, False)}
                          for kind, spec in domain.KINDS.items()},
                "quiet_start": prefs.get("quiet_start"), "quiet_end": prefs.get("quiet_end"),
                "digest": prefs.get("digest", False)}

    @rpc
    def set_preferences(self, actor: dict, data: dict) -> dict:
        actor = Actor.parse(actor)
        spec = load(schemas.PreferencesIn, data)
        problems = domain.check_preferences(spec.kinds)
        if bool(spec.quiet_start) != bool(spec.quiet_end):
            problems["quiet_end"] = "Cần cả giờ bắt đầu và giờ kết thúc."
        if problems:
            raise ValidationFailed("Cài đặt thông báo không hợp lệ.", problems)
        current = self._preferences(actor.user_id).get("kinds", {})
        models.Preference.objects(user_id=actor.user_id).update_one(
            upsert=True, set__kinds={**current, **spec.kinds}, set__quiet_start=spec.quiet_start,
            set__quiet_end=spec.quiet_end, set__digest=spec.digest, set__updated_at=utcnow())
        return self.get_preferences(actor.as_dict())

    # ================================================================ webhooks
    @rpc
    def add_webhook(self, actor: dict, data: dict) -> dict:
        actor = Actor.parse(actor)
        actor.require("admin", "đăng ký webhook")
        spec = load(schemas.WebhookIn, data)
        unknown = [k for k in spec.kinds if k not in domain.KINDS]
        if unknown:
            raise ValidationFailed("Loại thông báo không tồn tại.", {"kinds": ", ".join(unknown)})
        sub = models.WebhookSubscription(name=spec.name, url=str(spec.url), secret=spec.secret, kinds=spec.kinds,
                                         units=spec.units)
        sub.save()
        return sub.as_dict()

    @rpc
    def list_webhooks(self, actor: dict) -> list:
        """Subscriptions with how their deliveries went: counts by status and the
        latest failure, so the IT team sees a receiver that stopped answering."""
        Actor.parse(actor).require("admin", "xem webhook")
        return [{**sub.as_dict(), **self._webhook_health(sub.subscription_id)}
                for sub in models.WebhookSubscription.objects()]

    @staticmethod
    def _webhook_health(subscription_id: str) -> dict:
        deliveries = models.Delivery.objects(channel=domain.WEBHOOK, subscription_id=subscription_id)
        counts = {status: deliveries(status=status).count() for status in ("delivered", "failed")}
        counts["pending"] = deliveries(status__in=["queued", "sending"]).count()
        failed = deliveries(status="failed").order_by("-updated_at").first()
        last_attempt = failed.attempts[-1] if failed and failed.attempts else None
        return {"deliveries": counts,
                "last_failure": {"at": iso(last_attempt.at), "detail": last_attempt.detail} if last_attempt else None}

    @rpc
    def test_webhook(self, actor: dict, subscription_id: str) -> dict:
        """Send a signed test notice now and say how the receiver answered."""
        actor = Actor.parse(actor)
        actor.require("admin", "thử webhook")
        sub = models.WebhookSubscription.objects(subscription_id=subscription_id, active=True).first()
        if sub is None:
            raise NotFound("Không tìm thấy webhook.")
        event_id = models.new_id()
        payload = {"event_id": event_id, "event_type": "notification.test", "kind": "test", "urgent": False,
                   "title": "Thử kết nối webhook từ Văn phòng điện tử", "url": None, "data": {"by": actor.user_id}}
        delivery = models.Delivery(key=domain.idempotency_key(event_id, sub.subscription_id, domain.WEBHOOK),
                                   channel=domain.WEBHOOK, subscription_id=sub.subscription_id, address=sub.url,
                                   payload=payload)
        self._insert_delivery(delivery)
        self._dispatch([delivery.delivery_id])
        return models.Delivery.objects(delivery_id=delivery.delivery_id).first().as_dict()

    @rpc
    def remove_webhook(self, actor: dict, subscription_id: str) -> None:
        Actor.parse(actor).require("admin", "xóa webhook")
        if not models.WebhookSubscription.objects(subscription_id=subscription_id).update_one(set__active=False):
            raise NotFound("Không tìm thấy webhook.")


def _hhmm(value: str | None) -> dtime | None:
    if not value:
        return None
    hour, minute = value.split(":")
    return dtime(int(hour), int(minute))
