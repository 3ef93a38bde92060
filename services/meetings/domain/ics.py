"""iCalendar export (RFC 5545) of a person's meetings, generated as text.

Times are written in UTC ("Z") so every calendar shows them in its own zone;
``SEQUENCE`` grows with each change so calendars replace the old version, and a
cancelled meeting stays in the feed with ``STATUS:CANCELLED`` so it disappears
from calendars that imported it.
"""
from __future__ import annotations

from datetime import datetime, timezone

PRODID = "-//Phong GD&DT//eoffice meetings//VI"
LINE_OCTETS = 75


def escape(text: str | None) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,") \
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def stamp(dt: datetime) -> str:
    """A naive-UTC or aware datetime as ``20251120T013000Z``."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
    return dt.strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets (UTF-8), never
    inside a character; continuation lines start with one space (§3.1)."""
    out, current, size = [], "", 0
    limit = LINE_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1
            limit = LINE_OCTETS
        current += ch
        size += n
    out.append(current)
    return out


def event(uid: str, starts_at: datetime, ends_at: datetime, summary: str, now: datetime,
          location: str | None = None, description: str | None = None, url: str | None = None,
          sequence: int = 0, cancelled: bool = False, organizer: tuple[str, str] | None = None) -> list[str]:
    """The content lines of one VEVENT. ``organizer``: (name, email)."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp(now)}", f"DTSTART:{stamp(starts_at)}",
             f"DTEND:{stamp(ends_at)}", f"SEQUENCE:{int(sequence)}", f"SUMMARY:{escape(summary)}"]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    if organizer and organizer[1]:
        name = organizer[0].replace('"', "'")
        lines.append(f'ORGANIZER;CN="{name}":mailto:{organizer[1]}')
    lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT"]
    return lines


def calendar(events: list[list[str]], name: str | None = None) -> str:
    """A VCALENDAR holding ``events`` (lists of content lines), CRLF-terminated."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for ev in events:
        lines += ev
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
