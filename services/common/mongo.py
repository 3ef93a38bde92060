"""MongoDB access: one database per service, selected by ``MONGO_URI``.

``mongomock://`` gives an in-memory mongomock client (tests and demo runs); any
other URI is a real MongoDB. Models declare ``db_alias`` = their service name.
"""
from __future__ import annotations

import logging

import mongoengine
from mongoengine.connection import get_db
from nameko.extensions import DependencyProvider

from .config import Settings

log = logging.getLogger(__name__)
_warned = False


def is_mock(uri: str) -> bool:
    return uri.startswith("mongomock://")


def connect(alias: str, settings: Settings):
    """Register the connection for ``alias`` (idempotent) and return its database."""
    global _warned
    if alias not in mongoengine.connection._connection_settings:
        db_name = f"{settings.MONGO_DB_PREFIX}{alias}"
        if is_mock(settings.MONGO_URI):
            import mongomock

            if not _warned:
                log.warning("MONGO_URI is mongomock: data lives in memory and is lost on exit")
                _warned = True
            mongoengine.connect(db=db_name, alias=alias, host="mongodb://localhost",
                                mongo_client_class=mongomock.MongoClient, uuidRepresentation="standard")
        else:
            mongoengine.connect(db=db_name, alias=alias, host=settings.MONGO_URI,
                                uuidRepresentation="standard")
    return get_db(alias)


def drop(alias: str) -> None:
    """Drop a service's database (tests)."""
    db = get_db(alias)
    db.client.drop_database(db.name)


class MongoDatabase(DependencyProvider):
    """Connects the service's database at start-up and injects the raw pymongo
    database (for outbox/idempotency collections); models use ``db_alias``."""

    def __init__(self, alias: str | None = None):
        self.alias = alias

    def setup(self):
        self.alias = self.alias or self.container.service_name
        self.db = connect(self.alias, Settings.from_config(self.container.config))

    def get_dependency(self, worker_ctx):
        return self.db
