"""Typed errors shared by every service.

They cross nameko RPC as themselves (``deserialize_to_instance``), so a caller can
``except NotFound`` and the gateway maps each to an HTTP status in one table.
Messages are Vietnamese because they reach people; ``code`` is for machines.
"""
from __future__ import annotations

from nameko.exceptions import deserialize_to_instance


class EofficeError(Exception):
    code = "ERROR"

    def __init__(self, message: str = "", fields: dict | None = None):
        super().__init__(message, fields or {})

    @property
    def message(self) -> str:
        return self.args[0]

    @property
    def fields(self) -> dict:
        return self.args[1] if len(self.args) > 1 else {}

    def __str__(self) -> str:
        if self.fields:
            return f"{self.message} {self.fields}"
        return self.message


@deserialize_to_instance
class NotFound(EofficeError):
    code = "NOT_FOUND"


@deserialize_to_instance
class ValidationFailed(EofficeError):
    """Bad input; ``fields`` maps a field name to its message."""
    code = "VALIDATION_FAILED"


@deserialize_to_instance
class PermissionDenied(EofficeError):
    code = "PERMISSION_DENIED"


@deserialize_to_instance
class Conflict(EofficeError):
    code = "CONFLICT"


@deserialize_to_instance
class InvalidTransition(EofficeError):
    """A status change the workflow does not allow from the current status."""
    code = "INVALID_TRANSITION"


@deserialize_to_instance
class StorageError(EofficeError):
    code = "STORAGE_ERROR"


@deserialize_to_instance
class FileRejected(ValidationFailed):
    """An uploaded file refused before anything was kept."""
    code = "FILE_REJECTED"
