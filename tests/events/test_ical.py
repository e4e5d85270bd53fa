"""The iCalendar writer (pure, no database) read back with ``icalendar`` and the strict
checks of tests/core/ical_check.py."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from core import ical
from tests.core.ical_check import InvalidCalendar, check_wire_format, read

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def event(**overrides):
    fields = dict(
        uid="event-1@samlaichau.example",
        summary="Hội chợ Sâm Lai Châu; đặc sản, nông sản \\ vùng cao",
        start=datetime(2026, 12, 20, 8, 0, tzinfo=VN),
        end=datetime(2026, 12, 22, 17, 30, tzinfo=VN),
        stamp=datetime(2026, 12, 1, 1, 2, 3, tzinfo=UTC),
        description="Dòng một\nDòng hai, với dấu phẩy; và chấm phẩy. " + "Sâm ngọc linh " * 20,
        location="Nhà văn hoá, Phong Thổ, Lai Châu",
        url="https://samlaichau.example/vi/su-kien/hoi-cho/",
        categories=["Hội chợ", "A,B"],
    )
    fields.update(overrides)
    return ical.CalendarEvent(**fields)


def test_round_trip_keeps_text_and_local_times():
    data = ical.calendar([event()], name="Sự kiện").encode("utf-8")
    calendar, (vevent,) = read(data)
    assert str(vevent["SUMMARY"]) == "Hội chợ Sâm Lai Châu; đặc sản, nông sản \\ vùng cao"
    description = str(vevent["DESCRIPTION"])
    assert description.startswith("Dòng một\nDòng hai, với dấu phẩy; và chấm phẩy.")
    assert description.endswith("Sâm ngọc linh " * 20)
    assert str(vevent["LOCATION"]) == "Nhà văn hoá, Phong Thổ, Lai Châu"
    start = vevent.decoded("DTSTART")
    assert start == datetime(2026, 12, 20, 8, 0, tzinfo=VN)
    assert start.utcoffset().total_seconds() == 7 * 3600
    assert vevent.decoded("DTEND") == datetime(2026, 12, 22, 10, 30, tzinfo=UTC)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Hội chợ", "A,B"]
    assert vevent["STATUS"] == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(calendar["X-WR-CALNAME"]) == "Sự kiện"


def test_a_utc_start_is_written_as_vietnam_wall_clock():
    data = ical.calendar([event(start=datetime(2026, 12, 20, 1, 0, tzinfo=UTC))])
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261220T080000\r\n" in data


def test_lines_are_folded_at_75_octets_without_cutting_characters():
    text = ical.calendar([event(summary="ẩ" * 200)])
    data = text.encode("utf-8")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert any(line.startswith(b" ") for line in data.split(b"\r\n"))
    assert str(read(data)[1][0]["SUMMARY"]) == "ẩ" * 200


def test_fold_boundary_is_exact():
    folded = ical.fold("X" * 75)
    assert folded == "X" * 75
    folded = ical.fold("X" * 76)
    assert folded == "X" * 75 + "\r\n X"


@pytest.mark.parametrize(
    "bad",
    [
        b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",  # bare LF
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-A:"
        + b"a" * 80
        + b"\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n",  # never closed
    ],
)
def test_the_reader_is_strict(bad):
    with pytest.raises(InvalidCalendar):
        read(bad)


def test_the_reader_refuses_a_cut_character_and_bad_escapes():
    cut = "ẩ".encode()
    with pytest.raises(InvalidCalendar):
        check_wire_format(b"X-A:" + cut[:1] + b"\r\n " + cut[1:] + b"\r\n")
    good = ical.calendar([event()])
    with pytest.raises(InvalidCalendar):
        read(good.replace("SUMMARY:", "SUMMARY:a;b ").encode())
    with pytest.raises(InvalidCalendar):  # TZID without VTIMEZONE
        read(good.replace("TZID:Asia/Ho_Chi_Minh", "TZID:Asia/Nowhere").encode())


def test_naive_times_and_backwards_events_are_refused():
    with pytest.raises(ValueError):
        ical.calendar([event(start=datetime(2026, 12, 20, 8, 0))])
    with pytest.raises(ValueError):
        ical.calendar([event(end=datetime(2026, 12, 19, 8, 0, tzinfo=VN))])
