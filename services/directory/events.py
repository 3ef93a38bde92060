"""Events the directory publishes (exchange ``directory.events``). Consumers use
them to refresh caches of units and users; passwords never appear in them."""
from services.common.events import EventType

SERVICE = "directory"

UNIT_CREATED = EventType("unit.created", 1, ("unit",),
                         "A unit was added. data.unit: the unit as get_unit returns it.")
UNIT_UPDATED = EventType("unit.updated", 1, ("unit",),
                         "A unit's name, symbol, kind, parent or status changed. data.unit: the new state.")
USER_CREATED = EventType("user.created", 1, ("user",),
                         "A user was added. data.user: the user as get_user returns it (no password hash).")
USER_UPDATED = EventType("user.updated", 1, ("user",),
                         "A user's details, roles, unit or status changed. data.user: the new state.")

ALL = (UNIT_CREATED, UNIT_UPDATED, USER_CREATED, USER_UPDATED)
