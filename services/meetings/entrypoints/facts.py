"""Gathering what the meeting's papers say (``paperwork`` ``facts``) from the data."""
from __future__ import annotations

from services.common.clock import local_date, utcnow

from .. import models, paperwork
from ..domain import agenda, opinions, schedule, speakers
from ..domain.participants import CHAIR, DECLINE, DELEGATE, SECRETARY
from .base import MeetingsBase


class FactsMixin(MeetingsBase):

    def _facts(self, meeting: models.Meeting, full: bool = False) -> dict:
        rows = list(models.Participant.objects(meeting_id=meeting.meeting_id))
        by_id = {p.user_id: p for p in rows}
        units = self.people.units([meeting.unit_code, *{p.unit_code for p in rows}])
        unit = units.get(meeting.unit_code) or self.people.unit(meeting.unit_code)
        presenters = self.people.users([i.presenter_id for i in meeting.agenda if i.presenter_id])

        def person(p: models.Participant | None) -> dict | None:
            if p is None:
                return None
            return {"user_id": p.user_id, "full_name": p.full_name, "position": p.position,
                    "unit_code": p.unit_code, "unit_name": (units.get(p.unit_code) or {}).get("name"),
                    "role": p.role}

        chair = person(by_id.get(meeting.chair_id)) or {"full_name": meeting.chair_id, "position": ""}
        facts = {
            "title": meeting.title, "kind_label": schedule.KINDS[meeting.kind], "description": meeting.description,
            "starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "started_at": meeting.started_at,
            "ended_at": meeting.ended_at, "place": meeting.place, "online_url": meeting.online_url,
            "paperless": meeting.paperless, "today": local_date(utcnow()), "unit": unit, "chair": chair,
            "secretary": person(by_id.get(meeting.secretary_id)) if meeting.secretary_id else None,
            "invitees": self._invitees(meeting, rows, units),
            "agenda": [{"item_id": i.item_id, "title": i.title, "duration_minutes": i.duration_minutes,
                        "presenter_name": (presenters.get(i.presenter_id) or {}).get("full_name"),
                        "conclusion": i.conclusion} for i in meeting.agenda],
            "recipient_names": sorted({units[p.unit_code]["name"] for p in rows
                                       if p.unit_code in units and p.unit_code != meeting.unit_code}),
        }
        if full:
            self._record_facts(meeting, facts, rows, by_id, units)
        return facts

    def _invitees(self, meeting: models.Meeting, rows: list, units: dict) -> list[str]:
        refs = list(meeting.member_refs) + list(meeting.guest_refs)
        if refs:
            users = self.people.users([r["user_id"] for r in refs if r.get("user_id")])
            return [paperwork.describe_ref(r, users, units) for r in refs]
        return [", ".join(x for x in (f"Đồng chí {p.full_name}", p.position,
                                      (units.get(p.unit_code) or {}).get("name")) if x)
                for p in rows if p.role not in (CHAIR, SECRETARY, DELEGATE)] or ["Các đại biểu theo danh sách"]

    def _record_facts(self, meeting: models.Meeting, facts: dict, rows: list, by_id: dict, units: dict) -> None:
        """What happened: attendance, delegations, speakers, votes, opinions."""
        mandates = self._mandates(meeting.meeting_id)
        facts["attendance"], facts["quorum"] = self._attendance(meeting, mandates)
        name = lambda uid: by_id[uid].full_name if uid in by_id else uid  # noqa: E731
        given = {m["member_id"]: m["delegate_id"] for m in mandates}
        facts["delegations"] = [{"member_name": name(m["member_id"]), "delegate_name": name(m["delegate_id"])}
                                for m in mandates]
        facts["participants"] = []
        for p in rows:
            absence = p.absence_reason
            if not absence and p.user_id in given:
                absence = f"ủy quyền cho {name(given[p.user_id])}"
            if not absence and p.response == DECLINE:
                absence = p.response_reason
            facts["participants"].append({
                "user_id": p.user_id, "full_name": p.full_name, "position": p.position,
                "unit_name": (units.get(p.unit_code) or {}).get("name"), "role": p.role,
                "checked_in_at": p.checked_in_at, "late": p.late, "minutes_late": p.minutes_late,
                "absence": absence})
        items = {i["item_id"]: {**i, "materials": [], "speakers": [], "votes": []} for i in facts["agenda"]}
        other = {"item_id": None, "title": "Nội dung khác", "materials": [], "speakers": [], "votes": [],
                 "conclusion": None}
        for mat in models.Material.objects(meeting_id=meeting.meeting_id):
            current = agenda.current_approved([{"version": v.version, "status": v.status} for v in mat.versions])
            if current:
                items.get(mat.item_id, other)["materials"].append(
                    mat.title + (f" (phiên bản {current['version']})" if current["version"] > 1 else ""))
        for s in models.Speaker.objects(meeting_id=meeting.meeting_id, status=speakers.DONE).order_by("started_at"):
            items.get(s.item_id, other)["speakers"].append({"full_name": s.full_name, "seconds": s.seconds})
        for v in models.Vote.objects(meeting_id=meeting.meeting_id, status="closed").order_by("opened_at"):
            items.get(v.item_id, other)["votes"].append(
                {"question": v.question, "secret": v.secret, "results": dict(v.results)})
        facts["agenda"] = list(items.values()) + ([other] if other["speakers"] or other["votes"] else [])
        facts["opinions"] = []
        for req in models.OpinionRequest.objects(meeting_id=meeting.meeting_id).order_by("created_at"):
            answers = [{"user_id": a.user_id, "agree": a.agree, "comment": a.comment}
                       for a in models.OpinionAnswer.objects(request_id=req.request_id)]
            summary = opinions.consolidate([{"user_id": u} for u in req.recipient_ids], answers)
            facts["opinions"].append({"title": req.title, "answered": summary["answered"],
                                      "expected": summary["expected"], "agree": summary["agree"]})
