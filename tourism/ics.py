"""The calendar file of one farm visit (written by ``core.ical``, the site's one
iCalendar writer)."""

import datetime

from core.ical import CalendarEvent, calendar, fold  # noqa: F401 (fold: used by tests)

TZID = "Asia/Ho_Chi_Minh"


def event_calendar(
    *,
    uid,
    starts_at,
    ends_at,
    summary,
    location="",
    description="",
    url="",
    geo=None,
    stamp=None,
    status="CONFIRMED",
):
    event = CalendarEvent(
        uid=uid,
        summary=summary,
        start=starts_at,
        end=ends_at,
        stamp=stamp or datetime.datetime.now(datetime.UTC),
        tzid=TZID,
        description=description,
        location=location,
        url=url,
        status=status,
        geo=geo,
    )
    return calendar([event], prodid="-//Sam Lai Chau//Farm visits//EN")
