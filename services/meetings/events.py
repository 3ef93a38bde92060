"""Events the meetings service publishes (exchange ``meetings.events``).

This module is the contract: consumers import nothing else from this service.
Every event travels in the envelope ``{event_id, type, version, occurred_at,
producer, data}``; ``data`` carries the fields listed for the type. Times are
ISO 8601 with an offset.

Every meeting event carries the meeting's common fields (``MEETING``):
- ``meeting_id``, ``title``, ``kind`` (giao_ban, chuyen_de, hoi_nghi, hoi_thao,
  tap_huan, hoi_dong, khac), ``kind_label``, ``status``;
- ``starts_at``, ``ends_at``, ``place``, ``online_url``;
- ``unit_code``: the organising unit;
- ``chair_id``, ``secretary_id``; ``participant_ids``: everyone taking part
  (chair, secretary, members, guests, delegates) — whom notifications tell;
- ``paperless``: true when the meeting runs without paper (materials, votes and
  minutes electronic) — reporting's "paperless share";
- ``by``: the acting user id (``system:meetings`` for the system).

Secret votes: no event ever names who chose what; ``vote_closed`` carries totals.
"""
from services.common.events import EventType

SERVICE = "meetings"

MEETING = ("meeting_id", "title", "kind", "kind_label", "status", "starts_at", "ends_at", "place", "online_url",
           "unit_code", "chair_id", "secretary_id", "participant_ids", "paperless", "by")

SCHEDULED = EventType(
    "meeting.scheduled", 1, MEETING + ("agenda",),
    "A meeting was put on the calendar. agenda: [{item_id, title, presenter_id, duration_minutes}].")
UPDATED = EventType(
    "meeting.updated", 1, MEETING + ("changes", "sequence", "added_ids", "removed_ids"),
    "A scheduled meeting changed. changes: names of the fields that changed (starts_at, ends_at, place, "
    "online_url, title, kind, chair_id, secretary_id, participants, agenda ...); sequence: the iCalendar "
    "SEQUENCE after the change (grows when time or place change). added_ids / removed_ids: "
    "participants added or removed by this change (empty otherwise); removed people are no longer in "
    "participant_ids but should be told.")
CANCELLED = EventType(
    "meeting.cancelled", 1, MEETING + ("reason",),
    "The meeting was cancelled before it started, with a reason; participant_ids are those who were invited.")
INVITATION_SENT = EventType(
    "meeting.invitation_sent", 1, MEETING + ("document_id", "symbol", "recipient_units", "invitation_number"),
    "The invitation went out: an official giấy mời (type GM) issued through the documents service in the "
    "organising unit's register (symbol e.g. 05/GM-GDĐT, document_id its outgoing document) and delivered to "
    "recipient_units; document_id/symbol are null when every participant belongs to the organising unit "
    "(no official document is needed inside a unit). invitation_number: 1 for the first, 2... when sent again "
    "after a change.")
RESPONSE_RECEIVED = EventType(
    "meeting.response_received", 1, MEETING + ("user_id", "response", "reason", "delegate_id"),
    "A participant answered the invitation: response attend | decline (reason) | delegate (delegate_id).")
DELEGATED = EventType(
    "meeting.delegated", 1, MEETING + ("mandate_id", "member_id", "delegate_id", "action", "voting"),
    "A mandate (ủy quyền) was granted (action granted) or revoked (action revoked): delegate_id attends in "
    "member_id's place, and votes in their place when voting is true.")
MATERIAL_APPROVED = EventType(
    "meeting.material_approved", 1, MEETING + ("item_id", "item_title", "material_id", "material_title",
                                               "version", "file"),
    "A material (tài liệu họp) version was approved and is now visible to participants. file: {key, name, "
    "size, sha256, content_type} (the file stays in S3).")
CHECKED_IN = EventType(
    "meeting.checked_in", 1, MEETING + ("user_id", "role", "checked_in_at", "late", "minutes_late",
                                        "self_service", "attendance", "quorum"),
    "A participant checked in (self_service) or was checked in by the secretary. attendance: {expected, "
    "present, present_in_person, represented, absent, late} (see minutes_published); quorum: {rule, "
    "total_seats, present_seats, required, reached}.")
VOTE_OPENED = EventType(
    "meeting.vote_opened", 1, MEETING + ("vote_id", "item_id", "question", "secret", "vote_kind", "options",
                                         "multiple", "min_choices", "max_choices", "threshold", "voter_ids"),
    "The chair opened a vote. options: [{id, label}]; voter_ids: people who may vote now (present members "
    "and present holders of mandates) — whom to alert.")
VOTE_CLOSED = EventType(
    "meeting.vote_closed", 1, MEETING + ("vote_id", "item_id", "question", "secret", "results"),
    "The chair closed a vote and its results are published. results: {ballots, present_seats, total_seats, "
    "not_voted, options: [{id, label, count, percent_of_present, percent_of_all, percent_of_cast}], threshold, "
    "threshold_label, required, quorum_reached, adopted: [option ids], passed, summary}. Never per-person "
    "choices of a secret vote.")
OPINION_REQUESTED = EventType(
    "meeting.opinion_requested", 1, MEETING + ("request_id", "request_title", "deadline", "recipient_ids"),
    "Written opinions (lấy ý kiến) were requested from recipient_ids before deadline.")
OPINION_RECEIVED = EventType(
    "meeting.opinion_received", 1, MEETING + ("request_id", "request_title", "user_id", "agree", "answered",
                                              "expected"),
    "A recipient answered a request for written opinions; answered/expected: the counts so far.")
MINUTES_PUBLISHED = EventType(
    "meeting.minutes_published", 1, MEETING + ("ended_at", "attendance", "invitation_symbol",
                                               "notice_document_id", "notice_symbol", "notice_recipients",
                                               "minutes_file", "votes_held"),
    "The chair approved the minutes (biên bản) and the conclusion notice (thông báo kết luận, type TB) was "
    "issued through the documents service to notice_recipients (unit codes; the notice fields are null when "
    "no other unit took part). The meeting counts as held. attendance: {expected: people invited (chair, "
    "secretary, members, guests; delegates not counted), present: invited people present in person or "
    "represented by a present delegate, present_in_person, represented, absent, late}. minutes_file: {key, "
    "name, size, sha256, content_type}.")

ALL = (SCHEDULED, UPDATED, CANCELLED, INVITATION_SENT, RESPONSE_RECEIVED, DELEGATED, MATERIAL_APPROVED,
       CHECKED_IN, VOTE_OPENED, VOTE_CLOSED, OPINION_REQUESTED, OPINION_RECEIVED, MINUTES_PUBLISHED)
