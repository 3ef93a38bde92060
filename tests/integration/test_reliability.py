"""At-least-once delivery made safe: duplicate events change nothing, failing
handlers are retried then parked and replayed, events survive a broker outage."""
import subprocess
import time

import pytest
from nameko.standalone.rpc import ClusterRpcProxy
from nameko.testing.services import entrypoint_hook
from nameko.testing.utils import get_container

from services.common.events import BrokerPublisher, dlq_list, dlq_replay, event_handler
from services.common.mongo import MongoDatabase
from services.directory.service import DirectoryService
from services.documents import models
from services.documents.service import DocumentsService

from .district import seed
from .helpers import events_emitted, plan_draft, wait_for

pytestmark = pytest.mark.integration


def outbox_of(event_type):
    return events_emitted("documents", event_type)


def test_the_same_event_delivered_twice_changes_nothing(services, rpc, config):
    district = seed(rpc, schools=3)
    clerk = district.actor(district.office, "vanthu")
    doc = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
    wait_for(lambda: models.IncomingItem.objects(document_id=doc["document_id"]).count() == 3)
    wait_for(lambda: len(outbox_of("document.delivered")) == 3)

    [issued] = outbox_of("document.issued")
    publisher = BrokerPublisher(config["AMQP_URI"])
    publisher.publish_event(issued)
    publisher.publish_event(issued)
    # and the same fact under a new event id (a re-sent message, not a redelivery)
    publisher.publish_event({**issued, "event_id": "resent-" + issued["event_id"]})
    time.sleep(1.5)

    assert models.IncomingItem.objects(document_id=doc["document_id"]).count() == 3
    assert len(outbox_of("document.delivered")) == 3
    processed = models.OutgoingDocument._get_db()["processed_events"]
    assert processed.count_documents({"_id": f"documents.deliver:{issued['event_id']}"}) == 1


class FlakyConsumer:
    """Fails on every document.issued until told to recover."""
    name = "flaky"
    db = MongoDatabase()
    healthy = False
    attempts = []

    @event_handler("documents", "document.issued")
    def on_issued(self, envelope):
        FlakyConsumer.attempts.append(envelope["event_id"])
        if not FlakyConsumer.healthy:
            raise RuntimeError("downstream unavailable")
        self.db["seen"].insert_one({"event_id": envelope["event_id"]})


def test_a_failing_handler_is_retried_then_parked_and_replayed(runner_factory, config, rpc):
    FlakyConsumer.healthy, FlakyConsumer.attempts = False, []
    runner = runner_factory(config, DirectoryService, DocumentsService, FlakyConsumer)
    runner.start()
    district = seed(rpc, schools=1)
    clerk = district.actor(district.office, "vanthu")
    rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])

    parked = wait_for(lambda: dlq_list(config["AMQP_URI"]), timeout=15)
    assert len(FlakyConsumer.attempts) == 4            # first try + 3 retries (EVENT_RETRY_DELAYS)
    assert len(set(FlakyConsumer.attempts)) == 1
    assert parked[0]["type"] == "document.issued"
    assert parked[0]["handler"] == "flaky.on_issued"
    assert "downstream unavailable" in parked[0]["error"]
    assert len(dlq_list(config["AMQP_URI"])) == 1      # listing leaves it parked
    # the documents service's own handler was not affected
    wait_for(lambda: models.IncomingItem.objects.count() == 1)

    FlakyConsumer.healthy = True
    assert dlq_replay(config["AMQP_URI"]) == 1
    seen = get_container(runner, FlakyConsumer)
    wait_for(lambda: models.IncomingItem._get_db().client["eoffice_flaky"]["seen"].count_documents({}) == 1)
    assert dlq_list(config["AMQP_URI"]) == []
    assert seen is not None


def rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", *args], check=True, capture_output=True, timeout=120)


@pytest.mark.outage
def test_a_document_issued_while_the_broker_is_down_is_delivered_when_it_returns(services, config):
    with ClusterRpcProxy(config, timeout=30) as rpc:
        district = seed(rpc, schools=5)
        clerk = district.actor(district.office, "vanthu")
        # warms the unit cache, as normal traffic would, so issuing needs no directory call
        first = rpc.documents.issue(clerk, plan_draft(rpc, clerk, district.schools)["document_id"])
        draft = plan_draft(rpc, clerk, district.schools)
    wait_for(lambda: models.IncomingItem.objects(document_id=first["document_id"]).count() == 5)

    container = get_container(services, DocumentsService)
    rabbitmqctl("stop_app")
    try:
        with entrypoint_hook(container, "issue") as issue:
            issued = issue(clerk, draft["document_id"])
        assert issued["symbol"] == "02/KH-GDĐT"
        time.sleep(1)
        assert models.OutgoingDocument.objects(document_id=draft["document_id"]).first().status == "issued"
        pending = models.OutgoingDocument._get_db()["outbox"].count_documents({"state": "pending"})
        assert pending >= 1
        assert models.IncomingItem.objects(document_id=draft["document_id"]).count() == 0
    finally:
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")

    wait_for(lambda: models.IncomingItem.objects(document_id=draft["document_id"]).count() == 5, timeout=60)
    wait_for(lambda: models.OutgoingDocument._get_db()["outbox"].count_documents({"state": "pending"}) == 0,
             timeout=30)
