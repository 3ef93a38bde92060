"""``eoffice docx inspect`` and ``eoffice edxml export|import``.

``register(subparsers)`` adds the commands to the ``eoffice`` argparse parser;
each sets ``func(args) -> int`` (the exit code). ``docx inspect`` is pure;
the edXML commands talk to the running services (nameko RPC) and to S3.
"""
from __future__ import annotations

import json
import os
import sys

from services.common.errors import EofficeError

DESCRIPTION_DOCX = "Đọc thông tin văn bản (số, ký hiệu, trích yếu, người ký, nơi nhận...) từ tệp .docx"
DESCRIPTION_EDXML = "Trao đổi văn bản theo định dạng edXML (QCVN 102:2016)"


def register(subparsers) -> None:
    docx = subparsers.add_parser("docx", help=DESCRIPTION_DOCX).add_subparsers(dest="docx_command", required=True)
    inspect = docx.add_parser("inspect", help="In thông tin văn bản dạng JSON")
    inspect.add_argument("file", help="tệp .docx")
    inspect.set_defaults(func=inspect_command)

    ed = subparsers.add_parser("edxml", help=DESCRIPTION_EDXML).add_subparsers(dest="edxml_command", required=True)
    export = ed.add_parser("export", help="Xuất văn bản đã phát hành ra tệp .edxml")
    export.add_argument("document_id")
    export.add_argument("-o", "--output", required=True, help="tệp .edxml ghi ra")
    export.add_argument("--as", dest="username", required=True, help="tên đăng nhập của văn thư thực hiện")
    export.set_defaults(func=export_command)

    imp = ed.add_parser("import", help="Tiếp nhận tệp .edxml thành văn bản đến")
    imp.add_argument("file", help="tệp .edxml")
    imp.add_argument("--to", dest="unit", required=True, help="mã định danh đơn vị nhận")
    imp.add_argument("--as", dest="username", required=True, help="tên đăng nhập của văn thư đơn vị nhận")
    imp.set_defaults(func=import_command)


def _print(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return 1


def inspect_command(args) -> int:
    from .extract import extract_docx

    try:
        with open(args.file, "rb") as f:
            _print(extract_docx(f))
    except OSError as exc:
        return _fail(f"không đọc được tệp {args.file}: {exc.strerror}")
    except EofficeError as exc:
        return _fail(exc.message)
    return 0


# ---------------------------------------------------------------- services
def _settings():
    from services.common.config import Settings

    return Settings.from_config()


def _actor(rpc, username: str) -> dict:
    user = rpc.directory.find_user(username)
    if not user.get("active", True):
        raise PermissionError(f"tài khoản {username} đã bị khóa")
    return {"user_id": user["user_id"], "unit_id": user["unit_code"], "roles": user["roles"],
            "full_name": user["full_name"]}


def _with_services(work) -> int:
    """Run ``work(rpc, storage)`` against the running services; errors become messages."""
    from nameko.standalone.rpc import ClusterRpcProxy

    from services.common.storage import Storage

    settings = _settings()
    try:
        storage = Storage(settings)
        with ClusterRpcProxy({"AMQP_URI": settings.AMQP_URI}, timeout=120) as rpc:
            return work(rpc, storage)
    except EofficeError as exc:
        return _fail(str(exc))
    except (OSError, PermissionError) as exc:
        return _fail(str(exc))


def export_command(args) -> int:
    def work(rpc, storage):
        actor = _actor(rpc, args.username)
        result = rpc.documents.export_edxml(actor, args.document_id)
        tmp = f"{args.output}.part"
        with open(tmp, "wb") as out:
            for chunk in storage.iter_chunks(result["file"]["key"]):
                out.write(chunk)
        os.replace(tmp, args.output)   # no half-written file under the final name
        _print({"output": args.output, **result["file"]})
        return 0
    return _with_services(work)


def import_command(args) -> int:
    def work(rpc, storage):
        actor = _actor(rpc, args.username)
        with open(args.file, "rb") as f:
            stored = storage.put_stream(f, os.path.basename(args.file), prefix="uploads")
        item = rpc.documents.import_edxml(actor, stored.key, args.unit)
        _print({k: item[k] for k in ("item_id", "symbol", "type_name", "summary", "sender_name", "status",
                                     "status_label", "attachments")})
        return 0
    return _with_services(work)


def main(argv=None) -> int:
    """Standalone entry (``python -m services.documents.formats.cli``) until the
    ``eoffice`` CLI registers these commands."""
    import argparse

    parser = argparse.ArgumentParser(prog="eoffice")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
