"""The calendar file: valid iCalendar (read with ``icalendar``), the right time in
Asia/Ho_Chi_Minh."""

import datetime
import zoneinfo

from tests.core import ical_check
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
    event, dtstart, dtend = ical_check.the_event(text.encode("utf-8"))
    assert dtstart == start
    assert dtstart.utcoffset() == datetime.timedelta(hours=7)
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert (dtstart.hour, dtstart.minute) == (8, 0)  # Vietnam's wall clock
    assert dtend - dtstart == datetime.timedelta(hours=3)
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20270306T080000" in text
    assert str(event["SUMMARY"]).startswith("Thăm vườn sâm; Sin Suối Hồ")  # folded, intact
    assert str(event["DESCRIPTION"]) == "Đặt chỗ B123\nhai người"
    assert event.decoded("GEO") is not None


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "ệ" * 60
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
