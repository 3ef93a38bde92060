"""Events: the envelope, the outbox, reliable consumption and the dead-letter queue.

Envelope: ``{event_id, type, version, occurred_at, producer, data}``, published on
the producer's topic exchange ``<service>.events`` with routing key = ``type`` (the
layout nameko's ``event_handler`` expects).

Why not nameko's ``EventDispatcher``/``event_handler`` as they are:
- a state change and its event must not diverge, so events are first written to an
  ``outbox`` collection beside the state and relayed to the broker (immediately
  after the worker, and by a background relay while the broker is down);
- nameko acks a message whose handler raised, losing the event; ``event_handler``
  here skips events it has already processed (keyed on event_id), retries failed
  ones through delay queues with growing TTLs and finally parks them in the DLQ.
"""
from __future__ import annotations

import logging
import socket
import traceback
import uuid
import weakref
from dataclasses import dataclass
from datetime import timedelta

import eventlet
from kombu import Connection, Exchange, Queue
from kombu.pools import producers
from nameko.events import EventHandler
from nameko.extensions import DependencyProvider
from nameko.timer import Timer
from pymongo.errors import DuplicateKeyError

from .clock import iso, utcnow
from .config import Settings
from .mongo import connect

log = logging.getLogger(__name__)

DLQ_NAME = "eoffice.dlq"
ATTEMPTS_HEADER = "x-eoffice-attempts"
OUTBOX = "outbox"
OUTBOX_SENT = "outbox_sent"
PROCESSED = "processed_events"


# ---------------------------------------------------------------- contract

@dataclass(frozen=True)
class EventType:
    """One published event: its routing name, contract version and fields."""
    name: str
    version: int
    fields: tuple[str, ...]
    doc: str = ""

    def envelope(self, producer: str, data: dict) -> dict:
        missing = [f for f in self.fields if f not in data]
        if missing:
            raise ValueError(f"{self.name} v{self.version} lacks {missing}")
        return {
            "event_id": uuid.uuid4().hex,
            "type": self.name,
            "version": self.version,
            "occurred_at": iso(utcnow()),
            "producer": producer,
            "data": data,
        }


def exchange_for(service: str) -> Exchange:
    return Exchange(f"{service}.events", type="topic", durable=True, delivery_mode=2)


# ---------------------------------------------------------------- publishing

class BrokerPublisher:
    """Confirmed publishing over a pooled kombu connection; fails fast when the
    broker is unreachable so callers can leave the event in the outbox."""

    def __init__(self, amqp_uri: str):
        self.connection = Connection(amqp_uri, connect_timeout=3,
                                     transport_options={"confirm_publish": True})

    def publish(self, body: dict, exchange: Exchange | str, routing_key: str,
                headers: dict | None = None, declare: list | None = None) -> None:
        with producers[self.connection].acquire(block=True, timeout=10) as producer:
            producer.publish(
                body, exchange=exchange, routing_key=routing_key, serializer="json",
                delivery_mode=2, headers=headers or {}, declare=declare or [],
                retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2,
                                          "interval_step": 0.5, "interval_max": 1},
                message_id=body.get("event_id") if isinstance(body, dict) else None,
            )

    def publish_event(self, envelope: dict) -> None:
        exchange = exchange_for(envelope["producer"])
        self.publish(envelope, exchange, envelope["type"], declare=[exchange])


