"""Directory persistence (database ``<prefix>directory``)."""
from mongoengine import BooleanField, DateTimeField, Document, ListField, StringField

from services.common.clock import iso, utcnow

ALIAS = "directory"


class Unit(Document):
    """An organisation unit; its electronic id code (e.g. 000.00.31.H26) is the key."""
    code = StringField(primary_key=True)
    name = StringField(required=True)
    short_name = StringField(required=True)   # symbol used in document numbers: GDĐT
    kind = StringField(required=True)
    parent = StringField()
    place = StringField()                     # place name on documents: "Đồ Sơn"
    superior_name = StringField()             # "UBND QUẬN ĐỒ SƠN" above the unit name
    email = StringField()
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "units", "indexes": ["kind", "parent"]}

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "short_name": self.short_name, "kind": self.kind,
                "parent": self.parent, "place": self.place, "superior_name": self.superior_name,
                "email": self.email, "active": self.active, "updated_at": iso(self.updated_at)}


class User(Document):
    user_id = StringField(primary_key=True)
    username = StringField(required=True, unique=True)
    full_name = StringField(required=True)
    position = StringField()
    unit_code = StringField(required=True)
    roles = ListField(StringField())
    email = StringField()
    password_hash = StringField()
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    meta = {"db_alias": ALIAS, "collection": "users", "indexes": ["unit_code", "roles"]}

    def as_dict(self) -> dict:
        return {"user_id": self.user_id, "username": self.username, "full_name": self.full_name,
                "position": self.position, "unit_code": self.unit_code, "roles": list(self.roles),
                "email": self.email, "active": self.active, "updated_at": iso(self.updated_at)}
