"""How meeting facts are written for people (Vietnamese, NFC)."""
from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from services.common.clock import to_local

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def percent(part: int, whole: int) -> float | None:
    """Exact share rounded half-up to two decimals (83.333… → 83.33, 12.345 → 12.35)."""
    if not whole:
        return None
    value = Fraction(part * 100, whole)
    return float((Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent_text(value: float | None) -> str:
    """83.33 → "83,33%" (Vietnamese decimal comma)."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",") + "%"


def clock_time(dt: datetime) -> str:
    """08 giờ 30 phút (local time)."""
    local = to_local(dt)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def day_text(dt: datetime) -> str:
    """thứ Năm, ngày 20/11/2025 (local time)."""
    local = to_local(dt)
    return f"{WEEKDAYS[local.weekday()]}, ngày {local.day:02d}/{local.month:02d}/{local.year}"


def when_text(starts_at: datetime, ends_at: datetime | None = None) -> str:
    """"08 giờ 00 phút, thứ Năm, ngày 20/11/2025" (and the end if on another day)."""
    text = f"{clock_time(starts_at)}, {day_text(starts_at)}"
    if ends_at and to_local(ends_at).date() != to_local(starts_at).date():
        text += f" đến {clock_time(ends_at)}, {day_text(ends_at)}"
    return text


def duration_text(seconds: int | None) -> str:
    """200 → "3 phút 20 giây"."""
    seconds = max(int(seconds or 0), 0)
    minutes, secs = divmod(seconds, 60)
    if minutes and secs:
        return f"{minutes} phút {secs} giây"
    if minutes:
        return f"{minutes} phút"
    return f"{secs} giây"


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (THCS, UBND)."""
    words = text.split(" ", 1)
    first = words[0]
    if len(first) > 1 and first[1:].isupper():
        return text
    return first[:1].lower() + first[1:] + (" " + words[1] if len(words) > 1 else "")
