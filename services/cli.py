"""The `eoffice` command: run the system, seed demo data, inspect the DLQ, formats."""
from __future__ import annotations

import argparse
import json
import sys

from .common.config import Settings
from .documents.formats import cli as formats_cli
from .reporting import cli as reporting_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eoffice", description="District e-office")
    sub = parser.add_subparsers(dest="command", required=True)

    p_up = sub.add_parser("up", help="start every service (embedded S3 and in-memory MongoDB by default)")
    p_up.add_argument("--seed", action="store_true", help="load the demo district once the services are up")
    p_up.add_argument("--only", nargs="*", help="start only these services (e.g. directory documents)")

    p_seed = sub.add_parser("seed", help="load the demo district into the running directory")
    p_seed.add_argument("--password", help="one password for every demo account (default: random, printed)")

    p_test = sub.add_parser("test", help="run the test-suite (starts an embedded S3 if none is configured)")
    p_test.add_argument("pytest_args", nargs=argparse.REMAINDER)

    p_dlq = sub.add_parser("dlq", help="events parked after failing all retries")
    dlq_sub = p_dlq.add_subparsers(dest="dlq_command", required=True)
    dlq_sub.add_parser("list", help="show parked events (they stay parked)")
    p_replay = dlq_sub.add_parser("replay", help="send parked events back to their handler")
    p_replay.add_argument("event_ids", nargs="*", help="only these events (default: all)")

    formats_cli.register(sub)  # docx inspect, edxml export/import
    reporting_cli.register(sub)  # reporting install-forms, remind, export, kpi-replay

    args = parser.parse_args(argv)
    if args.command == "up":
        from .runner import up
        return up(seed=args.seed, only=args.only)
    if args.command == "seed":
        from .seeding import seed_demo
        seed_demo(Settings.from_config(), args.password)
        return 0
    if args.command == "test":
        from .runner import run_tests
        return run_tests(args.pytest_args)
    if args.command == "dlq":
        from .common.events import dlq_list, dlq_replay
        uri = Settings.from_config().AMQP_URI
        if args.dlq_command == "list":
            parked = dlq_list(uri)
            print(json.dumps(parked, ensure_ascii=False, indent=2))
            print(f"{len(parked)} parked event(s)", file=sys.stderr)
        else:
            count = dlq_replay(uri, args.event_ids or None)
            print(f"replayed {count} event(s)")
        return 0
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
