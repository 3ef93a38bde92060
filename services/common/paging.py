"""One page of a mongoengine query, in the shape every list RPC answers with."""
from __future__ import annotations

from typing import Callable


def page_of(query, page: int, page_size: int, view: Callable) -> dict:
    total = query.count()
    rows = query.skip((page - 1) * page_size).limit(page_size)
    return {"items": [view(r) for r in rows], "total": total, "page": page, "page_size": page_size}
