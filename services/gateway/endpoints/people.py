"""Names for the user ids inside a document view (history, assignment), so
screens show people, not ids."""
from __future__ import annotations


def _ids(view: dict) -> set[str]:
    ids = {view.get(k) for k in ("created_by", "issued_by", "registered_by")}
    ids |= {h.get("by") for h in view.get("history") or ()}
    assignment = view.get("assignment") or {}
    ids |= {assignment.get("lead_user_id"), assignment.get("assigned_by"), *assignment.get("coordinator_ids", ())}
    ids |= {(view.get("change") or {}).get("answered_by")}
    ids |= {c.get("requested_by") for c in view.get("change_requests") or ()}
    return {i for i in ids if i}


def with_people(directory, view: dict) -> dict:
    ids = _ids(view)
    users = directory.get_users(sorted(ids)) if ids else {}
    return {**view, "people": {uid: u["full_name"] for uid, u in users.items()}}
