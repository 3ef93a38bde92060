"""The audit log: every state-changing request — who (user, unit), what
(action, target), when, from where (IP), and how it ended (HTTP status) —
written to the gateway's MongoDB once the request has been handled, whether it
succeeded or was refused."""
from __future__ import annotations

import logging
import re

from nameko.extensions import DependencyProvider
from pymongo import DESCENDING

from services.common.clock import iso, utcnow
from services.common.config import Settings
from services.common.mongo import connect

from .exceptions import status_for
from .http import describe_target

log = logging.getLogger(__name__)

COLLECTION = "audit"


class AuditLog(DependencyProvider):
    def setup(self):
        self.collection = connect(self.container.service_name, Settings.from_config(self.container.config))[COLLECTION]

    def start(self):
        self.collection.create_index([("at", DESCENDING)])
        self.collection.create_index([("user_id", 1), ("at", DESCENDING)])

    def get_dependency(self, worker_ctx):
        return AuditReader(self.collection)

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        route = getattr(worker_ctx.entrypoint, "route", None)
        request = worker_ctx.args[0] if worker_ctx.args else None
        call = getattr(request, "eoffice_call", None)
        if route is None or not route.audit or call is None:
            return
        status = status_for(exc_info[1]) if exc_info else getattr(result, "status_code", 200)
        user = call.user or {}
        entry = {
            "at": utcnow(), "action": route.audit, "target": call.target or describe_target(call.path_values),
            "user_id": user.get("user_id"), "username": user.get("username") or call.username,
            "unit_id": user.get("unit_code"), "method": request.method, "path": request.path,
            "status": status, "ok": status < 400, "ip": call.ip,
            "user_agent": request.headers.get("User-Agent", "")[:300],
        }
        if exc_info:
            entry["error"] = getattr(exc_info[1], "code", type(exc_info[1]).__name__)
        try:
            self.collection.insert_one(entry)
        except Exception:  # the answer is already decided; losing the row must at least be loud
            log.exception("could not write the audit entry %s", {k: v for k, v in entry.items() if k != "at"})


class AuditReader:
    def __init__(self, collection):
        self.collection = collection

    def search(self, user_id: str | None = None, unit_id: str | None = None, action: str | None = None,
               target: str | None = None, page: int = 1, page_size: int = 50) -> dict:
        query: dict = {}
        if user_id:
            query["user_id"] = user_id
        if unit_id:
            query["unit_id"] = unit_id
        if action:
            query["action"] = action
        if target:
            query["target"] = {"$regex": re.escape(target)}
        total = self.collection.count_documents(query)
        rows = self.collection.find(query).sort("at", DESCENDING).skip((page - 1) * page_size).limit(page_size)
        return {"items": [_view(r) for r in rows], "total": total, "page": page, "page_size": page_size}


def _view(row: dict) -> dict:
    return {**{k: v for k, v in row.items() if k != "_id"}, "id": str(row["_id"]), "at": iso(row["at"])}
