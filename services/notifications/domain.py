"""Notification rules: which event notifies whom, of what kind, on which channels,
when to retry, and when email waits (quiet hours, digest). Pure: no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

INAPP, EMAIL, WEBHOOK = "inapp", "email", "webhook"
CHANNELS = (INAPP, EMAIL, WEBHOOK)
USER_CHANNELS = (INAPP, EMAIL)   # webhooks are subscriptions, not personal choices

URGENT_FROM = 1  # Khẩn and above


@dataclass(frozen=True)
class Kind:
    label: str                        # shown on the preferences page
    default_channels: tuple = (INAPP, EMAIL)
    critical: bool = False            # cannot be switched off in-app


KINDS: dict[str, Kind] = {
    "document_arrived": Kind("Văn bản đến đơn vị"),
    "document_assigned": Kind("Được giao xử lý văn bản"),
    "document_due_soon": Kind("Văn bản sắp đến hạn xử lý"),
    "document_overdue": Kind("Văn bản quá hạn xử lý", critical=True),
    "document_refused": Kind("Nơi nhận từ chối văn bản"),
    "document_completed": Kind("Nơi nhận hoàn thành xử lý", default_channels=(INAPP,)),
    "document_recall": Kind("Yêu cầu thu hồi/cập nhật văn bản", critical=True),
    "meeting_invitation": Kind("Giấy mời họp"),
    "meeting_updated": Kind("Thay đổi cuộc họp"),
    "meeting_cancelled": Kind("Hủy cuộc họp", critical=True),
    "meeting_vote_opened": Kind("Mở biểu quyết", default_channels=(INAPP,)),
    "meeting_minutes_published": Kind("Công bố biên bản họp"),
    "meeting_starting": Kind("Cuộc họp sắp bắt đầu", default_channels=(INAPP,)),
    "meeting_delegated": Kind("Được ủy quyền dự họp"),
    "meeting_opinion_requested": Kind("Xin ý kiến bằng văn bản"),
    "report_due_soon": Kind("Báo cáo sắp đến hạn"),
    "report_overdue": Kind("Báo cáo quá hạn", critical=True),
    "report_returned": Kind("Báo cáo bị trả lại"),
    "report_approved": Kind("Báo cáo được phê duyệt", default_channels=(INAPP,)),
}


# ---------------------------------------------------------------- who is told
@dataclass(frozen=True)
class UnitRole:
    """Everyone holding ``role`` in ``unit``."""
    unit: str
    role: str


@dataclass(frozen=True)
class User:
    user_id: str


@dataclass
class Notice:
    """What one event means for people, before recipients are resolved."""
    kind: str
    recipients: list
    context: dict
    urgent: bool = False
    link: str = "/"
    # users to leave out (the person who acted need not be told what they did)
    exclude: set = field(default_factory=set)


def _document_context(data: dict) -> dict:
    return {"symbol": data.get("symbol"), "summary": data.get("summary"), "document_id": data.get("document_id"),
            "item_id": data.get("item_id"),
            "sender_unit": data.get("sender_unit"), "recipient_unit": data.get("recipient_unit"),
            "urgent": (data.get("urgency") or 0) >= URGENT_FROM}


def notices_for(envelope: dict) -> list[Notice]:
    """The notices one event produces (possibly none)."""
    kind_of = {
        "document.delivered": _delivered, "document.assigned": _assigned, "document.overdue": _overdue,
        "document.refused": _refused, "document.completed": _completed,
        "document.recall_requested": _recall_requested,
    }
    kind_of.update({
        "meeting.invitation_sent": _meeting("meeting_invitation"),
        "meeting.updated": _meeting_updated, "meeting.cancelled": _meeting("meeting_cancelled", urgent=True),
        "meeting.vote_opened": _vote_opened, "meeting.minutes_published": _meeting("meeting_minutes_published"),
        "meeting.delegated": _delegated, "meeting.opinion_requested": _opinion_requested,
    })
    kind_of.update({"report.reminder_due": _report_reminder, "report.returned": _report_returned,
                    "report.approved": _report_approved})
    build = kind_of.get(envelope.get("type"))
    return build(envelope["data"]) if build else []


def _item_link(data):
    return f"/app/incoming/{data['item_id']}"


def _outgoing_link(data):
    return f"/app/outgoing/{data['document_id']}"


def _delivered(data):
    ctx = _document_context(data)
    return [Notice("document_arrived", [UnitRole(data["recipient_unit"], "van_thu")], ctx, ctx["urgent"],
                   _item_link(data))]


def _assigned(data):
    ctx = {**_document_context(data), "deadline": data.get("deadline"), "direction": data.get("direction")}
    people = [User(data["lead_user_id"])] + [User(u) for u in data.get("coordinator_ids") or []]
    return [Notice("document_assigned", people, {**ctx, "lead_user_id": data["lead_user_id"]}, ctx["urgent"],
                   _item_link(data), exclude={data.get("by")})]


def _overdue(data):
    ctx = {**_document_context(data), "deadline": data.get("deadline")}
    return [Notice("document_overdue", [User(data["lead_user_id"]), UnitRole(data["recipient_unit"], "lanh_dao")],
                   ctx, True, _item_link(data))]


def _refused(data):
    ctx = {**_document_context(data), "reason": data.get("reason")}
    return [Notice("document_refused", [UnitRole(data["sender_unit"], "van_thu")], ctx, ctx["urgent"],
                   _outgoing_link(data))]


def _completed(data):
    ctx = {**_document_context(data), "reply_symbol": data.get("reply_symbol")}
    return [Notice("document_completed", [UnitRole(data["sender_unit"], "van_thu")], ctx, False,
                   _outgoing_link(data))]


def _recall_requested(data):
    ctx = {"symbol": data.get("symbol"), "kind": data.get("kind"), "reason": data.get("reason"),
           "document_id": data.get("document_id"), "sender_unit": data.get("sender_unit")}
    return [Notice("document_recall", [UnitRole(unit, "van_thu") for unit in data["recipients"]], ctx, True,
                   "/app/incoming")]


# ---------------------------------------------------------------- channels
def channels_for(kind: str, preferences: dict | None, urgent: bool) -> list[str]:
    """The user's channels for a kind: their choice, or the kind's default; a
    critical kind always reaches the in-app inbox, and so does anything urgent."""
    spec = KINDS[kind]
    chosen = (preferences or {}).get("kinds", {}).get(kind)
    channels = list(chosen) if chosen is not None else list(spec.default_channels)
    if (spec.critical or urgent) and INAPP not in channels:
        channels.insert(0, INAPP)
    return [c for c in USER_CHANNELS if c in channels]


def check_preferences(kinds: dict) -> dict:
    """Problems in a preferences update, as {field: message}."""
    problems = {}
    for kind, channels in kinds.items():
        if kind not in KINDS:
            problems[f"kinds.{kind}"] = "Loại thông báo không tồn tại."
        elif any(c not in USER_CHANNELS for c in channels):
            problems[f"kinds.{kind}"] = "Kênh phải là inapp hoặc email."
        elif KINDS[kind].critical and INAPP not in channels:
            problems[f"kinds.{kind}"] = "Thông báo quan trọng không thể tắt trong ứng dụng."
    return problems


def in_quiet_hours(local_now: datetime, start: time | None, end: time | None) -> bool:
    """Quiet hours may wrap midnight (22:00–06:30)."""
    if start is None or end is None or start == end:
        return False
    t = local_now.time()
    return start <= t < end if start < end else (t >= start or t < end)


def quiet_hours_end(local_now: datetime, end: time) -> datetime:
    """The next moment the quiet period ends (local time)."""
    candidate = local_now.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    return candidate if candidate > local_now else candidate + timedelta(days=1)


def email_mode(urgent: bool, digest: bool, quiet: bool) -> str:
    """'now', 'later' (after quiet hours) or 'digest'. Urgent mail never waits."""
    if urgent:
        return "now"
    if digest:
        return "digest"
    return "later" if quiet else "now"


# ---------------------------------------------------------------- retries
def backoff(attempt: int, base: float = 2.0, cap: float = 3600.0) -> float:
    """Seconds before retry number ``attempt`` (1-based): base, 2·base, 4·base ... capped."""
    return min(base * (2 ** (attempt - 1)), cap)


def is_transient_http(status: int | None) -> bool:
    """Retry on timeouts/connection errors (None), 5xx and 429; a 4xx is final."""
    return status is None or status >= 500 or status == 429


def is_transient_smtp(code: int | None) -> bool:
    """SMTP 4xx replies and connection failures are temporary; 5xx (bad address) are not."""
    return code is None or 400 <= code < 500


def idempotency_key(event_id: str, user_id: str, channel: str) -> str:
    return f"{event_id}:{user_id}:{channel}"


def due_for_reminder(deadline: datetime, now: datetime, before: timedelta) -> bool:
    """A deadline within ``before`` from now, not yet passed."""
    return now < deadline <= now + before


# ---------------------------------------------------------------- meetings
def _meeting_context(data: dict) -> dict:
    # "title" is the notice's own title in the templates: the meeting's is meeting_title
    return {"meeting_title": data.get("title"), **{k: data.get(k) for k in ("meeting_id", "kind_label", "starts_at", "ends_at", "place",
                                     "online_url", "unit_code", "symbol", "invitation_number", "reason",
                                     "changes", "question", "request_title", "deadline", "notice_symbol")}}


def _meeting_link(data: dict) -> str:
    return f"/app/meetings/{data['meeting_id']}"


def _meeting(kind: str, urgent: bool = False):
    """Everyone taking part, but not the person who did it."""
    def build(data):
        return [Notice(kind, [User(u) for u in data.get("participant_ids") or []], _meeting_context(data), urgent,
                       _meeting_link(data), exclude={data.get("by")})]
    return build


def _meeting_updated(data):
    people = [User(u) for u in (data.get("participant_ids") or []) + (data.get("removed_ids") or [])]
    ctx = {**_meeting_context(data), "removed": data.get("removed_ids") or []}
    return [Notice("meeting_updated", people, ctx, False, _meeting_link(data), exclude={data.get("by")})]


def _vote_opened(data):
    # a vote is happening now: it must not wait for a digest or quiet hours
    return [Notice("meeting_vote_opened", [User(u) for u in data.get("voter_ids") or []], _meeting_context(data),
                   True, f"/app/meetings/{data['meeting_id']}/room")]


def _delegated(data):
    if data.get("action") != "granted":
        return []
    ctx = {**_meeting_context(data), "member_id": data.get("member_id"), "voting": data.get("voting")}
    return [Notice("meeting_delegated", [User(data["delegate_id"])], ctx, False, _meeting_link(data))]


def _opinion_requested(data):
    return [Notice("meeting_opinion_requested", [User(u) for u in data.get("recipient_ids") or []],
                   _meeting_context(data), False, _meeting_link(data), exclude={data.get("by")})]



# ---------------------------------------------------------------- reports
def _report_context(data: dict) -> dict:
    return {k: data.get(k) for k in ("form_code", "form_title", "period_id", "period_label", "unit_code",
                                     "unit_name", "deadline", "offset_days", "reason", "message")}


def _report_link(data: dict) -> str:
    return f"/app/reports/{data['form_code']}/{data['period_id']}"


def _report_reminder(data):
    """Before (or on) the deadline: due soon; after it: overdue, which cannot be muted."""
    kind = "report_overdue" if (data.get("offset_days") or 0) > 0 else "report_due_soon"
    roles = data.get("roles") or ["chuyen_vien", "lanh_dao"]
    return [Notice(kind, [UnitRole(data["unit_code"], role) for role in roles], _report_context(data),
                   kind == "report_overdue", _report_link(data))]


def _report_returned(data):
    return [Notice("report_returned", [UnitRole(data["unit_code"], "chuyen_vien"), UnitRole(data["unit_code"], "lanh_dao")],
                   _report_context(data), False, _report_link(data), exclude={data.get("by")})]


def _report_approved(data):
    return [Notice("report_approved", [UnitRole(data["unit_code"], "lanh_dao")], _report_context(data), False,
                   _report_link(data))]
