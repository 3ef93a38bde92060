"""Decree 30/2020/NĐ-CP wording rules shared by rendering, extraction and edXML.

Pure functions: how a date is written in words, what the signer's authority
line says, how the "Nơi nhận" lines end, which marks mean which urgency.
"""
from __future__ import annotations

from datetime import date

from services.common.text import fold, nfc

from .. import domain

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_HEADING = "Nơi nhận:"
ADDRESSEES_HEADING = "Kính gửi:"
ARCHIVE_CLERK = "VT"   # văn thư keeps the original copy
SUBJECT_PREFIX = "V/v"  # a công văn's summary line: "V/v ..."

# Marks printed on the document (Decree 30, Appendix I, items 10a/10b) by the
# codes the documents service stores (edXML Priority; độ mật).
URGENCY_MARKS = {1: "KHẨN", 2: "THƯỢNG KHẨN", 3: "HỎA TỐC", 4: "HỎA TỐC HẸN GIỜ"}
CONFIDENTIALITY_MARKS = {1: "MẬT", 2: "TỐI MẬT", 3: "TUYỆT MẬT"}

# The title of a unit's head, for authority lines whose principal is not
# written on the document (KT./TL./TUQ. on behalf of the head).
HEAD_TITLES = {
    "office": "TRƯỞNG PHÒNG", "committee": "CHỦ TỊCH", "department": "GIÁM ĐỐC",
    "MN": "HIỆU TRƯỞNG", "TH": "HIỆU TRƯỞNG", "TH&THCS": "HIỆU TRƯỞNG", "THCS": "HIỆU TRƯỞNG",
}
DEPUTY_PREFIX = "PHÓ "


def upper(text: str | None) -> str:
    """Vietnamese capitals in NFC (``str.upper`` keeps the marks)."""
    return nfc(text or "").upper()


def date_in_words(day: date) -> str:
    """``ngày 05 tháng 01 năm 2025``: days below 10 and months 1–2 take a
    leading zero (so a hand-added digit cannot change them), others do not."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str | None, day: date | None) -> str:
    """``Đồ Sơn, ngày 12 tháng 01 năm 2025``; an undated draft leaves the blanks
    the signer fills in by hand."""
    words = date_in_words(day) if day else "ngày      tháng      năm"
    return f"{nfc(place)}, {words}" if place else words[0].upper() + words[1:]


def symbol_parts(symbol: str | None) -> tuple[str | None, str | None]:
    """``18/KH-GDĐT`` -> ("18", "KH-GDĐT"): edXML's CodeNumber and CodeNotation."""
    if not symbol:
        return None, None
    number, sep, notation = symbol.partition("/")
    return (number.strip() or None, notation.strip() or None) if sep else (None, symbol.strip())


def number_line(symbol: str | None, type_code: str, unit_symbol: str | None, section: str | None) -> str:
    """``Số: 18/KH-GDĐT``; a draft without a number keeps the blank for it."""
    if symbol:
        return f"Số: {symbol}"
    if type_code == domain.CONG_VAN:
        notation = "-".join(filter(None, [unit_symbol, section]))
    else:
        notation = "-".join(filter(None, [type_code, unit_symbol]))
    return f"Số:       /{notation}"


def authority_line(authority: str | None, position: str, on_behalf_of: str | None = None,
                   unit_name: str | None = None, unit_kind: str | None = None) -> str | None:
    """The line above the signer's position, e.g. ``KT. TRƯỞNG PHÒNG``.

    KT. (signing for the head) names the head's title: given, or the deputy's
    position without "PHÓ". TM. names the collective body: given, or the unit.
    TL./TUQ. name the head: given, or the usual head title of the unit's kind.
    Q. (acting) has no separate line: it prefixes the position itself.
    """
    authority = (authority or "").strip()
    if authority in ("", "Q."):
        return None
    principal = upper(on_behalf_of)
    if not principal and authority == "KT.":
        position = upper(position)
        principal = position[len(DEPUTY_PREFIX):] if position.startswith(DEPUTY_PREFIX) else None
    if not principal and authority == "TM.":
        principal = upper(unit_name) or None
    if not principal:
        principal = HEAD_TITLES.get(unit_kind or "")
    return f"{authority} {principal}" if principal else authority


def position_line(authority: str | None, position: str) -> str:
    return f"Q. {upper(position)}" if (authority or "").strip() == "Q." else upper(position)


def recipient_lines(recipients: list[str], section: str | None, as_above: bool = False) -> list[str]:
    """The "Nơi nhận" list: ``- <name>;`` per recipient, then ``- Lưu: VT, <section>.``
    ``as_above`` adds "Như trên" first, for a công văn whose addressees are
    already named in its "Kính gửi" line."""
    names = (["Như trên"] if as_above else []) + [nfc(r).rstrip(";.") for r in recipients if r and r.strip()]
    archive = ", ".join(filter(None, [ARCHIVE_CLERK, nfc(section) if section else None]))
    return [f"- {name};" for name in names] + [f"- Lưu: {archive}."]


def type_name(type_code: str) -> str:
    return domain.DOCUMENT_TYPES[type_code]


# Folded type names -> code, for reading titles back ("KE HOACH" -> KH). Names
# shared by two codes (none today) would be dropped rather than guessed.
_TYPE_BY_FOLDED_NAME: dict[str, str] = {}
for _code, _name in domain.DOCUMENT_TYPES.items():
    _TYPE_BY_FOLDED_NAME.setdefault(fold(_name), _code)


def type_code_for_name(name: str | None) -> str | None:
    return _TYPE_BY_FOLDED_NAME.get(fold(name))


def type_code_for_token(token: str | None) -> str | None:
    """A symbol's type token as written ("KH", "kh", "QĐ", "QD") -> its code,
    only when that is unambiguous: "HD" is Hướng dẫn, "HĐ" Hợp đồng; a folded
    "hd" matching both is left unknown."""
    if not token:
        return None
    token = nfc(token)
    if token in domain.DOCUMENT_TYPES and token != domain.CONG_VAN:
        return token
    same_case = [c for c in domain.DOCUMENT_TYPES if c.upper() == token.upper() and c != domain.CONG_VAN]
    if len(same_case) == 1:
        return same_case[0]
    folded = [c for c in domain.DOCUMENT_TYPES if fold(c) == fold(token) and c != domain.CONG_VAN]
    return folded[0] if len(folded) == 1 else None
