"""Extract the metadata of an official document from a .docx written by people.

``extract_docx(bytes | file) -> dict`` returns the fields a clerk registers:
issuing and superior unit, number/symbol/type, type name, summary, place and
ISO date, signer, recipients (the "Lưu:" archive line apart), urgency and
confidentiality marks, addressees ("Kính gửi"). A field that is not on the
page is null: nothing is guessed beyond reading what is written.

Matching works on folded text (no diacritics, lower case) so NFD text, text
that lost its diacritics and case variants read the same; values are returned
as written (NFC), except codes (type code, marks) which are canonical.
"""
from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

from .. import domain
from . import decree30 as d30
from .docxread import BODY, LEFT, RIGHT, Line, fold_text, read_lines

# ---------------------------------------------------------------- patterns (on folded keys)
_NUMBER = re.compile(r"^so\s*:?\s*(\d*)\s*/\s*(\S.*)$")
_SUBJECT = re.compile(r"^v\s*/\s*v\s*:?\s*")
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})?[\s.…_]*thang\s*(\d{1,2})?[\s.…_]*nam\s*(\d{4})")
_DATE_DIGITS = re.compile(r"ngay\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_AUTHORITY = re.compile(r"^(tm|kt|q|tl|tuq)\s*\.\s*(.*)$")
_RULE = re.compile(r"^[\s_\-=.*~]+$")
_BULLET = re.compile(r"^[\-+•*·]\s*")
# signature placeholders and labels that are neither position nor name
_PLACEHOLDER = re.compile(r"^\(.*\)$|^\[.*\]$|da ky|ky ten|ky,|dong dau|ky so|chu ky|^dai dien\b")
_BODY_START = re.compile(r"^(can cu|thuc hien|kinh gui|trong nhung nam|hom nay|vao hoi|vao luc|theo de nghi)")
_ARCHIVE = re.compile(r"^luu\s*:?\s*")

_URGENCY_BY_KEY = {"khan": 1, "thuong khan": 2, "hoa toc": 3, "hoa toc hen gio": 4}
_CONFIDENTIALITY_BY_KEY = {"mat": 1, "toi mat": 2, "tuyet mat": 3}
_TITLE_SCAN = 60          # a title sits in the first lines, never deep in the body
_MAX_SUMMARY_LINES = 4


def extract_docx(source: bytes | BinaryIO) -> dict:
    """The registration fields of the .docx ``source`` (see module doc)."""
    return extract_lines(read_lines(source))


def empty_result() -> dict:
    return {"superior_unit": None, "issuing_unit": None, "number": None, "symbol": None, "notation": None,
            "type_code": None, "type_name": None, "summary": None, "place": None, "date": None,
            "urgency": None, "urgency_label": None, "confidentiality": None, "confidentiality_label": None,
            "addressees": None, "signer": None, "recipients": None, "archive": None}


def extract_lines(lines: list[Line]) -> dict:
    out = empty_result()
    title_at = _find_title(lines)
    header_end = _header_end(lines, title_at)
    header = lines[:header_end]

    number_at = _first(header, lambda ln: _NUMBER.match(ln.key) and ln.zone != RIGHT)
    if number_at is not None:
        out.update(_read_number(lines[number_at]))
    subject_at = _first(header, lambda ln: _SUBJECT.match(ln.key) and ln.zone != RIGHT)

    out.update(_read_units(header, number_at, subject_at))
    out.update(_read_place_date(header))
    out.update(_read_marks(header))

    title_code = d30.type_code_for_name(lines[title_at].key) if title_at is not None else None
    out["type_code"] = out["type_code"] or title_code
    if out["type_code"] is None and title_at is None and (subject_at is not None or out["notation"]):
        out["type_code"] = domain.CONG_VAN   # a công văn has no title and no type in its symbol
    if out["type_code"]:
        out["type_name"] = domain.DOCUMENT_TYPES[out["type_code"]]

    if title_at is not None:
        out["summary"] = _summary_after_title(lines, title_at)
    if out["summary"] is None and subject_at is not None:
        out["summary"] = _subject_summary(lines, subject_at)

    out["addressees"] = _read_addressees(lines, header_end)
    recipients_at = _first(lines, lambda ln: ln.key.startswith("noi nhan"), start=header_end)
    if recipients_at is not None:
        out["recipients"], out["archive"] = _read_recipients(lines, recipients_at)
    out["signer"] = _read_signer(lines, header_end, recipients_at)
    return out


# ---------------------------------------------------------------- structure
def _first(lines: list[Line], predicate, start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if predicate(lines[i]):
            return i
    return None


def _is_title(line: Line) -> bool:
    key = line.key.strip(" .")
    if line.zone != BODY or ":" in key:
        return False   # "QUYẾT ĐỊNH:" opens the articles, it is not the title
    code = d30.type_code_for_name(key)
    return code is not None and code != domain.CONG_VAN and line.text.strip(" .").upper() == line.text.strip(" .")


def _find_title(lines: list[Line]) -> int | None:
    return _first(lines[:_TITLE_SCAN], _is_title)


def _header_end(lines: list[Line], title_at: int | None) -> int:
    """Where the heading part ends: at the title, at "Kính gửi", or at the first
    body paragraph."""
    if title_at is not None:
        return title_at
    for i, line in enumerate(lines):
        if line.zone == BODY and (line.key.startswith("kinh gui") or _BODY_START.match(line.key)
                                  or (len(line.text) > 90 and not _NUMBER.match(line.key))):
            return i
    return len(lines)


def _is_national(line: Line) -> bool:
    key = re.sub(r"[^a-z]", "", line.key)
    return key.startswith("conghoaxahoichunghia") or key.startswith("doclaptudohanhphuc")


def _is_rule(line: Line) -> bool:
    return bool(_RULE.match(line.text))


def _mark(line: Line) -> tuple[str, int] | None:
    key = re.sub(r"[^a-z ]", "", line.key).strip()
    key = re.sub(r"\s+", " ", key)
    if key in _CONFIDENTIALITY_BY_KEY:
        return "confidentiality", _CONFIDENTIALITY_BY_KEY[key]
    if key.startswith("hoa toc hen gio"):
        return "urgency", 4
    if key in _URGENCY_BY_KEY:
        return "urgency", _URGENCY_BY_KEY[key]
    return None


def _is_date_line(line: Line) -> bool:
    return bool(_DATE_WORDS.search(line.key) or _DATE_DIGITS.search(line.key))


# ---------------------------------------------------------------- number and symbol
def _read_number(line: Line) -> dict:
    match = _NUMBER.match(line.key)
    digits = match.group(1)
    rest = line.text[match.start(2):]
    cut = re.search(r"\s+v\s*/\s*v\b", line.key[match.start(2):])   # "Số: 12/UBND V/v ..." on one line
    if cut:
        rest = rest[:cut.start()]
    tokens = [t for t in re.sub(r"\s+", "", rest).strip(".,;:").split("-") if t]
    if not tokens:
        return {"number": int(digits) if digits else None}
    code = d30.type_code_for_token(tokens[0])
    canonical = ([code] if code else [tokens[0].upper()]) + [t.upper() for t in tokens[1:]]
    notation = "-".join(canonical)
    return {"number": int(digits) if digits else None, "notation": notation,
            "symbol": f"{digits}/{notation}" if digits else None, "type_code": code}


# ---------------------------------------------------------------- units
def _read_units(header: list[Line], number_at: int | None, subject_at: int | None) -> dict:
    """The unit lines sit above "Số:" in the left column: the superior unit
    (cơ quan chủ quản) first in regular type, the issuing unit in bold."""
    if number_at is None and subject_at is None and not any(_is_national(ln) for ln in header):
        return {}   # no heading at all: any first line would be a guess
    end = number_at if number_at is not None else subject_at if subject_at is not None else len(header)
    anchor = header[end] if end < len(header) else None
    candidates = []
    for line in header[:end]:
        if line.zone == RIGHT or _is_national(line) or _is_rule(line) or _mark(line) or _is_date_line(line):
            continue
        if anchor is not None and anchor.zone == LEFT and line.zone != LEFT:
            continue
        if anchor is not None and anchor.block[:-1] == line.block[:-1] and line.zone == anchor.zone == LEFT \
                and anchor.block != line.block and "t" in anchor.block:
            continue   # another cell of the same row
        candidates.append(line)
    candidates = candidates[-4:]
    if not candidates:
        return {}
    bolds = [c.bold for c in candidates]
    if None not in bolds and True in bolds:
        # Decree 30: the superior unit in regular type above the issuing unit
        # in bold; all bold is one unit name written on several lines
        split = bolds.index(True)
    else:
        split = 1 if len(candidates) >= 2 else 0
    superior = " ".join(c.text for c in candidates[:split]) or None
    issuing = " ".join(c.text for c in candidates[split:]) or None
    return {"superior_unit": superior, "issuing_unit": issuing}


# ---------------------------------------------------------------- place and date
def _read_place_date(header: list[Line]) -> dict:
    for line in sorted(header, key=lambda ln: ln.zone != RIGHT):   # the right column first
        match = _DATE_WORDS.search(line.key) or _DATE_DIGITS.search(line.key)
        if not match:
            continue
        place = line.text[:match.start()].strip(" ,")
        day, month, year = (int(g) if g else None for g in match.groups())
        try:
            when = date(year, month, day).isoformat() if day and month else None
        except ValueError:
            when = None   # "ngày 31 tháng 02": a typo we do not correct
        return {"place": place or None, "date": when}
    return {}


# ---------------------------------------------------------------- marks
def _read_marks(header: list[Line]) -> dict:
    found: dict = {}
    for line in header:
        mark = _mark(line)
        if mark and mark[0] not in found:
            found[mark[0]] = mark[1]
    out = {}
    if "urgency" in found:
        out.update(urgency=found["urgency"], urgency_label=domain.URGENCY[found["urgency"]])
    if "confidentiality" in found:
        out.update(confidentiality=found["confidentiality"],
                   confidentiality_label=domain.CONFIDENTIALITY[found["confidentiality"]])
    return out


# ---------------------------------------------------------------- summary
def _summary_after_title(lines: list[Line], title_at: int) -> str | None:
    parts: list[str] = []
    for line in lines[title_at + 1:title_at + 1 + _MAX_SUMMARY_LINES]:
        if _is_rule(line) or line.zone != BODY or _BODY_START.match(line.key) or line.key.endswith(":"):
            break
        if line.align == "justify" or (parts and line.text.upper() == line.text):
            break   # the body, or the heading above it ("TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
        if parts and line.align is None and line.bold is None:
            break   # without formatting only the first line is surely the summary
        if parts and (line.align != lines[title_at + 1].align or line.bold != lines[title_at + 1].bold):
            break
        parts.append(line.text)
    return " ".join(parts) or None


def _subject_summary(lines: list[Line], subject_at: int) -> str | None:
    first = lines[subject_at]
    parts = [first.text[_SUBJECT.match(first.key).end():]]
    for line in lines[subject_at + 1:]:
        if line.block != first.block or _mark(line) or _is_rule(line):
            break
        parts.append(line.text)
    return " ".join(p for p in parts if p).strip() or None


# ---------------------------------------------------------------- addressees, recipients
def _list_items(lines: list[Line], start: int, same_block: bool) -> list[Line]:
    """Lines of a list that follows a heading line: the rest of its cell, or
    the "- " lines right after it."""
    head = lines[start]
    items = []
    for line in lines[start + 1:]:
        if same_block:
            if line.block[:len(head.block)] != head.block and line.block != head.block:
                break
        elif head.zone == LEFT and line.zone == RIGHT:
            continue   # the signer's half of a tab-separated line
        elif line.zone not in (head.zone, BODY) or not _BULLET.match(line.text):
            break
        items.append(line)
    return items


def _item_text(text: str) -> str:
    return _BULLET.sub("", text).strip().rstrip(";,.").strip()


def _in_cell(line: Line) -> bool:
    return "t" in line.block


def _read_addressees(lines: list[Line], header_end: int) -> list[str] | None:
    at = _first(lines[:header_end + 3], lambda ln: ln.key.startswith("kinh gui"))
    if at is None:
        return None
    line = lines[at]
    inline = _item_text(line.text[line.key.index("gui") + 3:].lstrip(" :"))
    names = [inline] if inline else []
    names += [_item_text(x.text) for x in _list_items(lines, at, same_block=False)]
    return [n for n in names if n] or None


def _read_recipients(lines: list[Line], at: int) -> tuple[list[str], str | None]:
    head = lines[at]
    inline = head.text[head.key.index("nhan") + 4:].lstrip(" :")
    texts = [inline] if inline else []
    texts += [x.text for x in _list_items(lines, at, same_block=_in_cell(head))]
    recipients, archive = [], None
    for text in texts:
        item = _item_text(text)
        key = fold_text(item)
        if _ARCHIVE.match(key):
            archive = item[_ARCHIVE.match(key).end():].strip() or None
            break
        if item:
            recipients.append(item)
    return recipients, archive


# ---------------------------------------------------------------- signer
def _signer_lines(lines: list[Line], header_end: int, recipients_at: int | None) -> list[Line]:
    if recipients_at is not None:
        head = lines[recipients_at]
        if _in_cell(head):   # the right cell of the "Nơi nhận" row
            row = head.block[:-1]
            return [ln for ln in lines if ln.zone == RIGHT and ln.block[:-1] == row]
        right = [ln for ln in lines[recipients_at:] if ln.zone == RIGHT]
        if right:
            return right
        return _trailing_block(lines[header_end:recipients_at])
    # no "Nơi nhận" (a biên bản): the right cell of the last table, else the last lines
    tail = lines[header_end:]
    last_cell = next((ln for ln in reversed(tail) if _in_cell(ln) and ln.zone == RIGHT), None)
    if last_cell is not None:
        return [ln for ln in tail if ln.block == last_cell.block]
    return _trailing_block(tail)


def _trailing_block(lines: list[Line]) -> list[Line]:
    """The signer block at the end of a paragraph-only document: the short
    lines after the last body paragraph."""
    block: list[Line] = []
    for line in reversed(lines):
        if len(line.text) > 60 or line.align == "justify" or line.text.endswith("./.") or _BULLET.match(line.text):
            break
        block.insert(0, line)
    return block[-6:]


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 7 and not any(ch.isdigit() for ch in text) and all(w[0].isupper() for w in words)


def _read_signer(lines: list[Line], header_end: int, recipients_at: int | None) -> dict | None:
    block = [ln for ln in _signer_lines(lines, header_end, recipients_at)
             if not _is_rule(ln) and not _PLACEHOLDER.search(ln.key)]
    if not block or not _looks_like_name(block[-1].text):
        return None
    name, titles = block[-1].text, block[:-1][-3:]
    signer = {"authority": "", "on_behalf_of": None, "position": None, "full_name": name}
    if titles:
        match = _AUTHORITY.match(titles[0].key)
        if match:
            signer["authority"] = match.group(1).upper() + "."
            rest = titles[0].text[match.start(2):].strip() or None
            if signer["authority"] == "Q.":
                signer["position"] = " ".join(filter(None, [rest] + [t.text for t in titles[1:]])) or None
            else:
                signer["on_behalf_of"] = rest
                signer["position"] = " ".join(t.text for t in titles[1:]) or None
        else:
            signer["position"] = " ".join(t.text for t in titles)
    return signer
