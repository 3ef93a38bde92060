"""Units asked of the directory service by RPC, through a cache of the service's
own (dropped early when the directory announces a change)."""
from __future__ import annotations

from .cache import TTLCache
from .errors import NotFound


class UnitLookup:
    """Mixed into a service with a ``directory`` RPC proxy and a ``unit_cache``
    (a ``TTLCache`` it invalidates on the directory's unit events)."""

    unit_cache: TTLCache

    def _units(self, codes: list[str]) -> dict:
        """code -> unit for the known ones, in one RPC for those not cached."""
        return self.unit_cache.get_many(codes, self.directory.get_units)

    def _unit(self, code: str) -> dict:
        unit = self._units([code]).get(code)
        if unit is None:
            raise NotFound(f"Không tìm thấy đơn vị {code}.")
        return unit
