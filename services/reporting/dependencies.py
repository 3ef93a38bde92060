"""nameko dependencies of the reporting service."""
from __future__ import annotations

from pymongo import ASCENDING

from services.common.mongo import MongoDatabase

from . import models

# the raw collections' queries (mongoengine declares the documents' own indexes)
RAW_INDEXES = {
    models.KPI_FACTS: [[("unit", ASCENDING), ("month", ASCENDING)], [("kind", ASCENDING), ("meeting_id", ASCENDING)]],
    models.REMINDERS_SENT: [[("form", ASCENDING), ("period", ASCENDING)]],
    models.APPROVAL_LOG: [[("state", ASCENDING), ("_id", ASCENDING)]],
}


class ReportingDatabase(MongoDatabase):
    """The service's database, with the indexes its raw read models need."""

    def setup(self):
        super().setup()
        for collection, indexes in RAW_INDEXES.items():
            for keys in indexes:
                self.db[collection].create_index(keys)
