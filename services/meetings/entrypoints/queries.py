"""What people look at: a meeting's detail, their meetings (list and calendar),
the .ics export, the live room (polled) and the audit trail."""
from __future__ import annotations

from datetime import timedelta

from services.common.actor import LEADER, Actor
from services.common.clock import iso, local_date, parse_datetime, utcnow
from services.common.errors import PermissionDenied
from services.common.rpc import rpc
from services.common.text import search_terms, word_prefix_pattern

from .. import models, schemas, views
from ..domain import calendar, delegation, ics, quorum, schedule, speakers, votes
from ..domain.participants import RESPONSE_LABELS, ROLE_LABELS
from .base import MeetingsBase


class QueryEntrypoints(MeetingsBase):

    # ---------------------------------------------------------------- one meeting
    @rpc
    def get_meeting(self, actor: dict, meeting_id: str) -> dict:
        """Everything the meeting page shows, as the actor may see it."""
        actor = Actor.parse(actor)
        return self._detail(actor, self._meeting(actor, meeting_id))

    def _detail(self, actor: Actor, meeting: models.Meeting) -> dict:
        rows = list(models.Participant.objects(meeting_id=meeting.meeting_id))
        mandates = self._mandates(meeting.meeting_id)
        attendance, live_quorum = self._attendance(meeting, mandates)
        mine = next((p for p in rows if p.user_id == actor.user_id), None)
        manages = self._can_manage(actor, meeting)
        materials = self._materials_for(actor, meeting)
        agenda = []
        for n, item in enumerate(meeting.agenda, 1):
            agenda.append({**views.item_view(item, n),
                           "materials": [m for m in materials if m["item_id"] == item.item_id]})
        last = meeting.invitations[-1] if meeting.invitations else None
        published = meeting.status == schedule.PUBLISHED
        return {
            **views.meeting_summary(meeting), "description": meeting.description,
            "quorum_rule": meeting.quorum_rule, "quorum_rule_label": quorum.RULES[meeting.quorum_rule][3],
            "vote_threshold": meeting.vote_threshold,
            "vote_threshold_label": votes.THRESHOLDS[meeting.vote_threshold][4],
            "sequence": meeting.sequence, "current_item_id": meeting.current_item_id,
            "started_at": iso(meeting.started_at), "ended_at": iso(meeting.ended_at),
            "cancelled_at": iso(meeting.cancelled_at), "agenda": agenda,
            "participants": [views.participant_view(p, mandates) for p in views.ordered(rows)],
            "attendance": attendance, "quorum": live_quorum,
            "invitations": [views.invitation_view(i) for i in meeting.invitations],
            "invitation_outdated": bool(last and last.sequence < meeting.sequence),
            "paperwork": views.paperwork_view(meeting.paperwork) if (manages or published) else None,
            "votes": [views.vote_view(v) for v in models.Vote.objects(meeting_id=meeting.meeting_id).order_by("opened_at")],
            "me": self._me(actor, meeting, mine, mandates, manages),
        }

    def _me(self, actor: Actor, meeting: models.Meeting, row, mandates: list[dict], manages: bool) -> dict:
        gave = next((m for m in mandates if m["member_id"] == actor.user_id), None)
        return {"user_id": actor.user_id, "participant": row is not None,
                "role": row.role if row else None, "role_label": ROLE_LABELS[row.role] if row else None,
                "voting": bool(row and row.voting), "response": row.response if row else None,
                "present": bool(row and row.checked_in_at), "can_manage": manages,
                "is_chair": actor.user_id == meeting.chair_id, "is_secretary": actor.user_id == meeting.secretary_id,
                "seats": delegation.seats_of(actor.user_id, {"voting": row.voting} if row else None, mandates),
                "delegated_to": gave["delegate_id"] if gave else None,
                "mandate": gave, "holds_mandates_of": [m["member_id"] for m in mandates
                                                       if m["delegate_id"] == actor.user_id]}

    # ---------------------------------------------------------------- lists and calendar
    @rpc
    def my_meetings(self, actor: dict, query: dict | None = None) -> dict:
        """The actor's meetings (``scope`` mine), or — for a leader — those their
        unit organises (``scope`` unit); filters by dates, status and words."""
        actor = Actor.parse(actor)
        q = schemas.parse(schemas.MeetingsQuery, query or {})
        if q.scope == "unit":
            if not actor.has(LEADER):
                raise PermissionDenied("Chỉ lãnh đạo đơn vị mới xem được toàn bộ cuộc họp của đơn vị.")
            found = models.Meeting.objects(unit_code=actor.unit_id)
        else:
            found = models.Meeting.objects(meeting_id__in=self._my_meeting_ids(actor))
        if q.date_from:
            found = found(ends_at__gte=parse_datetime(q.date_from.isoformat() + "T00:00:00+07:00"))
        if q.date_to:
            found = found(starts_at__lte=parse_datetime(q.date_to))
        if q.status:
            found = found(status=q.status)
        for term in search_terms(q.q):
            found = found(__raw__={"search_text": {"$regex": word_prefix_pattern(term)}})
        found = found.order_by("starts_at" if q.date_from else "-starts_at")
        total = found.count()
        page = list(found.skip((q.page - 1) * q.page_size).limit(q.page_size))
        return {"items": self._rows_for(actor, page), "total": total, "page": q.page, "page_size": q.page_size}

    @rpc
    def calendar(self, actor: dict, query: dict | None = None) -> dict:
        """The actor's day, week (Monday–Sunday) or month, day by day."""
        actor = Actor.parse(actor)
        q = schemas.parse(schemas.CalendarQuery, query or {})
        day = q.date or local_date(utcnow())
        start, end = calendar.period(q.view, day)
        found = models.Meeting.objects(meeting_id__in=self._my_meeting_ids(actor), starts_at__lt=end,
                                       ends_at__gt=start)
        if not q.include_cancelled:
            found = found(status__ne=schedule.CANCELLED)
        meetings = list(found.order_by("starts_at"))
        rows = self._rows_for(actor, meetings)
        entries = [(m.starts_at, m.ends_at, row) for m, row in zip(meetings, rows)]
        return {"view": q.view, "date": day.isoformat(), "from": iso(start), "to": iso(end),
                "days": calendar.by_day(entries, start, end)}

    @rpc
    def export_ics(self, actor: dict, query: dict | None = None) -> dict:
        """The actor's meetings as an iCalendar file (text; small enough for RPC)."""
        actor = Actor.parse(actor)
        q = schemas.parse(schemas.IcsQuery, query or {})
        today = local_date(utcnow())
        start = parse_datetime((q.date_from or today - timedelta(days=30)).isoformat() + "T00:00:00+07:00")
        end = parse_datetime(q.date_to or today + timedelta(days=365))
        now = utcnow()
        found = models.Meeting.objects(meeting_id__in=self._my_meeting_ids(actor), starts_at__lte=end,
                                       ends_at__gte=start).order_by("starts_at")
        items = []
        for m in found:
            lines = [f"{schedule.KINDS[m.kind]} — {m.unit_name or m.unit_code}"]
            lines += [f"{n}. {i.title}" for n, i in enumerate(m.agenda, 1)]
            if m.status == schedule.CANCELLED and m.cancel_reason:
                lines.append(f"Đã hủy: {m.cancel_reason}")
            items.append(ics.event(f"{m.meeting_id}@eoffice", m.starts_at, m.ends_at, m.title, now,
                                   location=m.place or m.online_url, description="\n".join(lines),
                                   url=m.online_url, sequence=m.sequence, cancelled=m.status == schedule.CANCELLED))
        return {"filename": "lich-hop.ics", "content_type": "text/calendar; charset=utf-8",
                "content": ics.calendar(items, name="Lịch họp")}

    def _my_meeting_ids(self, actor: Actor) -> list[str]:
        return list(models.Participant.objects(user_id=actor.user_id).scalar("meeting_id"))

    def _rows_for(self, actor: Actor, meetings: list) -> list[dict]:
        mine = {p.meeting_id: p for p in models.Participant.objects(
            user_id=actor.user_id, meeting_id__in=[m.meeting_id for m in meetings])}
        rows = []
        for m in meetings:
            p = mine.get(m.meeting_id)
            rows.append({**views.meeting_summary(m), "my_role": p.role if p else None,
                         "my_role_label": ROLE_LABELS[p.role] if p else None,
                         "my_response": p.response if p else None,
                         "my_response_label": RESPONSE_LABELS[p.response] if p else None})
        return rows

    # ---------------------------------------------------------------- live room
    @rpc
    def room(self, actor: dict, meeting_id: str, since: str | None = None) -> dict:
        """The live meeting room, for polling: pass the ``version`` of the last
        answer as ``since`` and get ``{"changed": false}`` while nothing changed
        (a new ballot changes it too, so the chair sees the count move)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        open_vote = models.Vote.objects(meeting_id=meeting.meeting_id, status=votes.OPEN).first()
        version = f"{meeting.version}.{open_vote.ballots if open_vote else 0}"
        if since and since == version:
            return {"changed": False, "version": version}
        rows = list(models.Participant.objects(meeting_id=meeting.meeting_id))
        mandates = self._mandates(meeting.meeting_id)
        attendance, live_quorum = self._attendance(meeting, mandates)
        mine = next((p for p in rows if p.user_id == actor.user_id), None)
        item = next((i for i in meeting.agenda if i.item_id == meeting.current_item_id), None)
        position = [i.item_id for i in meeting.agenda].index(item.item_id) + 1 if item else None
        shown_vote = open_vote or models.Vote.objects(meeting_id=meeting.meeting_id,
                                                      status=votes.CLOSED).order_by("-closed_at").first()
        speaking = models.Speaker.objects(meeting_id=meeting.meeting_id, status=speakers.SPEAKING).first()
        return {
            "changed": True, "version": version, "meeting": views.meeting_summary(meeting),
            "agenda": [{"item_id": i.item_id, "position": n, "title": i.title} for n, i in enumerate(meeting.agenda, 1)],
            "current_item": {**views.item_view(item, position),
                             "materials": self._materials_for(actor, meeting, item.item_id)} if item else None,
            "speakers": self._speaker_list(meeting.meeting_id, item.item_id) if item else [],
            "speaking": views.speaker_view(speaking) if speaking else None,
            "vote": self._vote_for(actor, shown_vote) if shown_vote else None,
            "attendance": attendance, "quorum": live_quorum,
            "me": self._me(actor, meeting, mine, mandates, self._can_manage(actor, meeting)),
            "server_time": iso(utcnow()),
        }

    # ---------------------------------------------------------------- audit
    @rpc
    def audit_log(self, actor: dict, meeting_id: str, limit: int = 500) -> list:
        """Who did what, when (the chair, the secretary, the unit's leaders)."""
        actor = Actor.parse(actor)
        meeting = self._meeting(actor, meeting_id)
        self._require_manager(actor, meeting, "xem nhật ký cuộc họp")
        entries = models.AuditEntry.objects(meeting_id=meeting.meeting_id).order_by("at").limit(min(int(limit), 5000))
        return [views.audit_view(e) for e in entries]


