"""Notice texts from the Jinja2 templates in ``templates/`` (one file per kind,
setting ``title`` and ``text``), so wording changes need no code change."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from services.common.clock import parse_datetime, to_local

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _vn_date(value) -> str:
    dt = parse_datetime(value)
    return to_local(dt).strftime("%d/%m/%Y") if dt else ""


def _vn_datetime(value) -> str:
    dt = parse_datetime(value)
    return to_local(dt).strftime("%H:%M ngày %d/%m/%Y") if dt else ""


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False, keep_trailing_newline=False)
_env.filters["vn_date"] = _vn_date
_env.filters["vn_datetime"] = _vn_datetime


def render(template: str, context: dict) -> tuple[str, str]:
    """(title, text) in NFC for a template name such as ``document_arrived``."""
    module = _env.get_template(f"{template}.j2").make_module(context)
    title, text = str(getattr(module, "title", "")), str(getattr(module, "text", ""))
    return unicodedata.normalize("NFC", title.strip()), unicodedata.normalize("NFC", text.strip())


def has_template(template: str) -> bool:
    return (TEMPLATES / f"{template}.j2").exists()
