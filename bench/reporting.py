"""Reporting benchmark.

    .venv/bin/python -m bench.reporting [--schools 1000] [--periods 12] [--values 100000] [--runs 5]

1. Board: completeness and consolidation of one form for N schools × 12 monthly
   periods (12,000 submissions), timed through the service's own query functions
   (``services.reporting.queries``: the projected MongoDB query plus the pure
   rules, exactly what the ``completeness_board`` / ``consolidate`` RPCs run),
   on mongomock in this process; median of --runs. Target < 1 s each.
2. Stream: the district portal reads 100,000 approved values (4,000 approved
   CCHC submissions × 25 fields) through ``StreamApprovedSubmissions``: the
   reporting service runs here (nameko, a throw-away RabbitMQ vhost via the
   management API; its S3 dependency needs S3_ENDPOINT up), the portal edge is
   its own process (``python -m services.portal.server``), the gRPC client is a
   third, plain process. Beside it, the same pages read by the raw nameko RPC
   the edge uses, to show what gRPC adds.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-portal-token-0123456789abcdef"
PORTAL_ACTOR = {"user_id": "portal:bench", "unit_id": "portal", "roles": ["portal"]}
KINDS = ("MN", "TH", "TH&THCS", "THCS")


# ---------------------------------------------------------------- data

def monthly_values(rng: random.Random) -> dict:
    students = rng.randint(200, 1500)
    return {"classes": students // 35, "students": students, "students_in": rng.randint(0, 5),
            "students_out": rng.randint(0, 5), "attendance_rate": round(rng.uniform(90, 100), 2),
            "staff_total": rng.randint(20, 90), "staff_long_leave": rng.randint(0, 2),
            "professional_meetings": rng.randint(2, 6), "extracurricular": rng.random() < 0.7,
            "safety_incidents": 0, "spending": round(rng.uniform(10, 500), 2),
            "highlights": "Tổ chức tốt các hoạt động chuyên môn." if rng.random() < 0.3 else ""}


def seed_board(db, spec, schools: int, year: int, rng: random.Random) -> list[dict]:
    """N schools and one submission per school and month (some missing, some
    drafts, some late, most approved)."""
    units = [{"code": f"000.{i:04d}.31.H26", "name": f"Trường số {i}", "kind": KINDS[i % 4]} for i in range(schools)]
    rows = []
    for period in spec.schedule(year):
        deadline = datetime(period.year, period.last_month, 25, 16, 59, 59)
        for unit in units:
            roll = rng.random()
            if roll < 0.06:
                continue                                            # never started
            status = "draft" if roll < 0.10 else "submitted" if roll < 0.25 else "approved"
            submitted = None if status == "draft" else deadline - timedelta(hours=rng.randint(-72, 400))
            rows.append({"_id": f"{unit['code']}|{period.id}", "form_code": spec.code, "period_id": period.id,
                         "unit_code": unit["code"], "status": status, "first_submitted_at": submitted,
                         "late": bool(submitted and submitted > deadline), "values": monthly_values(rng)})
    db["submissions"].insert_many(rows)
    return units


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_board(schools: int, runs: int) -> None:
    from services.common.config import Settings
    from services.common.mongo import connect
    from services.reporting import queries, seed
    from services.reporting.domain import aggregation, completeness, forms

    db = connect("reporting", Settings.from_config({"MONGO_URI": "mongomock://localhost",
                                                    "MONGO_DB_PREFIX": "bench_board_"}))
    spec = forms.build(seed.HDTHANG)
    year = 2026
    period_ids = [p.id for p in spec.schedule(year)]
    units = seed_board(db, spec, schools, year, random.Random(9))
    count = db["submissions"].count_documents({})

    board_s, board = timed(lambda: queries.completeness_for(db, spec, units, period_ids), runs)
    cons_s, cons = timed(lambda: queries.consolidation_for(db, spec, units, period_ids), runs)
    fetch_s, rows = timed(lambda: queries.submission_rows(db, spec.code, period_ids, with_values=True), runs)
    rules_s, _ = timed(lambda: {p: completeness.completeness(units, rows.get(p, {})) for p in period_ids}, runs)
    agg_s, _ = timed(lambda: aggregation.consolidate_many(
        spec, {p: [r["values"] for r in rows.get(p, {}).values() if r["status"] == "approved"] for p in period_ids}),
        runs)

    totals = [board[p]["totals"] for p in period_ids]
    included = sum(len(cons[p]["units"]) for p in period_ids)
    print(f"\n== board: {schools:,} schools × {len(period_ids)} monthly periods ({count:,} submissions), "
          f"median of {runs}, mongomock in-process")
    print(f"completeness (query + rules): {board_s * 1000:7.0f} ms   target < 1000 ms   "
          f"[expected {sum(t['expected'] for t in totals):,}, submitted {sum(t['submitted'] for t in totals):,}, "
          f"late {sum(t['late'] for t in totals):,}, missing {sum(t['missing'] for t in totals):,}]")
    print(f"consolidation (query + sums): {cons_s * 1000:7.0f} ms   target < 1000 ms   "
          f"[{included:,} approved submissions × {len(spec.fields)} fields]")
    print(f"  of which: fetching all rows with values {fetch_s * 1000:.0f} ms, completeness rules "
          f"{rules_s * 1000:.0f} ms, aggregation {agg_s * 1000:.0f} ms")


# ---------------------------------------------------------------- stream

def seed_stream(values: int) -> int:
    """Approved CCHC submissions whose values add up to ``values``, straight into
    the approved stream's log (as approvals write it)."""
    from mongoengine.connection import get_db

    from services.common.clock import utcnow
    from services.reporting import models, seed
    from services.reporting.domain import forms

    spec = forms.build(seed.CCHC)
    models.FormHead(code=spec.code, owner_unit="000.01.31.H26", title=spec.title, current_version=1).save()
    models.FormVersion(version_id=models.FormVersion.key(spec.code, 1), code=spec.code, version=1,
                       owner_unit="000.01.31.H26", definition=spec.as_dict(), fingerprint=spec.fingerprint()).save()
    per = len(spec.fields)
    count = -(-values // per)
    rng = random.Random(5)
    now = utcnow()
    rows = []
    for i in range(count):
        row_values = {}
        for f in spec.fields:
            row_values[f.code] = (True if f.type == "yes_no" else "tot" if f.type == "select" else
                                  "Không có khó khăn." if f.type == "text" else
                                  round(rng.uniform(80, 100), 2) if f.type == "percent" else rng.randint(0, 500))
        rows.append({"_id": i + 1, "state": "committed", "kind": "approved", "submission_id": f"s{i}",
                     "form_code": spec.code, "form_version": 1, "period_id": f"{2020 + i // 1000}-Y",
                     "unit_code": f"000.{i % 1000:04d}.31.H26", "unit_name": f"Trường số {i % 1000}",
                     "unit_kind": KINDS[i % 4], "owner_unit": "000.01.31.H26", "values": row_values, "revision": 1,
                     "submitted_at": now, "late": False, "at": now, "by": "bench", "reason": None})
    db = get_db("reporting")
    db[models.APPROVAL_LOG].insert_many(rows)
    db[models.COUNTERS].insert_one({"_id": "approval_log", "value": count})
    return count * per


def bench_stream(values: int) -> None:
    from eventlet.green import subprocess
    from nameko.runners import ServiceRunner

    from bench.__main__ import TempVhost
    from services.common.config import Settings
    from services.common.mongo import connect
    from services.reporting.service import ReportingService

    settings = Settings.from_config()
    with TempVhost(settings.AMQP_URI) as amqp_uri:
        config = {**settings.as_config(), "AMQP_URI": amqp_uri, "MONGO_URI": "mongomock://localhost",
                  "MONGO_DB_PREFIX": "bench_stream_", "max_workers": 10}
        connect("reporting", Settings.from_config(config))
        seeded = seed_stream(values)
        runner = ServiceRunner(config)
        runner.add_service(ReportingService)
        runner.start()
        port = _free_port()
        env = {**os.environ, "AMQP_URI": amqp_uri, "PORTAL_GRPC_ADDRESS": f"127.0.0.1:{port}", "PORTAL_TOKEN": TOKEN,
               "PORTAL_STREAM_PAGE": "1000", "PYTHONWARNINGS": "ignore", "LOG_LEVEL": "WARNING"}
        portal = subprocess.Popen([sys.executable, "-m", "services.portal.server"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = subprocess.run([sys.executable, "-m", "bench.reporting", "--client", f"127.0.0.1:{port}",
                                     amqp_uri], cwd=ROOT, env={**env, "PYTHONWARNINGS": "ignore"},
                                    capture_output=True, text=True, timeout=600)
        finally:
            portal.terminate()
            portal.wait(15)
            runner.stop()
    if client.returncode != 0:
        raise SystemExit(f"stream client failed: {client.stderr[-2000:]}")
    result = json.loads(client.stdout.strip().splitlines()[-1])
    grpc_r, rpc_r = result["grpc"], result["rpc"]
    print(f"\n== approved stream: {seeded:,} values in {grpc_r['messages']:,} submissions "
          f"(reporting in-process on mongomock, portal edge and client in their own processes)")
    print(f"gRPC StreamApprovedSubmissions: {grpc_r['values'] / grpc_r['seconds']:>10,.0f} values/s  "
          f"{grpc_r['messages'] / grpc_r['seconds']:>8,.0f} rows/s  ({grpc_r['seconds']:.2f} s, "
          f"{grpc_r['values']:,} values)")
    print(f"raw nameko RPC pages (baseline): {rpc_r['values'] / rpc_r['seconds']:>9,.0f} values/s  "
          f"{rpc_r['messages'] / rpc_r['seconds']:>8,.0f} rows/s  ({rpc_r['seconds']:.2f} s)"
          f"  -> gRPC keeps {grpc_r['values'] / grpc_r['seconds'] / (rpc_r['values'] / rpc_r['seconds']):.2f} of it")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stream_client(address: str, amqp_uri: str) -> None:
    """The portal's side, in a plain process (no eventlet)."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from nameko.standalone.rpc import ClusterRpcProxy

    from services.portal.stubs import SERVICE_NAME, pb, pb_grpc

    channel = grpc.insecure_channel(address)
    health = health_pb2_grpc.HealthStub(channel)
    deadline = time.time() + 60
    while True:   # the edge is up and the reporting service answers it
        try:
            if health.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=2).status == \
                    health_pb2.HealthCheckResponse.SERVING:
                break
        except grpc.RpcError:
            pass
        if time.time() > deadline:
            raise SystemExit("the portal edge did not become healthy")
        time.sleep(0.2)
    stub = pb_grpc.PortalServiceStub(channel)
    metadata = (("authorization", f"Bearer {TOKEN}"),)
    stub.ListForms(pb.ListFormsRequest(), metadata=metadata, timeout=30)   # warm the edge's proxy
    start = time.perf_counter()
    messages = values = 0
    for message in stub.StreamApprovedSubmissions(pb.StreamApprovedSubmissionsRequest(), metadata=metadata,
                                                  timeout=600):
        messages += 1
        values += len(message.values)
    grpc_result = {"messages": messages, "values": values, "seconds": time.perf_counter() - start}
    with ClusterRpcProxy({"AMQP_URI": amqp_uri}, timeout=120) as rpc:
        start = time.perf_counter()
        messages = values = cursor = 0
        while True:
            page = rpc.reporting.approved_since(PORTAL_ACTOR, after=cursor, limit=1000)
            messages += len(page["items"])
            values += sum(len(item["values"]) for item in page["items"])
            cursor = page["next_cursor"]
            if not page["more"]:
                break
        rpc_result = {"messages": messages, "values": values, "seconds": time.perf_counter() - start}
    print(json.dumps({"grpc": grpc_result, "rpc": rpc_result}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reporting", description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--values", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("board", "stream"))
    parser.add_argument("--client", nargs=2, metavar=("ADDRESS", "AMQP_URI"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        stream_client(*args.client)
        return 0
    import eventlet

    eventlet.monkey_patch()   # the reporting service runs here, under nameko
    import logging

    logging.basicConfig(level=logging.WARNING)
    if args.only in (None, "board"):
        bench_board(args.schools, args.runs)
    if args.only in (None, "stream"):
        bench_stream(args.values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
