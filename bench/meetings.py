"""Meeting votes benchmark: N participants cast their ballots at the same moment.

    .venv/bin/python -m bench.meetings [--participants 300] [--rounds 3] [--workers 20]

Runs the directory, documents and meetings services as separate `nameko run`
processes (as in production) on a throw-away RabbitMQ vhost (management API)
and the configured S3 (S3_ENDPOINT). Seeds the demo district plus N voting
members, schedules a meeting, checks everyone in, then for each round opens a
vote (alternately open/named and secret) and releases N client threads at once
— each with its own RPC connection, like N people pressing "vote" in the room —
and closes it. Prints per-ballot latency (p50/p95/max), the time until the last
ballot was acknowledged, and checks that the published counts are exactly the
ballots sent (target: all N within 2 s).
"""
import argparse
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from nameko.standalone.rpc import ClusterRpcProxy

import bench.__main__ as base   # the document benchmark: its vhost, launcher and percentile
from services.common.config import Settings
from services.directory.seed import OFFICE, demo_units, demo_users

ROOT = base.ROOT
CHOICES = ("agree", "disagree", "abstain")


class Services(base.Services):
    """bench's launcher (directory, documents), plus the meetings service."""

    def __enter__(self):
        super().__enter__()
        self.procs.append(subprocess.Popen(
            [sys.executable, "-m", "nameko", "run", "--config", str(ROOT / "deploy" / "config.yaml"),
             "services.meetings.service"], env=self.env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        return self


def actor_of(user):
    return {"user_id": user["user_id"], "unit_id": user["unit_code"], "roles": user["roles"],
            "full_name": user["full_name"]}


def seed(rpc, participants):
    """The demo district and ``participants`` voting members spread over its schools."""
    units = demo_units()
    users, _ = demo_users(units)
    schools = [u["code"] for u in units[3:]]
    for i in range(participants):
        users.append({"username": f"bench.daibieu{i:04d}", "full_name": f"Đại biểu số {i + 1}",
                      "position": "Giáo viên", "unit_code": schools[i % len(schools)], "roles": ["chuyen_vien"]})
    for user in users:
        user.pop("password", None)   # argon2 is slow on purpose; nobody logs in here
    rpc.directory.import_district(units, users)
    chair = rpc.directory.find_user("gddt.lanhdao")
    secretary = rpc.directory.find_user("gddt.cv1")
    voters = [rpc.directory.find_user(f"bench.daibieu{i:04d}") for i in range(participants)]
    return actor_of(chair), actor_of(secretary), [actor_of(v) for v in voters]


def wait_for_services(config, timeout=90):
    deadline = time.time() + timeout
    while True:
        try:
            with ClusterRpcProxy(config, timeout=5) as rpc:
                rpc.directory.list_units()
                rpc.documents.counts({"user_id": "bench", "unit_id": OFFICE, "roles": []})
                rpc.meetings.my_meetings({"user_id": "bench", "unit_id": OFFICE, "roles": []})
                return
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(1)


class Room:
    """N participants, each a thread holding its own RPC connection (opened before
    the clock starts), who all press "vote" when the barrier opens."""

    def __init__(self, config, voters):
        self.voters = voters
        self.proxies = [None] * len(voters)
        self.contexts = [ClusterRpcProxy(config, timeout=60) for _ in voters]
        self.pool = ThreadPoolExecutor(len(voters))

    def __enter__(self):
        def connect(i):
            self.proxies[i] = self.contexts[i].__enter__()
        list(self.pool.map(connect, range(len(self.voters))))
        return self

    def __exit__(self, *exc):
        list(self.pool.map(lambda c: c.__exit__(None, None, None), self.contexts))
        self.pool.shutdown()

    def each(self, call):
        """Run ``call(rpc, actor, i)`` for everyone at once; returns [(start, end, result)]."""
        barrier = threading.Barrier(len(self.voters))

        def one(i):
            barrier.wait()
            start = time.perf_counter()
            result = call(self.proxies[i], self.voters[i], i)
            return start, time.perf_counter(), result
        return list(self.pool.map(one, range(len(self.voters))))


def summary(timings):
    latencies = [end - start for start, end, _ in timings]
    total = max(end for _, end, _ in timings) - min(start for start, _, _ in timings)
    return latencies, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=20, help="MAX_WORKERS of each service")
    args = parser.parse_args()
    settings = Settings.from_config()

    with base.TempVhost(settings.AMQP_URI) as amqp_uri:
        env = {"AMQP_URI": amqp_uri, "MONGO_URI": "mongomock://localhost", "S3_BUCKET": "eoffice-bench",
               "S3_ENDPOINT": settings.S3_ENDPOINT, "MAX_WORKERS": str(args.workers)}
        config = {"AMQP_URI": amqp_uri}
        with Services(env):
            wait_for_services(config)
            with ClusterRpcProxy(config, timeout=120) as rpc:
                chair, secretary, voters = seed(rpc, args.participants)
                start = datetime.now(timezone.utc) + timedelta(minutes=5)
                meeting = rpc.meetings.schedule(chair, {
                    "title": "Hội nghị đại biểu cán bộ, giáo viên (benchmark)", "kind": "hoi_nghi",
                    "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=3)).isoformat(),
                    "place": "Hội trường", "chair_id": chair["user_id"], "secretary_id": secretary["user_id"],
                    "members": [{"user_id": v["user_id"]} for v in voters]})
                mid = meeting["meeting_id"]
                rpc.meetings.start(chair, mid)
                rpc.meetings.check_in(chair, mid)

            with Room(config, voters) as room:
                checkins = room.each(lambda r, actor, i: r.meetings.check_in(actor, mid))
                rounds = []
                with ClusterRpcProxy(config, timeout=120) as rpc:
                    for n in range(args.rounds):
                        secret = n % 2 == 1
                        vote = rpc.meetings.open_vote(chair, mid, {
                            "question": f"Biểu quyết số {n + 1}", "secret": secret})
                        vid = vote["vote_id"]
                        sent = room.each(lambda r, actor, i: r.meetings.cast_vote(
                            actor, mid, vid, [CHOICES[(i + n) % 3]])["counted"])
                        results = rpc.meetings.close_vote(chair, mid, vid)["results"]
                        expected = [sum(1 for i in range(len(voters)) if (i + n) % 3 == k) for k in range(3)]
                        counted = [o["count"] for o in results["options"]]
                        rounds.append((secret, sent, results["ballots"], counted, expected))

    print(f"\n== meeting votes: {args.participants} participants at once, services in their own processes "
          f"(MAX_WORKERS={args.workers})")
    latencies, total = summary(checkins)
    print(f"check-in:  p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {base.pct(latencies, 95) * 1000:.0f} ms, "
          f"all {len(checkins)} in {total:.2f} s")
    ok = True
    for n, (secret, sent, ballots, counted, expected) in enumerate(rounds, 1):
        latencies, total = summary(sent)
        exact = ballots == args.participants and counted == expected and all(r for _, _, r in sent)
        ok = ok and exact and total <= 2.0
        print(f"vote {n} ({'secret' if secret else 'open, named'}): p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {base.pct(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
              f"all {len(sent)} ballots in {total:.2f} s ({len(sent) / total:,.0f}/s); "
              f"counted {ballots} = {counted} {'exact' if exact else f'WRONG, expected {expected}'}")
    print(f"target: every ballot counted exactly, all {args.participants} within 2 s -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
