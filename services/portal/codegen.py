"""Python stubs for protos/eoffice/reporting/v1/portal.proto, made with grpcio-tools.

    python -m services.portal.codegen          # regenerate services/portal/_generated
    python -m services.portal.codegen --check  # exit 1 if the committed stubs are stale

The stubs are committed (an installed package needs neither grpcio-tools nor
the .proto at run time) and a test regenerates them into a temporary folder
and compares byte for byte. grpc's plugin writes an absolute import
(``from eoffice.reporting.v1 import portal_pb2``); it is made relative so the
stubs live inside this package without touching sys.path.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTO_ROOT = ROOT / "protos"
PROTO = "eoffice/reporting/v1/portal.proto"
GENERATED = Path(__file__).resolve().parent / "_generated"
FILES = ("portal_pb2.py", "portal_pb2.pyi", "portal_pb2_grpc.py")
_ABSOLUTE = "from eoffice.reporting.v1 import portal_pb2"
_RELATIVE = "from . import portal_pb2"


def proto_sha256() -> str:
    return hashlib.sha256((PROTO_ROOT / PROTO).read_bytes()).hexdigest()


def render() -> dict[str, bytes]:
    """The generated files (name → content), made in a temporary folder."""
    from grpc_tools import protoc

    well_known = resources.files("grpc_tools") / "_proto"
    with tempfile.TemporaryDirectory() as tmp:
        code = protoc.main(["grpc_tools.protoc", f"-I{PROTO_ROOT}", f"-I{well_known}", f"--python_out={tmp}",
                            f"--pyi_out={tmp}", f"--grpc_python_out={tmp}", PROTO])
        if code != 0:
            raise RuntimeError(f"protoc failed ({code}) on {PROTO}")
        out = Path(tmp) / Path(PROTO).parent
        files = {name: (out / name).read_bytes() for name in FILES}
    files["portal_pb2_grpc.py"] = files["portal_pb2_grpc.py"].replace(_ABSOLUTE.encode(), _RELATIVE.encode())
    files["__init__.py"] = (
        '"""Generated from protos/eoffice/reporting/v1/portal.proto by services.portal.codegen.\n'
        'Do not edit: change the .proto and run `python -m services.portal.codegen`."""\n'
        f'PROTO_SHA256 = "{proto_sha256()}"\n').encode()
    return files


def write(target: Path = GENERATED) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in render().items():
        path = target / name
        path.write_bytes(content)
        written.append(path)
    return written


def stale(target: Path = GENERATED) -> list[str]:
    """Names of the committed files that differ from a fresh generation."""
    return [name for name, content in render().items()
            if not (target / name).exists() or (target / name).read_bytes() != content]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed stubs are current")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale()
        if bad:
            print("stale generated stubs: " + ", ".join(bad) + " (run python -m services.portal.codegen)")
            return 1
        print("generated stubs are current")
        return 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
