"""Document exchange benchmark, against raw baselines measured in the same run.

    .venv/bin/python -m bench [--runs 20] [--recipients 100] [--seconds 10]

Runs the directory and documents services as separate `nameko run` processes (as
in production) on a throw-away RabbitMQ vhost (management API) and the configured
S3 (S3_ENDPOINT, e.g. the SeaweedFS `eoffice up` starts). It watches the
``document.delivered`` events from outside, like any consumer would. Prints:
- fan-out: issue one document to N units, time until all N incoming items exist
  (their delivered events arrived), p50/p95 over --runs; target p95 < 1 s;
- sustained documents/s (each drafted, issued to one unit and delivered) beside
  the raw kombu confirmed-publish rate on the same broker; target ratio >= 0.5;
- the attachment path (validate + hash + stream to S3, then re-read and verify)
  beside raw minio put/get of the same bytes, target ratio >= 0.8, with peak
  Python memory of each (should stay flat as the file grows).
"""
import argparse
import collections
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import requests
from kombu import Connection, Exchange, Queue
from nameko.standalone.rpc import ClusterRpcProxy

from services.common.config import Settings
from services.common.storage import Storage
from services.directory.seed import OFFICE, demo_units

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class TempVhost:
    """A fresh vhost through the management API (deleted afterwards)."""

    def __init__(self, amqp_uri):
        u = urlparse(amqp_uri)
        self.u = u
        self.api = f"http://{u.hostname}:15672/api"
        self.auth = (u.username or "guest", u.password or "guest")
        self.name = f"eoffice_bench_{uuid.uuid4().hex[:8]}"

    def __enter__(self):
        requests.put(f"{self.api}/vhosts/{self.name}", auth=self.auth, timeout=5).raise_for_status()
        requests.put(f"{self.api}/permissions/{self.name}/{self.auth[0]}", auth=self.auth, timeout=5,
                     json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
        return f"{self.u.scheme}://{self.u.netloc}/{self.name}"

    def __exit__(self, *exc):
        requests.delete(f"{self.api}/vhosts/{self.name}", auth=self.auth, timeout=10)


class Services:
    """The services under test, each in its own `nameko run` process."""

    def __init__(self, env):
        self.env = {**os.environ, **env, "PYTHONWARNINGS": "ignore", "LOG_LEVEL": "WARNING"}
        self.procs = []

    def __enter__(self):
        for name in ("directory", "documents"):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "nameko", "run", "--config", str(ROOT / "deploy" / "config.yaml"),
                 f"services.{name}.service"], env=self.env, cwd=ROOT,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            p.wait(15)


class DeliveryWatcher:
    """Counts document.delivered events per document, from a queue of its own."""

    def __init__(self, amqp_uri):
        self.amqp_uri = amqp_uri
        self.counts = collections.Counter()
        self.done_at = {}
        self.expected = {}
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.stop = threading.Event()

    def expect(self, document_id, n):
        with self.lock:
            self.expected[document_id] = n
            if self.counts[document_id] >= n:
                self.done_at.setdefault(document_id, time.perf_counter())

    def wait(self, document_id, timeout=30):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                if document_id in self.done_at:
                    return self.done_at[document_id]
            time.sleep(0.001)
        raise RuntimeError(f"{document_id} not fully delivered in {timeout}s")

    def run(self):
        exchange = Exchange("documents.events", type="topic", durable=True)
        queue = Queue(f"bench-watch-{uuid.uuid4().hex[:6]}", exchange=exchange, routing_key="document.delivered",
                      auto_delete=True)

        def on_message(body, message):
            doc = body["data"]["document_id"]
            with self.lock:
                self.counts[doc] += 1
                if doc in self.expected and self.counts[doc] >= self.expected[doc]:
                    self.done_at.setdefault(doc, time.perf_counter())
            message.ack()

        with Connection(self.amqp_uri) as conn:
            with conn.Consumer(queue, callbacks=[on_message], accept=["json"]):
                self.ready.set()
                while not self.stop.is_set():
                    try:
                        conn.drain_events(timeout=0.2)
                    except TimeoutError:
                        pass
                    except Exception as exc:  # socket.timeout on older pythons
                        if "timed out" not in str(exc):
                            raise


