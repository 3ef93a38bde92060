"""The web app's files, served by the gateway itself (no CDN, works offline)."""
from __future__ import annotations

from pathlib import Path

from werkzeug.exceptions import NotFound as WerkzeugNotFound
from werkzeug.utils import send_from_directory

from .exceptions import RouteNotFound

ROOT = Path(__file__).parent / "static"


def send(request, path: str):
    """A static file with an ETag; browsers revalidate (no-cache) so a new
    release is picked up without fingerprinted names."""
    try:
        response = send_from_directory(ROOT, path, request.environ, max_age=0)
    except WerkzeugNotFound:
        raise RouteNotFound("Không tìm thấy tệp.") from None
    response.headers["Cache-Control"] = "no-cache"
    return response
