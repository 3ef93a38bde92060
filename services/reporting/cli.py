"""``eoffice reporting ...``: operator commands against the running services.

    eoffice reporting install-forms --as gddt.lanhdao     # the plan's forms (CCHC, HDTHANG)
    eoffice reporting remind                              # send the reminders due now
    eoffice reporting export CCHC 2026-Q1 --as gddt.cv1 -o ./out   # .docx + .xlsx
    eoffice reporting kpi-replay events.jsonl --as admin [--reset]

``register(subparsers)`` adds them to the ``eoffice`` parser (each sets
``func(args) -> exit code``); ``python -m services.reporting.cli`` runs them
standalone. kpi-replay reads event envelopes, one JSON object per line (or one
JSON array), e.g. a producer's ``outbox_sent`` export, and rebuilds the KPI read
model; replaying twice changes nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from services.common.clock import local_date, utcnow
from services.common.errors import EofficeError

REPLAY_BATCH = 5000


def register(subparsers) -> None:
    reporting = subparsers.add_parser("reporting", help="Báo cáo định kỳ: biểu mẫu, nhắc hạn, tổng hợp, chỉ số")
    commands = reporting.add_subparsers(dest="reporting_command", required=True)

    install = commands.add_parser("install-forms", help="Cài các biểu mẫu theo kế hoạch (CCHC, HDTHANG)")
    install.add_argument("--as", dest="username", required=True, help="lãnh đạo/chuyên viên Phòng")
    install.add_argument("--from", dest="collect_from", default=local_date(utcnow()).isoformat(),
                         help="thu các kỳ có hạn nộp từ ngày này (YYYY-MM-DD, mặc định hôm nay)")
    install.set_defaults(func=install_forms)

    remind = commands.add_parser("remind", help="Gửi ngay các nhắc hạn đã đến lúc")
    remind.set_defaults(func=send_reminders)

    export = commands.add_parser("export", help="Xuất báo cáo tổng hợp (.docx, .xlsx)")
    export.add_argument("form_code")
    export.add_argument("period_id", help="ví dụ 2026-Q1, 2026-M03, 2026-H1, 2026-9M, 2026-Y")
    export.add_argument("--as", dest="username", required=True)
    export.add_argument("--basis", choices=("approved", "submitted"), default="approved")
    export.add_argument("-o", "--output", default=".", help="thư mục ghi tệp")
    export.set_defaults(func=export_report)

    replay = commands.add_parser("kpi-replay", help="Dựng lại chỉ số từ các sự kiện đã phát")
    replay.add_argument("file", help="tệp sự kiện: JSON lines hoặc một mảng JSON")
    replay.add_argument("--as", dest="username", required=True, help="quản trị hệ thống")
    replay.add_argument("--reset", action="store_true", help="xóa dữ liệu chỉ số trước khi nạp lại")
    replay.set_defaults(func=kpi_replay)


def _print(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _with_services(work) -> int:
    from nameko.standalone.rpc import ClusterRpcProxy

    from services.common.config import Settings
    from services.common.storage import Storage

    settings = Settings.from_config()
    try:
        with ClusterRpcProxy({"AMQP_URI": settings.AMQP_URI}, timeout=300) as rpc:
            return work(rpc, Storage(settings))
    except EofficeError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1


def _actor(rpc, username: str) -> dict:
    user = rpc.directory.find_user(username)
    return {"user_id": user["user_id"], "unit_id": user["unit_code"], "roles": user["roles"],
            "full_name": user["full_name"]}


def install_forms(args) -> int:
    return _with_services(lambda rpc, _: _print(rpc.reporting.install_seed_forms(
        _actor(rpc, args.username), args.collect_from)) or 0)


def send_reminders(args) -> int:
    return _with_services(lambda rpc, _: print(f"{rpc.reporting.send_due_reminders()} reminder(s) sent") or 0)


def export_report(args) -> int:
    def work(rpc, storage):
        result = rpc.reporting.export_consolidated(_actor(rpc, args.username), args.form_code, args.period_id,
                                                   args.basis)
        os.makedirs(args.output, exist_ok=True)
        for kind in ("docx", "xlsx"):
            file = result[kind]["file"]
            path = os.path.join(args.output, file["name"])
            with open(f"{path}.part", "wb") as out:
                for chunk in storage.iter_chunks(file["key"]):
                    out.write(chunk)
            os.replace(f"{path}.part", path)
            print(path)
        return 0
    return _with_services(work)


def read_envelopes(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kpi_replay(args) -> int:
    envelopes = read_envelopes(args.file)

    def work(rpc, _storage):
        admin = _actor(rpc, args.username)
        if args.reset:
            print(f"removed {rpc.reporting.kpi_reset(admin)} fact(s)")
        totals = {"added": 0, "duplicates": 0, "ignored": 0}
        for start in range(0, len(envelopes), REPLAY_BATCH):
            for key, value in rpc.reporting.kpi_replay(admin, envelopes[start:start + REPLAY_BATCH]).items():
                totals[key] += value
        _print(totals)
        return 0
    return _with_services(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.reporting.cli")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
