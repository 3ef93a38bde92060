"""Document exchange benchmark, against raw baselines measured in the same run.

    .venv/bin/python -m bench [--runs 20] [--recipients 100] [--seconds 10]

Needs RabbitMQ (AMQP_URI; the management API is used for a throw-away vhost when
available) and S3 (S3_ENDPOINT; `eoffice test`-style SeaweedFS is fine). Prints:
- fan-out: issue one document to N units, time until all N incoming items exist
  (p50/p95 over --runs), target p95 < 1 s;
- sustained issues/s (each issued to one unit and delivered) vs the raw kombu
  confirmed-publish rate on the same broker, target ratio >= 0.5;
- attachment path (validate + hash + stream to S3, then re-read and verify) vs raw
  minio put/get of the same bytes, target ratio >= 0.8, and peak Python memory per
  file size (should stay flat as the file grows).
"""
import eventlet

eventlet.monkey_patch()  # noqa: E402

import argparse  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import uuid  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import requests  # noqa: E402
from kombu import Connection, Exchange, Queue  # noqa: E402
from nameko.runners import ServiceRunner  # noqa: E402
from nameko.standalone.rpc import ClusterRpcProxy  # noqa: E402

from services.common.config import Settings  # noqa: E402
from services.common.storage import Storage  # noqa: E402
from services.directory.seed import OFFICE, demo_units  # noqa: E402
from services.directory.service import DirectoryService  # noqa: E402
from services.documents import models  # noqa: E402
from services.documents.service import DocumentsService  # noqa: E402

MB = 1024 * 1024


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class TempVhost:
    """A fresh vhost through the management API, or the URI as given."""

    def __init__(self, amqp_uri):
        self.base = amqp_uri
        self.vhost = None

    def __enter__(self):
        u = urlparse(self.base)
        self.api = f"http://{u.hostname}:15672/api"
        self.auth = (u.username or "guest", u.password or "guest")
        name = f"eoffice_bench_{uuid.uuid4().hex[:8]}"
        try:
            requests.put(f"{self.api}/vhosts/{name}", auth=self.auth, timeout=5).raise_for_status()
            requests.put(f"{self.api}/permissions/{name}/{self.auth[0]}", auth=self.auth, timeout=5,
                         json={"configure": ".*", "write": ".*", "read": ".*"}).raise_for_status()
            self.vhost = name
            return f"{u.scheme}://{u.netloc}/{name}"
        except Exception:
            print("(management API unavailable: using the configured vhost)")
            return self.base

    def __exit__(self, *exc):
        if self.vhost:
            requests.delete(f"{self.api}/vhosts/{self.vhost}", auth=self.auth, timeout=10)


def seed(rpc, recipients):
    units = demo_units()[:3]
    for i in range(recipients):
        units.append({"code": f"900.{i:03d}.31.H26", "name": f"Trường Thử nghiệm số {i}", "short_name": f"TN{i}",
                      "kind": "TH", "parent": OFFICE, "place": "Đồ Sơn"})
    clerk = {"username": "bench.vanthu", "full_name": "Văn thư", "unit_code": OFFICE, "roles": ["van_thu"]}
    rpc.directory.import_district(units, [clerk])
    user = rpc.directory.find_user("bench.vanthu")
    actor = {"user_id": user["user_id"], "unit_id": OFFICE, "roles": ["van_thu"]}
    return actor, [u["code"] for u in units[3:]]


def draft(rpc, actor, recipients):
    return rpc.documents.create_draft(actor, {
        "type_code": "KH", "summary": "Kế hoạch kiểm tra", "recipients": recipients,
        "signer": {"authority": "KT.", "position": "PHÓ TRƯỞNG PHÒNG", "full_name": "Nguyễn Văn Hà"}})["document_id"]


def wait_items(document_id, expected, timeout=30):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if models.IncomingItem.objects(document_id=document_id).count() >= expected:
            return time.perf_counter()
        eventlet.sleep(0.002)
    raise RuntimeError(f"{expected} items not delivered within {timeout}s")


def bench_fanout(rpc, actor, recipients, runs):
    times = []
    for _ in range(runs + 2):
        doc_id = draft(rpc, actor, recipients)
        start = time.perf_counter()
        rpc.documents.issue(actor, doc_id)
        times.append(wait_items(doc_id, len(recipients)) - start)
    return times[2:]  # the first runs warm caches and connections


