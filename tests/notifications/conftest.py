"""Fixtures: loopback SMTP and webhook servers (subprocesses), the services."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.integration.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]



class Sink:
    def __init__(self, kind, tmp_path, *args):
        self.port = free_port()
        self.dir = tmp_path / f"{kind}-{self.port}"
        self.kind, self.args = kind, args
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.notifications.sinks", self.kind, str(self.port),
                                      str(self.dir), *self.args], cwd=ROOT, stdout=subprocess.PIPE)
        assert self.proc.stdout.readline().strip() == b"ready"
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def messages(self):
        """Received mails, parsed (headers decoded)."""
        import email
        import email.policy
        return [email.message_from_string(m["data"], policy=email.policy.default) for m in self.received()]

    def received(self) -> list[dict]:
        if not self.dir.exists():
            return []
        files = sorted(self.dir.glob("*.json"), key=lambda p: int(p.stem))
        return [json.loads(p.read_text()) for p in files]


@pytest.fixture
def smtp_sink(tmp_path):
    sink = Sink("smtp", tmp_path)
    yield sink
    sink.stop()


@pytest.fixture
def webhook_sink_factory(tmp_path):
    sinks = []

    def make(statuses=""):
        sink = Sink("webhook", tmp_path, statuses) if statuses else Sink("webhook", tmp_path)
        sinks.append(sink)
        return sink.start()

    yield make
    for sink in sinks:
        sink.stop()
