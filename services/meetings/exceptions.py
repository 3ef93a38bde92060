"""Meetings errors: the shared typed errors (they cross RPC as themselves), plus
the ones only this service raises."""
from nameko.exceptions import deserialize_to_instance

from services.common.errors import (  # noqa: F401 (re-exported for callers)
    Conflict, FileRejected, InvalidTransition, NotFound, PermissionDenied, ValidationFailed)


@deserialize_to_instance
class MeetingNotFound(NotFound):
    pass


@deserialize_to_instance
class AlreadyVoted(Conflict):
    """This seat has already voted in this vote (by its member or their delegate)."""


@deserialize_to_instance
class QuorumNotReached(InvalidTransition):
    pass
