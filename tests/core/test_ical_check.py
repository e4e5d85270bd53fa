"""The test helper that reads our .ics files refuses what a picky calendar would, even
where ``icalendar`` itself is lenient."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from core import ical
from tests.core.ical_check import InvalidCalendar, check_wire_format, read, the_event

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def good() -> str:
    event = ical.CalendarEvent(
        uid="x@samlaichau.example",
        summary="Thăm vườn sâm, Sin Suối Hồ; " * 4,
        start=datetime(2027, 1, 1, 8, tzinfo=VN),
        end=datetime(2027, 1, 1, 9, tzinfo=VN),
        stamp=datetime(2026, 12, 1, tzinfo=UTC),
    )
    return ical.calendar([event])


def test_a_good_calendar_is_read():
    _event, start, end = the_event(good().encode())
    assert start == datetime(2027, 1, 1, 1, tzinfo=UTC)
    assert start.utcoffset().total_seconds() == 7 * 3600
    assert end - start == timedelta(hours=1)


@pytest.mark.parametrize(
    "spoil, lenient",
    [
        # icalendar itself reads each of these without complaint ...
        (lambda t: t.replace("\r\n", "\n"), True),  # bare LF
        (lambda t: t.replace("SUMMARY:", "SUMMARY:" + "s" * 80, 1), True),  # over 75 octets
        (lambda t: t.replace("SUMMARY:", "SUMMARY:a;b ", 1), True),  # unescaped ;
        (lambda t: t.replace("SUMMARY:", "SUMMARY:a\\qb ", 1), True),  # bad escape
        (lambda t: t.replace("TZID:Asia/Ho_Chi_Minh\r\n", "TZID:Asia/Nowhere\r\n"), True),
        (lambda t: t.replace("20270101T080000", "2027010XT080000"), True),  # bad date
        (lambda t: t.replace("TZOFFSETTO:+0700", "TZOFFSETTO:+0800"), True),  # wrong zone
        # ... and this one it refuses too
        (lambda t: t.replace("END:VCALENDAR\r\n", ""), False),  # never closed
    ],
)
def test_spoiled_calendars_are_refused(spoil, lenient):
    data = spoil(good()).encode()
    if lenient:
        icalendar.Calendar.from_ical(data)  # why the helper has its own checks
    with pytest.raises(InvalidCalendar):
        read(data)


def test_a_character_cut_by_folding_is_refused():
    cut = "ẩ".encode()
    with pytest.raises(InvalidCalendar):
        check_wire_format(b"X-A:" + cut[:1] + b"\r\n " + cut[1:] + b"\r\n")
