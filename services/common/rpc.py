"""The services' ``@rpc``: nameko's, with our typed errors declared expected.

A refused command (not found, no permission, bad input, a conflict) is the
caller's answer, not a fault of the service: nameko then logs it as an
"(expected) error" warning, which ``logs.ExpectedErrorsWithoutTraceback`` keeps
to one line, instead of an error with a traceback that would hide real faults."""
from __future__ import annotations

from nameko.rpc import rpc as _nameko_rpc

from .errors import EofficeError

EXPECTED = (EofficeError,)


def rpc(fn):
    return _nameko_rpc(expected_exceptions=EXPECTED)(fn)
