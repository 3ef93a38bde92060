"""Real servers on loopback for the notification tests, run as subprocesses (so
asyncio and http.server stay clear of the tests' eventlet monkey-patching).

    python -m tests.notifications.sinks smtp PORT DIR
        aiosmtpd's Controller; every message received is written to DIR as
        <n>.json {mail_from, rcpt_tos, data}.
    python -m tests.notifications.sinks webhook PORT DIR [STATUS,STATUS,...]
        an HTTP server answering POSTs with the listed statuses in turn (then 200),
        writing each request to DIR as <n>.json {path, headers, body}.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_lock = threading.Lock()
_counter = [0]


def _write(directory: Path, record: dict) -> None:
    with _lock:
        _counter[0] += 1
        n = _counter[0]
    tmp = directory / f"{n}.tmp"
    tmp.write_text(json.dumps(record, ensure_ascii=False))
    tmp.rename(directory / f"{n}.json")


def smtp(port: int, directory: Path) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            _write(directory, {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                               "data": envelope.content.decode("utf-8", "replace")})
            return "250 OK"

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("bounce"):
                return "550 5.1.1 no such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    while True:
        time.sleep(3600)


def webhook(port: int, directory: Path, statuses: list[int]) -> None:
    answers = iter(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = next(answers, 200)
            _write(directory, {"path": self.path, "headers": dict(self.headers), "body": body.decode("utf-8"),
                               "answered": status})
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    kind, port, directory = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    directory.mkdir(parents=True, exist_ok=True)
    if kind == "smtp":
        smtp(port, directory)
    else:
        webhook(port, directory, [int(s) for s in sys.argv[4].split(",")] if len(sys.argv) > 4 else [])
