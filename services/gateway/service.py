"""The gateway service: every HTTP endpoint (mixed in by area from
``endpoints/``) and the dependencies they use. The other services are reached
by RPC with the signed-in person's actor; files stream to S3."""
from __future__ import annotations

from nameko.dependency_providers import Config
from nameko.timer import timer

from services.common.storage import S3Storage
from services.common.events import event_handler
from services.common.mongo import MongoDatabase

from .audit import AuditLog
from .auth import Auth
# Imported as modules: `nameko run` takes every class with entrypoints found in
# this module's namespace for a service, and the mixins are not services.
from .endpoints import (account, admin, incoming, meetings, notifications, outgoing, paper, reporting, system,
                        units)
from .rpc import TimedRpcProxy
from .uploads import HeldUploads

HELD_UPLOADS = (paper.UPLOADS, meetings.UPLOADS)


class GatewayService(system.SystemEndpoints, account.AccountEndpoints, units.UnitEndpoints,
                     outgoing.OutgoingEndpoints, incoming.IncomingEndpoints, admin.AdminEndpoints,
                     notifications.NotificationEndpoints, paper.PaperEndpoints, meetings.MeetingEndpoints,
                     reporting.ReportingEndpoints):
    name = "gateway"

    config = Config()
    db = MongoDatabase()
    auth = Auth()
    audit = AuditLog()
    storage = S3Storage()
    documents = TimedRpcProxy("documents")
    directory = TimedRpcProxy("directory")
    notifications = TimedRpcProxy("notifications")
    meetings = TimedRpcProxy("meetings")
    reporting = TimedRpcProxy("reporting")

    @event_handler("directory", "user.updated")
    def on_user_updated(self, envelope: dict) -> None:
        """Roles, unit or status changed elsewhere: stop trusting the cached
        copy, and end the sessions of a deactivated account."""
        user = envelope["data"]["user"]
        self.auth.forget_user(user["user_id"])
        if not user.get("active", True):
            self.auth.revoke_user(user["user_id"])

    @timer(interval=3600)
    def purge_unused_uploads(self) -> int:
        """Files uploaded for a registration or an opinion request that never came."""
        return sum(HeldUploads(self.db, collection).purge_unused(self.storage) for collection in HELD_UPLOADS)
