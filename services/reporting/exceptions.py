"""Reporting errors: the shared typed errors, plus the ones only this service raises.
They cross RPC as themselves (the gateway and the portal edge map them)."""
from nameko.exceptions import deserialize_to_instance

from services.common.errors import (  # noqa: F401 (re-exported for callers)
    Conflict, FileRejected, InvalidTransition, NotFound, PermissionDenied, ValidationFailed)


@deserialize_to_instance
class FormNotFound(NotFound):
    pass


@deserialize_to_instance
class SubmissionNotFound(NotFound):
    pass


@deserialize_to_instance
class Locked(Conflict):
    """Approved data is locked until the office reopens it."""
