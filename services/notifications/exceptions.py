"""Notifications errors: the shared typed errors."""
from services.common.errors import NotFound, PermissionDenied, ValidationFailed  # noqa: F401