class Outbox:
    """Events stored beside the state they announce, relayed to the broker later."""

    CLAIM_SECONDS = 30

    def __init__(self, db, service: str, publisher: BrokerPublisher):
        self.collection = db[OUTBOX]
        self.sent = db[OUTBOX_SENT]
        self.service = service
        self.publisher = publisher

    def add(self, event_type: EventType, data: dict) -> dict:
        envelope = self.prepare(event_type, data)
        self.add_envelope(envelope)
        return envelope

    def prepare(self, event_type: EventType, data: dict) -> dict:
        """The envelope, not stored yet: a service can keep it inside the document
        whose change it announces (one atomic write) and add it afterwards."""
        return event_type.envelope(self.service, data)

    def add_envelope(self, envelope: dict, maybe_sent: bool = False) -> bool:
        """Store a prepared envelope; False if it is in the outbox already.
        ``maybe_sent`` (recovery after a crash) also looks among the sent ones,
        which the everyday path skips: that collection only grows."""
        if maybe_sent and self.sent.find_one({"_id": envelope["event_id"]}, {"_id": 1}):
            return False
        try:
            self.collection.insert_one({
                "_id": envelope["event_id"], "envelope": envelope, "state": "pending",
                "created_at": utcnow(), "claimed_until": None, "attempts": 0,
            })
        except DuplicateKeyError:
            return False
        return True

    def pending_count(self) -> int:
        return self.collection.count_documents({"state": "pending"})

    def relay(self, event_ids: list[str] | None = None, limit: int = 1000) -> int:
        """Publish pending events (oldest first) in one claimed batch; stop at the
        first broker error and leave the rest pending. Returns how many went out.

        Sent events move to ``outbox_sent`` so the pending set, which every relay
        scans, stays small."""
        now = utcnow()
        claimable = {"state": "pending", "$or": [{"claimed_until": None}, {"claimed_until": {"$lt": now}}]}
        if event_ids is not None:
            claimable["_id"] = {"$in": list(event_ids)}
        ids = [r["_id"] for r in self.collection.find(claimable, {"_id": 1}).sort("created_at", 1).limit(limit)]
        if not ids:
            return 0
        token = uuid.uuid4().hex
        # the filter is re-checked, so a concurrent relay (another instance) never gets the same rows
        self.collection.update_many({**claimable, "_id": {"$in": ids}}, {
            "$set": {"claimed_until": now + timedelta(seconds=self.CLAIM_SECONDS), "claim": token},
            "$inc": {"attempts": 1}})
        rows = list(self.collection.find({"claim": token}).sort("created_at", 1))
        sent = []
        try:
            for row in rows:
                self.publisher.publish_event(row["envelope"])
                sent.append(row)
        except Exception as exc:
            log.warning("broker unavailable, %d event(s) stay in the outbox: %s", len(rows) - len(sent), exc)
            self.collection.update_many({"claim": token, "_id": {"$nin": [r["_id"] for r in sent]}},
                                        {"$set": {"claimed_until": None, "claim": None, "last_error": str(exc)}})
        if sent:
            sent_at = utcnow()
            self.sent.insert_many([{**row, "state": "sent", "sent_at": sent_at} for row in sent])
            self.collection.delete_many({"_id": {"$in": [r["_id"] for r in sent]}})
        return len(sent)


class _WorkerOutbox:
    """The per-worker face of the outbox: remembers what this worker added."""

    def __init__(self, outbox: Outbox):
        self._outbox = outbox
        self.added: list[str] = []

    def add(self, event_type: EventType, data: dict) -> dict:
        envelope = self._outbox.add(event_type, data)
        self.added.append(envelope["event_id"])
        return envelope

    def prepare(self, event_type: EventType, data: dict) -> dict:
        return self._outbox.prepare(event_type, data)

    def add_envelope(self, envelope: dict, maybe_sent: bool = False) -> bool:
        added = self._outbox.add_envelope(envelope, maybe_sent)
        if added:
            self.added.append(envelope["event_id"])
        return added


class EventOutbox(DependencyProvider):
    """Inject ``outbox.add(EVENT, data)``; events go out after the worker, or
    from a background relay once the broker is reachable again."""

    def setup(self):
        self.settings = Settings.from_config(self.container.config)
        db = connect(self.container.service_name, self.settings)
        self.outbox = Outbox(db, self.container.service_name, BrokerPublisher(self.settings.AMQP_URI))
        self._running = False
        self._writers = weakref.WeakKeyDictionary()

    def start(self):
        self._running = True
        self._relay_thread = self.container.spawn_managed_thread(self._relay_forever)

    def stop(self):
        self._running = False
        self._relay_thread.kill()

    kill = stop

    def _relay_forever(self):
        while self._running:
            eventlet.sleep(self.settings.OUTBOX_RELAY_INTERVAL)
            try:
                self.outbox.relay()
            except Exception:  # keep relaying: a Mongo hiccup must not stop it
                log.exception("outbox relay failed")

    def get_dependency(self, worker_ctx):
        writer = _WorkerOutbox(self.outbox)
        self._writers[worker_ctx] = writer
        return writer

    def worker_teardown(self, worker_ctx):
        writer = self._writers.pop(worker_ctx, None)
        if writer and writer.added:
            try:
                self.outbox.relay(event_ids=writer.added)
            except Exception:
                log.exception("immediate relay failed; the background relay will retry")


# ---------------------------------------------------------------- consuming

