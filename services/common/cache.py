"""A small TTL cache for what services look up from each other by RPC (units,
users). Entries are dropped early when the owner's change events arrive."""
from __future__ import annotations

import time
import weakref
from typing import Callable, Iterable


class TTLCache:
    _all: "weakref.WeakSet[TTLCache]" = weakref.WeakSet()

    def __init__(self, ttl_seconds: float = 60.0):
        self.ttl = ttl_seconds
        self._entries: dict[str, tuple[float, dict]] = {}
        TTLCache._all.add(self)

    @classmethod
    def invalidate_all(cls) -> None:
        """Forget everything every cache holds (tests start from a clean slate)."""
        for cache in list(cls._all):
            cache.invalidate()

    def get_many(self, keys: Iterable[str], load: Callable[[list[str]], dict]) -> dict:
        """Cached values for ``keys``; the missing ones come from ``load(missing)``
        in one call (which returns {key: value}; unknown keys are left out)."""
        now = time.monotonic()
        found, missing = {}, []
        for key in dict.fromkeys(keys):
            entry = self._entries.get(key)
            if entry and entry[0] > now:
                found[key] = entry[1]
            else:
                missing.append(key)
        if missing:
            loaded = load(missing)
            for key, value in loaded.items():
                self._entries[key] = (now + self.ttl, value)
            found.update(loaded)
        return found

    def invalidate(self, key: str | None = None) -> None:
        if key is None:
            self._entries.clear()
        else:
            self._entries.pop(key, None)
