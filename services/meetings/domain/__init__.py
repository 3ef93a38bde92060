"""The rules of a paperless meeting, as pure functions: no broker, no database.

- ``participants``: roles, voting rights, responses, merging invitees
- ``schedule``: meeting kinds, statuses and their transitions, time checks
- ``delegation``: mandates (ủy quyền) — who may authorise whom, seats a person votes for
- ``checkin``: the self check-in window and lateness
- ``quorum``: quorum rules and the live count of represented seats
- ``votes``: options, ballots, thresholds and exact results
- ``speakers``: the list of speakers and spoken time
- ``opinions``: written opinions (lấy ý kiến) and their consolidation
- ``calendar`` and ``ics``: a person's day/week and the RFC 5545 export
- ``wording``: how times, durations and percentages are written in Vietnamese
"""
