"""Read a .docx written by people into a flat list of text lines, each with
where it sits (a header/footer table's left or right column, or the body) and
what formatting it shows. Extraction rules work on these lines only.

Two-column layouts come as tables, or as paragraphs whose halves are separated
by tabs or runs of spaces; both end up as "left"/"right" lines.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from services.common.errors import FileRejected

MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # a zip bomb stops here, before python-docx inflates it

LEFT, RIGHT, BODY = "left", "right", "body"
_COLUMN_GAP = re.compile(r"\t+|\s{4,}")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u3000]+")


@dataclass(frozen=True)
class Line:
    text: str            # NFC, spaces collapsed, dashes as "-"
    key: str             # ``text`` folded char by char: same length, no marks, lower case
    zone: str            # LEFT | RIGHT | BODY
    block: tuple         # the cell or paragraph it came from (same block = same cell)
    bold: bool | None    # every run bold / none bold / unknown or mixed
    align: str | None    # "center" | "left" | "right" | "justify" | None (not set)


def fold_char(ch: str) -> str:
    """One character without its marks, lower case (đ -> d); always one char
    so that positions in ``key`` are positions in ``text``."""
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return "d" if base == "đ" else base


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    return _SPACES.sub(" ", text).strip()


def fold_text(text: str) -> str:
    return "".join(fold_char(c) for c in clean(text))


def make_line(text: str, zone: str, block: tuple, bold=None, align=None) -> Line:
    text = clean(text)
    return Line(text, fold_text(text), zone, block, bold, align)


def open_docx(source: bytes | BinaryIO):
    """A python-docx Document, refusing what is not a sane .docx."""
    data = source if isinstance(source, (bytes, bytearray)) else source.read(MAX_DOCX_BYTES + 1)
    if len(data) > MAX_DOCX_BYTES:
        raise FileRejected(f"Tệp .docx quá lớn (tối đa {MAX_DOCX_BYTES // (1024 * 1024)} MB).", {"file": "too_large"})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileRejected("Tệp .docx bị nén bất thường, không đọc được.", {"file": "zip_bomb"})
        return Docx(io.BytesIO(data))
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected("Tệp không phải văn bản Word (.docx) hợp lệ.", {"file": "not_docx"}) from exc


def read_lines(source: bytes | BinaryIO) -> list[Line]:
    doc = open_docx(source)
    lines: list[Line] = []
    _read_container(doc.element.body, doc, lines, prefix=())
    return [line for line in lines if line.text]


def _read_container(element, doc, lines: list[Line], prefix: tuple) -> None:
    for i, child in enumerate(element.iterchildren()):
        if child.tag == qn("w:p"):
            _read_paragraph(child, doc, lines, prefix + (i,), zone=None)
        elif child.tag == qn("w:tbl"):
            _read_table(child, doc, lines, prefix + (i,))
        elif child.tag == qn("w:sdt"):   # content controls wrap ordinary paragraphs
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _read_container(content, doc, lines, prefix + (i,))


def _read_table(tbl, doc, lines: list[Line], prefix: tuple) -> None:
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        cells = list(tr.iterchildren(qn("w:tc")))
        for c, tc in enumerate(cells):
            zone = BODY if len(cells) == 1 else LEFT if c == 0 else RIGHT if c == len(cells) - 1 else BODY
            for j, child in enumerate(tc.iterchildren()):
                block = prefix + ("t", r, c)
                if child.tag == qn("w:p"):
                    _read_paragraph(child, doc, lines, block, zone=zone)
                elif child.tag == qn("w:tbl"):   # a nested table keeps the outer column
                    before = len(lines)
                    _read_table(child, doc, lines, block + (j,))
                    lines[before:] = [Line(x.text, x.key, zone, x.block, x.bold, x.align) for x in lines[before:]]


def _read_paragraph(p, doc, lines: list[Line], block: tuple, zone: str | None) -> None:
    from docx.text.paragraph import Paragraph

    para = Paragraph(p, doc)
    align = _alignment(para)
    bold = _boldness(para)
    for k, physical in enumerate(para.text.split("\n")):   # soft line breaks
        parts = [s for s in _COLUMN_GAP.split(physical) if s.strip()] if zone is None else [physical]
        if zone is None and len(parts) >= 2:
            # "UBND QUẬN ĐỒ SƠN <tab> CỘNG HÒA ...": one line per column
            lines.append(make_line(parts[0], LEFT, block + (k, "l")))
            lines.append(make_line(" ".join(parts[1:]), RIGHT, block + (k, "r")))
        elif zone is None and parts and _COLUMN_GAP.match(physical):
            # "<tab><tab>Nguyễn Văn Hà": only the right column is filled
            lines.append(make_line(parts[0], RIGHT, block + (k, "r"), bold, align))
        else:
            lines.append(make_line(physical.replace("\t", " "), zone or BODY, block, bold, align))


_ALIGN = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.LEFT: "left",
          WD_ALIGN_PARAGRAPH.RIGHT: "right", WD_ALIGN_PARAGRAPH.JUSTIFY: "justify"}


def _alignment(para) -> str | None:
    align = para.alignment
    if align is None and para.style is not None:
        align = para.style.paragraph_format.alignment
    return _ALIGN.get(align)


def _boldness(para) -> bool | None:
    runs = [r for r in para.runs if r.text.strip()]
    if not runs:
        return None
    style_bold = bool(para.style is not None and para.style.font.bold)
    values = {style_bold if r.bold is None else r.bold for r in runs}
    return values.pop() if len(values) == 1 else None