class ReliableEventHandler(EventHandler):
    """``event_handler`` that is idempotent (event_id), retries with backoff
    through delay queues, then parks the event in the DLQ."""

    def setup(self):
        super().setup()
        self.settings = Settings.from_config(self.container.config)
        self.processed = connect(self.container.service_name, self.settings)[PROCESSED]
        self.handler_key = f"{self.container.service_name}.{self.method_name}"
        self.publisher = BrokerPublisher(self.settings.AMQP_URI)

    def _marker(self, body) -> str | None:
        event_id = body.get("event_id") if isinstance(body, dict) else None
        return f"{self.handler_key}:{event_id}" if event_id else None

    def handle_message(self, body, message):
        marker = self._marker(body)
        if marker and self.processed.find_one({"_id": marker}, {"_id": 1}):
            log.info("skip duplicate %s", marker)
            self.queue_consumer.ack_message(message)
            return
        super().handle_message(body, message)

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        body = worker_ctx.args[0] if worker_ctx.args else None
        if exc_info is None:
            marker = self._marker(body)
            if marker:
                self.processed.update_one({"_id": marker}, {"$setOnInsert": {"at": utcnow()}}, upsert=True)
            self.queue_consumer.ack_message(message)
            return result, exc_info
        try:
            self._retry_or_park(message, body, exc_info)
            self.queue_consumer.ack_message(message)
        except Exception:
            log.exception("could not schedule a retry; requeueing %s", self.queue.name)
            self.queue_consumer.requeue_message(message)
        return result, exc_info

    def _retry_or_park(self, message, body, exc_info):
        headers = dict(message.headers or {})
        attempt = int(headers.get(ATTEMPTS_HEADER, 0))
        delays = self.settings.retry_delays
        error = "".join(traceback.format_exception_only(exc_info[0], exc_info[1])).strip()
        if attempt < len(delays):
            ttl_ms = max(int(delays[attempt] * 1000), 1)
            retry_queue = Queue(f"{self.queue.name}.retry.{ttl_ms}ms", durable=True, queue_arguments={
                "x-message-ttl": ttl_ms, "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": self.queue.name})
            headers[ATTEMPTS_HEADER] = attempt + 1
            log.warning("%s failed (attempt %s), retry in %sms: %s", self.handler_key, attempt + 1, ttl_ms, error)
            self.publisher.publish(body, "", retry_queue.name, headers=headers, declare=[retry_queue])
            return
        log.error("%s failed %s times, parked in %s: %s", self.handler_key, attempt + 1, DLQ_NAME, error)
        headers.update({
            "x-original-queue": self.queue.name, "x-handler": self.handler_key,
            "x-error": error[:2000], "x-parked-at": iso(utcnow()), ATTEMPTS_HEADER: attempt + 1,
            "x-host": socket.gethostname(),
        })
        self.publisher.publish(body, "", DLQ_NAME, headers=headers, declare=[dlq_queue()])


event_handler = ReliableEventHandler.decorator


def dlq_queue() -> Queue:
    return Queue(DLQ_NAME, durable=True)


class ConfiguredTimer(Timer):
    """A nameko timer whose interval is a setting (tests shorten it)."""

    def __init__(self, setting: str, settings_class: type[Settings] = Settings, **kwargs):
        self.setting = setting
        self.settings_class = settings_class
        super().__init__(interval=getattr(settings_class(), setting), **kwargs)

    def setup(self):
        self.interval = float(getattr(self.settings_class.from_config(self.container.config), self.setting))
        super().setup()


configured_timer = ConfiguredTimer.decorator


# ---------------------------------------------------------------- DLQ tools

def dlq_list(amqp_uri: str, limit: int = 1000) -> list[dict]:
    """Parked events, left in place (fetched unacknowledged, then released)."""
    parked = []
    with Connection(amqp_uri, connect_timeout=5) as conn:
        channel = conn.channel()
        queue = dlq_queue()(channel)
        queue.declare()
        while len(parked) < limit:
            msg = queue.get(no_ack=False)
            if msg is None:
                break
            parked.append(_describe(msg))
        channel.close()  # unacked messages return to the queue
    return parked


def dlq_replay(amqp_uri: str, event_ids: list[str] | None = None) -> int:
    """Send parked events back to the queue of the handler that failed them,
    with a fresh retry budget. ``event_ids=None`` replays all."""
    replayed = 0
    publisher = BrokerPublisher(amqp_uri)
    with Connection(amqp_uri, connect_timeout=5) as conn:
        channel = conn.channel()
        queue = dlq_queue()(channel)
        queue.declare()
        while True:
            msg = queue.get(no_ack=False)
            if msg is None:
                break
            info = _describe(msg)
            if event_ids is not None and info["event_id"] not in event_ids:
                continue  # left unacknowledged: back in the queue when the channel closes
            headers = {k: v for k, v in (msg.headers or {}).items()
                       if not k.startswith("x-") or k == "x-eoffice-replayed"}
            headers["x-eoffice-replayed"] = int((msg.headers or {}).get("x-eoffice-replayed", 0)) + 1
            publisher.publish(msg.decode(), "", info["queue"], headers=headers)
            msg.ack()
            replayed += 1
        channel.close()  # the ones we kept go back to the queue
    return replayed


def _describe(msg) -> dict:
    body = msg.decode()
    headers = msg.headers or {}
    return {
        "event_id": body.get("event_id") if isinstance(body, dict) else None,
        "type": body.get("type") if isinstance(body, dict) else None,
        "queue": headers.get("x-original-queue"),
        "handler": headers.get("x-handler"),
        "error": headers.get("x-error"),
        "attempts": headers.get(ATTEMPTS_HEADER),
        "parked_at": headers.get("x-parked-at"),
    }
