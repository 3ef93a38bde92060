"""A person's calendar periods and the RFC 5545 export."""
from datetime import date, datetime

from services.meetings.domain import calendar, ics


def test_periods_are_local_days_weeks_and_months_in_utc():
    # Vietnam is UTC+7: the local day 2030-03-05 is 2030-03-04 17:00 → 2030-03-05 17:00 UTC
    assert calendar.period("day", date(2030, 3, 5)) == (datetime(2030, 3, 4, 17), datetime(2030, 3, 5, 17))
    # 2030-03-07 is a Thursday; its week runs Monday 4 → Monday 11
    assert calendar.period("week", date(2030, 3, 7)) == (datetime(2030, 3, 3, 17), datetime(2030, 3, 10, 17))
    assert calendar.period("month", date(2030, 12, 31)) == (datetime(2030, 11, 30, 17), datetime(2030, 12, 31, 17))


def test_by_day_lists_a_meeting_on_each_day_it_spans():
    start, end = calendar.period("week", date(2030, 3, 7))
    entries = [(datetime(2030, 3, 5, 1), datetime(2030, 3, 6, 10), {"id": "two-days"}),   # Tue 08:00 → Wed 17:00
               (datetime(2030, 3, 4, 2), datetime(2030, 3, 4, 3), {"id": "monday"})]
    days = calendar.by_day(entries, start, end)
    assert [d["date"] for d in days] == [f"2030-03-{d:02d}" for d in range(4, 11)]
    assert [[m["id"] for m in d["meetings"]] for d in days[:3]] == [["monday"], ["two-days"], ["two-days"]]
    assert all(d["meetings"] == [] for d in days[3:])


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_text_is_escaped_folded_and_crlf_terminated():
    summary = "Họp giao ban tháng 3; triển khai, đánh giá \\ kế hoạch " + "chuyển đổi số " * 6
    event = ics.event("m1@eoffice", datetime(2030, 3, 5, 1), datetime(2030, 3, 5, 3), summary,
                      now=datetime(2030, 3, 1, 8, 30, 15), location="Phòng họp số 1, tầng 2",
                      description="1. Báo cáo\n2. Thảo luận", sequence=2, organizer=("Trần \"A\"", "a@x.vn"))
    text = ics.calendar([event], name="Lịch họp")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for physical in text.split("\r\n")[:-1]:
        assert len(physical.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[:5] == ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ics.PRODID}", "CALSCALE:GREGORIAN",
                         "METHOD:PUBLISH"]
    assert "UID:m1@eoffice" in lines and "DTSTAMP:20300301T083015Z" in lines
    assert "DTSTART:20300305T010000Z" in lines and "DTEND:20300305T030000Z" in lines
    assert "SEQUENCE:2" in lines and "STATUS:CONFIRMED" in lines
    assert f"SUMMARY:{ics.escape(summary)}" in lines
    assert f"SUMMARY:{ics.escape(summary)}".startswith("SUMMARY:Họp giao ban tháng 3\\; triển khai\\, đánh giá \\\\ ")
    assert "LOCATION:Phòng họp số 1\\, tầng 2" in lines
    assert "DESCRIPTION:1. Báo cáo\\n2. Thảo luận" in lines
    assert "ORGANIZER;CN=\"Trần 'A'\":mailto:a@x.vn" in lines
    assert lines[-2:] == ["END:VCALENDAR", ""]


def test_folding_never_splits_a_vietnamese_character():
    line = "SUMMARY:" + "Đường" * 40
    parts = ics.fold(line)
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_cancelled_meeting_stays_with_status_cancelled():
    lines = unfold(ics.calendar([ics.event("m2@eoffice", datetime(2030, 1, 1), datetime(2030, 1, 1, 1), "X",
                                           now=datetime(2029, 12, 1), sequence=3, cancelled=True)]))
    assert "STATUS:CANCELLED" in lines and "SEQUENCE:3" in lines
