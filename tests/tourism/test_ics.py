"""The calendar file: valid iCalendar, the right time in Asia/Ho_Chi_Minh."""

import datetime
import zoneinfo

import pytest

from tests.tourism import ics_parser
from tourism import ics

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_calendar_parses_strictly_with_the_right_time_zone():
    start = datetime.datetime(2027, 3, 6, 8, 0, tzinfo=TZ)
    text = ics.event_calendar(
        uid="B123@samlaichau.vn",
        starts_at=start.astimezone(datetime.UTC),  # given in UTC, written in local time
        ends_at=start + datetime.timedelta(hours=3),
        summary="Thăm vườn sâm; Sin Suối Hồ, dưới tán rừng " * 3,
        location="Nhà văn hoá bản, Sin Suối Hồ",
        description="Đặt chỗ B123\nhai người",
        url="https://samlaichau.vn/en/visits/booking/abc/",
        geo=(22.377, 103.233),
    )
    data = text.encode("utf-8")
    event, dtstart, dtend = ics_parser.event_times(data)
    assert dtstart == start
    assert dtstart.utcoffset() == datetime.timedelta(hours=7)
    assert dtend - dtstart == datetime.timedelta(hours=3)
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20270306T080000" in text
    summary = ics_parser.text(ics_parser.prop(event, "SUMMARY")[2])
    assert summary.startswith("Thăm vườn sâm; Sin Suối Hồ")  # folded and unfolded intact
    assert ics_parser.text(ics_parser.prop(event, "DESCRIPTION")[2]) == "Đặt chỗ B123\nhai người"


def test_parser_is_strict():
    good = ics.event_calendar(
        uid="x",
        starts_at=datetime.datetime(2027, 1, 1, 8, tzinfo=TZ),
        ends_at=datetime.datetime(2027, 1, 1, 9, tzinfo=TZ),
        summary="s",
    ).encode()
    with pytest.raises(ics_parser.InvalidCalendar):
        ics_parser.event_times(good.replace(b"\r\n", b"\n"))
    with pytest.raises(ics_parser.InvalidCalendar):
        ics_parser.event_times(good.replace(b"TZID:Asia/Ho_Chi_Minh\r\n", b"TZID:Other\r\n"))
    with pytest.raises(ics_parser.InvalidCalendar):
        ics_parser.event_times(good.replace(b"SUMMARY:s", b"SUMMARY:" + b"s" * 80))


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "ệ" * 60
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
