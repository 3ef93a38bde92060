"""`nameko run services.meetings.service` finds exactly one service and touches
no database at import (models are imported as a module)."""
from nameko.cli.run import import_service

from services.meetings import events
from services.meetings.service import MeetingsService


def test_nameko_run_finds_only_the_meetings_service():
    assert import_service("services.meetings.service") == [MeetingsService]
    assert MeetingsService.name == "meetings"


def test_every_event_of_the_contract_is_documented_and_carries_the_meeting_fields():
    names = [e.name for e in events.ALL]
    assert len(names) == len(set(names)) == 13
    for event in events.ALL:
        assert event.name.startswith("meeting.") and event.version == 1 and event.doc
        assert set(events.MEETING) <= set(event.fields)
