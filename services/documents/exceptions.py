"""Documents errors: the shared typed errors, plus the ones only this service raises."""
from nameko.exceptions import deserialize_to_instance

from services.common.errors import (  # noqa: F401 (re-exported for callers)
    Conflict, FileRejected, InvalidTransition, NotFound, PermissionDenied, ValidationFailed)


@deserialize_to_instance
class DocumentNotFound(NotFound):
    pass


@deserialize_to_instance
class AlreadyIssued(Conflict):
    pass
