"""A seeded district for integration tests, and the actors of its people."""
from __future__ import annotations

from dataclasses import dataclass

from services.directory.seed import OFFICE, demo_units, demo_users


@dataclass
class District:
    office: str
    schools: list[str]
    people: dict  # unit code -> {role suffix: actor dict}

    def actor(self, unit: str, who: str) -> dict:
        return self.people[unit][who]


def seed(rpc, schools: int = 30) -> District:
    units = demo_units()
    units = units[:3] + units[3:3 + schools]
    users, _ = demo_users(units)
    for user in users:
        user.pop("password")  # argon2 is deliberately slow; these tests do not log in
    rpc.directory.import_district(units, users)
    people: dict = {}
    for unit in units:
        for user in rpc.directory.users_of_unit(unit["code"]):
            who = user["username"].rsplit(".", 1)[-1]
            people.setdefault(unit["code"], {})[who] = {
                "user_id": user["user_id"], "unit_id": unit["code"], "roles": user["roles"],
                "full_name": user["full_name"]}
    return District(office=OFFICE, schools=[u["code"] for u in units[3:]], people=people)
