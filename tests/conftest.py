"""Test fixtures. Integration tests run the real services on the real RabbitMQ
(a fresh vhost per test, via nameko's pytest plugin and the management API) and
the real S3 server (SeaweedFS); MongoDB is mongomock, selected by MONGO_URI."""
import eventlet

eventlet.monkey_patch()  # noqa: E402 -- nameko needs it before anything imports socket

import os  # noqa: E402

import mongoengine  # noqa: E402
import pytest  # noqa: E402
from nameko.standalone.rpc import ClusterRpcProxy  # noqa: E402

from services.common.cache import TTLCache  # noqa: E402
from services.common.config import Settings  # noqa: E402


def pytest_configure(config):
    if hasattr(config.option, "suppress_eventlet_notification"):
        config.option.suppress_eventlet_notification = True


@pytest.fixture
def config(rabbit_config):
    """A nameko config for services under test: real broker vhost, real S3."""
    settings = Settings.from_config({
        "AMQP_URI": rabbit_config["AMQP_URI"],
        "MONGO_URI": "mongomock://localhost",
        "S3_BUCKET": os.environ.get("TEST_S3_BUCKET", "eoffice-test"),
        "EVENT_RETRY_DELAYS": "0.05,0.1,0.2",
        "OUTBOX_RELAY_INTERVAL": 0.2,
        "OVERDUE_CHECK_INTERVAL": 3600,
    })
    return {**rabbit_config, **settings.as_config()}


@pytest.fixture(autouse=True)
def fresh_databases():
    """Each test starts with new (empty) service databases and caches.

    Connections are dropped rather than the databases emptied: a green thread of
    a killed service may still finish a write after the test, and it must land
    in the old in-memory client, not in the next test's database."""
    yield
    TTLCache.invalidate_all()
    mongoengine.disconnect_all()
    for cls in _document_classes(mongoengine.Document):
        cls._collection = None


def _document_classes(base):
    for sub in base.__subclasses__():
        yield sub
        yield from _document_classes(sub)


@pytest.fixture
def services(runner_factory, config):
    """The directory and documents services on the real broker."""
    from services.directory.service import DirectoryService
    from services.documents.service import DocumentsService

    runner = runner_factory(config, DirectoryService, DocumentsService)
    runner.start()
    return runner


@pytest.fixture
def storage(config):
    """The real S3 (SeaweedFS) bucket the services under test use."""
    from services.common.storage import Storage

    s = Storage(Settings.from_config(config))
    s.ensure_bucket()
    return s


@pytest.fixture
def rpc(config):
    with ClusterRpcProxy(config, timeout=30) as proxy:
        yield proxy
