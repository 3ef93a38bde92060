"""Vietnamese text helpers: NFC for storage, diacritics-free folding for search."""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str | None:
    """Normalise to NFC, the form user-facing text is stored in."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ→d), collapse spaces.

    "Cải cách  HÀNH CHÍNH" and "cai cach hanh chinh" fold to the same string,
    so a search typed without diacritics (or from OCR) still matches.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; every one must appear in a match."""
    return [t for t in fold(query).split(" ") if t]


def word_prefix_pattern(term: str) -> str:
    """A regex matching ``term`` at the start of a word of a folded text, so
    "7" finds "tuần 7" but not "17" or "07/KH" (a symbol's number)."""
    return r"(?:^|[\s/\-.,;:()])" + re.escape(term)