def seed(rpc, recipients):
    units = demo_units()[:3]
    for i in range(recipients):
        units.append({"code": f"900.{i:03d}.31.H26", "name": f"Trường Thử nghiệm số {i}", "short_name": f"TN{i}",
                      "kind": "TH", "parent": OFFICE, "place": "Đồ Sơn"})
    clerk = {"username": "bench.vanthu", "full_name": "Văn thư", "unit_code": OFFICE, "roles": ["van_thu"]}
    rpc.directory.import_district(units, [clerk])
    user = rpc.directory.find_user("bench.vanthu")
    return {"user_id": user["user_id"], "unit_id": OFFICE, "roles": ["van_thu"]}, [u["code"] for u in units[3:]]


def draft(rpc, actor, recipients):
    return rpc.documents.create_draft(actor, {
        "type_code": "KH", "summary": "Kế hoạch kiểm tra", "recipients": recipients,
        "signer": {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"}})["document_id"]


def bench_fanout(rpc, watcher, actor, recipients, runs):
    times = []
    for _ in range(runs + 2):
        doc_id = draft(rpc, actor, recipients)
        watcher.expect(doc_id, len(recipients))
        start = time.perf_counter()
        rpc.documents.issue(actor, doc_id)
        times.append(watcher.wait(doc_id) - start)
    return times[2:]  # the first runs warm caches and connections


def bench_sustained(config, watcher, actor, recipient, seconds, clients=8):
    stop_at = time.perf_counter() + seconds

    def client():
        issued = []
        with ClusterRpcProxy(config, timeout=60) as rpc:
            while time.perf_counter() < stop_at:
                doc_id = draft(rpc, actor, [recipient])
                watcher.expect(doc_id, 1)
                rpc.documents.issue(actor, doc_id)
                issued.append(doc_id)
        return issued

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        issued = [d for batch in pool.map(lambda _: client(), range(clients)) for d in batch]
    end = max(watcher.wait(d) for d in issued)
    return len(issued) / (end - start)


def bench_raw_publish(amqp_uri, messages=3000):
    exchange = Exchange("bench.raw", type="topic", durable=True)
    queue = Queue("bench.raw.q", exchange=exchange, routing_key="#", durable=True)
    body = {"event_id": "x" * 32, "type": "document.issued", "data": {"summary": "Kế hoạch" * 20}}
    with Connection(amqp_uri, transport_options={"confirm_publish": True}) as conn:
        producer = conn.Producer()
        queue(conn.channel()).declare()
        start = time.perf_counter()
        for _ in range(messages):
            producer.publish(body, exchange=exchange, routing_key="document.issued", serializer="json",
                             delivery_mode=2)
        rate = messages / (time.perf_counter() - start)
        queue(conn.channel()).delete()
    return rate


class GeneratedFile:
    """``size`` bytes made on the fly from one 1 MB block (a PDF header first), so
    the benchmark holds no file in memory: each read copies only what it returns."""

    BLOCK = b"%PDF-1.7\n" + os.urandom(MB - 9)

    def __init__(self, size):
        self.size, self.pos = size, 0

    def read(self, n=-1):
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        out = bytearray()
        while len(out) < n:
            offset = (self.pos + len(out)) % MB
            out += memoryview(self.BLOCK)[offset:offset + n - len(out)]
        self.pos += n
        return bytes(out)


def measured(fn):
    tracemalloc.start()
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def bench_attachments(settings, size_mb):
    storage = Storage(settings)
    storage.ensure_bucket()
    size = size_mb * MB
    key = f"bench/{uuid.uuid4().hex}"

    def raw():  # a known-length put and a get, no checks at all
        storage.client.put_object(storage.bucket, key, GeneratedFile(size), size, part_size=8 * MB)
        resp = storage.client.get_object(storage.bucket, key)
        for _ in resp.stream(MB):
            pass
        resp.close()
        resp.release_conn()

    stored = []

    def ours():  # name/type checks, sha256 while streaming, then a full re-read to verify
        stored.append(storage.put_stream(GeneratedFile(size), "bench.pdf", prefix="bench", max_bytes=size + 1))
        assert storage.verify(stored[0])

    raw_time, raw_peak = measured(raw)
    ours_time, ours_peak = measured(ours)
    storage.delete(key)
    storage.delete(stored[0].key)
    return 2 * size / raw_time, 2 * size / ours_time, raw_peak, ours_peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--recipients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--sizes", default="16,64,256", help="attachment sizes in MB")
    args = parser.parse_args()
    base = Settings.from_config()

    with TempVhost(base.AMQP_URI) as amqp_uri:
        env = {"AMQP_URI": amqp_uri, "MONGO_URI": "mongomock://localhost", "S3_BUCKET": "eoffice-bench",
               "S3_ENDPOINT": base.S3_ENDPOINT, "MAX_WORKERS": "20"}
        settings = Settings.from_config(env)
        config = {"AMQP_URI": amqp_uri}
        raw_publish = bench_raw_publish(amqp_uri)
        with Services(env):
            watcher = DeliveryWatcher(amqp_uri)
            thread = threading.Thread(target=watcher.run, daemon=True)
            with ClusterRpcProxy(config, timeout=60) as rpc:
                for _ in range(60):  # wait for both services to answer
                    try:
                        actor, recipients = seed(rpc, args.recipients)
                        break
                    except Exception:
                        time.sleep(1)
                thread.start()
                watcher.ready.wait(10)
                fanout = bench_fanout(rpc, watcher, actor, recipients, args.runs)
            sustained = bench_sustained(config, watcher, actor, recipients[0], args.seconds, args.clients)
            watcher.stop.set()

    print(f"\n== document exchange: services in their own processes, {args.recipients} recipients, {args.runs} runs")
    print(f"fan-out until all items exist: p50 {statistics.median(fanout) * 1000:.0f} ms, "
          f"p95 {pct(fanout, 95) * 1000:.0f} ms (target p95 < 1000 ms)")
    print(f"raw kombu confirmed publish:   {raw_publish:,.0f} msg/s")
    print(f"sustained draft+issue+deliver: {sustained:,.1f} documents/s with {args.clients} clients "
          f"-> ratio {sustained / raw_publish:.3f} of raw publish (target >= 0.5)")
    # each document costs at least 6 broker messages: 2 RPC requests, 2 replies, issued, delivered
    print(f"  (broker messages for those documents: {sustained * 6:,.0f} msg/s, "
          f"{sustained * 6 / raw_publish:.2f} of the raw rate)")

    print("\n== attachment path vs raw minio (upload + download, MB/s; peak Python memory). raw: minio defaults (three 8 MiB parts in parallel, no checks)")
    for size_mb in [int(s) for s in args.sizes.split(",")]:
        # S3 throughput on a shared disk is noisy: the median of three rounds
        rounds = [bench_attachments(settings, size_mb) for _ in range(3)]
        raw, ours = statistics.median(r[0] for r in rounds), statistics.median(r[1] for r in rounds)
        raw_peak, ours_peak = max(r[2] for r in rounds), max(r[3] for r in rounds)
        print(f"{size_mb:5d} MB: raw {raw / MB:7.1f}  ours {ours / MB:7.1f}  ratio {ours / raw:.2f} (target >= 0.8)"
              f"  memory raw {raw_peak / MB:5.1f} MB, ours {ours_peak / MB:5.1f} MB")


if __name__ == "__main__":
    main()
