"""The generated gRPC stubs. They are committed (see ``codegen``); when the
.proto beside a source checkout has changed since, they are regenerated here
before import if the folder is writable, so a developer editing the .proto
never runs stale stubs."""
from __future__ import annotations

import logging
import os

from . import codegen

log = logging.getLogger(__name__)


def _refresh_if_stale() -> None:
    proto = codegen.PROTO_ROOT / codegen.PROTO
    if not proto.exists():
        return   # an installed package without the protos: use the committed stubs
    try:
        from ._generated import PROTO_SHA256
    except ImportError:
        PROTO_SHA256 = None
    if PROTO_SHA256 == codegen.proto_sha256():
        return
    if os.access(codegen.GENERATED.parent, os.W_OK):
        log.warning("portal.proto changed: regenerating the stubs")
        codegen.write()
    else:
        log.warning("portal.proto changed but the stubs are read-only; run python -m services.portal.codegen")


_refresh_if_stale()

from ._generated import portal_pb2 as pb  # noqa: E402
from ._generated import portal_pb2_grpc as pb_grpc  # noqa: E402

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["PortalService"].full_name

__all__ = ["pb", "pb_grpc", "SERVICE_NAME"]
