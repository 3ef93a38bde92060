"""Events the documents service publishes (exchange ``documents.events``).

This module is the contract: consumers import nothing else from this service.
Every event travels in the envelope ``{event_id, type, version, occurred_at,
producer, data}``; ``data`` carries the fields listed for the type. Times are ISO
8601 with an offset; status codes are edXML's (01 arrived ... 06 completed,
13/15/16 recall/update requested/accepted/refused).
"""
from services.common.events import EventType

SERVICE = "documents"

_ITEM = ("item_id", "document_id", "symbol", "summary", "sender_unit", "recipient_unit", "status", "urgency", "by")

ISSUED = EventType(
    "document.issued", 1,
    ("document_id", "unit_code", "number", "symbol", "year", "type_code", "summary", "urgency",
     "confidentiality", "recipients", "attachments", "response_deadline", "issued_at", "issued_by", "signer"),
    "An outgoing document got its number and was sent (phát hành). recipients: unit codes; "
    "attachments: [{attachment_id, name, key, size, sha256, content_type}] (files stay in S3).")
DELIVERED = EventType(
    "document.delivered", 1, _ITEM + ("integrity_ok",),
    "An issued document arrived in a recipient unit's inbox (status 01). integrity_ok: the "
    "attachments' sha256 matched on receipt. by: null (the system).")
RECEIVED = EventType(
    "document.received", 1, _ITEM + ("incoming_number",),
    "The recipient's clerk registered the document in the incoming register (03); "
    "incoming_number is its số đến.")
REFUSED = EventType(
    "document.refused", 1, _ITEM + ("reason",),
    "The recipient's clerk returned the document (02) with a reason.")
ASSIGNED = EventType(
    "document.assigned", 1, _ITEM + ("lead_user_id", "coordinator_ids", "deadline", "direction"),
    "A leader assigned the document (04): lead, co-ordinators, processing deadline, direction.")
PROCESSING = EventType(
    "document.processing", 1, _ITEM, "The lead started processing (05).")
COMPLETED = EventType(
    "document.completed", 1, _ITEM + ("reply_symbol", "on_time", "processing_days"),
    "The lead completed processing (06); reply_symbol cites the answering document, if any.")
RECALL_REQUESTED = EventType(
    "document.recall_requested", 1,
    ("document_id", "request_id", "kind", "symbol", "summary", "sender_unit", "recipients", "reason", "by"),
    "The sender asked recipients to recall, update or replace an issued document (13). "
    "kind: recall | update | replace.")
RECALL_ACCEPTED = EventType(
    "document.recall_accepted", 1, _ITEM + ("request_id", "kind"),
    "A recipient accepted the recall/update/replace request (15).")
RECALL_REFUSED = EventType(
    "document.recall_refused", 1, _ITEM + ("request_id", "kind", "note"),
    "A recipient refused the recall/update/replace request (16).")
OVERDUE = EventType(
    "document.overdue", 1, _ITEM + ("lead_user_id", "deadline"),
    "An assigned document passed its processing deadline without being completed. Sent once.")

ALL = (ISSUED, DELIVERED, RECEIVED, REFUSED, ASSIGNED, PROCESSING, COMPLETED,
       RECALL_REQUESTED, RECALL_ACCEPTED, RECALL_REFUSED, OVERDUE)
