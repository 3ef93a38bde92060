"""Directory errors: the shared typed errors, plus the ones only this service raises."""
from services.common.errors import NotFound, ValidationFailed  # noqa: F401 (re-export)
from nameko.exceptions import deserialize_to_instance


@deserialize_to_instance
class UnitNotFound(NotFound):
    pass


@deserialize_to_instance
class UserNotFound(NotFound):
    pass
