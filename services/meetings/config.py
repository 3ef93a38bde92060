"""Settings of the meetings service (on top of the shared ones)."""
from dataclasses import dataclass

from services.common.config import Settings


@dataclass(frozen=True)
class MeetingSettings(Settings):
    # Self check-in opens this many minutes before the start and closes at the end.
    MEETING_CHECKIN_BEFORE_MINUTES: int = 30
    # Arriving later than start + grace is recorded as late (đến muộn).
    MEETING_LATE_GRACE_MINUTES: int = 10
    # Default quorum of a meeting (domain.quorum.RULES): majority | half | two_thirds | three_quarters.
    MEETING_QUORUM_RULE: str = "majority"
    # Default pass threshold of a vote (domain.votes.THRESHOLDS).
    MEETING_VOTE_THRESHOLD: str = "majority_of_present"
    # How many members' mandates one person may hold at once (ủy quyền).
    MEETING_MAX_MANDATES_PER_DELEGATE: int = 1
    # Lifetime of download links for materials, minutes and notices.
    MEETING_LINK_SECONDS: int = 600