def bench_sustained(config, actor, recipient, seconds, concurrency=8):
    pool = eventlet.GreenPool(concurrency)
    issued = []
    stop_at = time.perf_counter() + seconds

    def client():
        with ClusterRpcProxy(config, timeout=60) as rpc:
            while time.perf_counter() < stop_at:
                doc_id = draft(rpc, actor, [recipient])
                rpc.documents.issue(actor, doc_id)
                issued.append(doc_id)

    start = time.perf_counter()
    for _ in range(concurrency):
        pool.spawn(client)
    pool.waitall()
    for doc_id in issued:
        wait_items(doc_id, 1)
    return len(issued) / (time.perf_counter() - start)


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


class ZeroReader(io.RawIOBase):
    """A file of ``size`` bytes made on the fly (a PDF header, then a repeated block),
    so the benchmark itself holds no file in memory."""

    def __init__(self, size, block=os.urandom(MB)):
        self.left, self.block, self.first = size, block, True

    def readable(self):
        return True

    def read(self, n=-1):
        if self.left <= 0:
            return b""
        n = self.left if n is None or n < 0 else min(n, self.left)
        if self.first:
            self.first = False
            chunk = (b"%PDF-1.7\n" + self.block)[:n]
        else:
            chunk = (self.block * (n // len(self.block) + 1))[:n]
        self.left -= len(chunk)
        return chunk


def bench_attachments(settings, size_mb):
    storage = Storage(settings)
    storage.ensure_bucket()
    size = size_mb * MB
    # raw: minio put of a known-length stream + get, no checks
    start = time.perf_counter()
    key = f"bench/{uuid.uuid4().hex}"
    storage.client.put_object(storage.bucket, key, ZeroReader(size), size, part_size=8 * MB)
    resp = storage.client.get_object(storage.bucket, key)
    for _ in resp.stream(MB):
        pass
    resp.close()
    raw = 2 * size / (time.perf_counter() - start)
    storage.delete(key)
    # ours: validate + hash + stream up, then re-read and verify sha256
    tracemalloc.start()
    start = time.perf_counter()
    stored = storage.put_stream(ZeroReader(size), "bench.pdf", prefix="bench", max_bytes=size + 1)
    assert storage.verify(stored)
    ours = 2 * size / (time.perf_counter() - start)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    storage.delete(stored.key)
    return raw, ours, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--recipients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--sizes", default="16,64,256", help="attachment sizes in MB")
    args = parser.parse_args()
    base = Settings.from_config()

    with TempVhost(base.AMQP_URI) as amqp_uri:
        settings = Settings.from_config({"AMQP_URI": amqp_uri, "MONGO_URI": "mongomock://localhost",
                                         "S3_BUCKET": "eoffice-bench"})
        config = {**settings.as_config(), "max_workers": 20}
        runner = ServiceRunner(config)
        runner.add_service(DirectoryService)
        runner.add_service(DocumentsService)
        runner.start()
        try:
            with ClusterRpcProxy(config, timeout=60) as rpc:
                actor, recipients = seed(rpc, args.recipients)
                raw_publish = bench_raw_publish(amqp_uri)
                fanout = bench_fanout(rpc, actor, recipients, args.runs)
            sustained = bench_sustained(config, actor, recipients[0], args.seconds)
        finally:
            runner.stop()

        print(f"\n== document exchange ({args.recipients} recipients, {args.runs} runs)")
        print(f"fan-out until all items exist: p50 {statistics.median(fanout) * 1000:.0f} ms, "
              f"p95 {pct(fanout, 95) * 1000:.0f} ms (target p95 < 1000 ms)")
        print(f"raw kombu confirmed publish:   {raw_publish:,.0f} msg/s")
        print(f"sustained issue+delivery:      {sustained:,.1f} documents/s "
              f"-> ratio {sustained / raw_publish:.3f} of raw publish (target >= 0.5)")

        print("\n== attachment path vs raw minio (upload + download, MB/s)")
        for size_mb in [int(s) for s in args.sizes.split(",")]:
            raw, ours, peak = bench_attachments(settings, size_mb)
            print(f"{size_mb:5d} MB: raw {raw / MB:7.1f}  ours {ours / MB:7.1f}  ratio {ours / raw:.2f} "
                  f"(target >= 0.8)  peak Python memory {peak / MB:.1f} MB")


if __name__ == "__main__":
    main()
