"""iCalendar (RFC 5545) text for one visit, with its time zone (pure, no Django)."""

import datetime
import zoneinfo

TZID = "Asia/Ho_Chi_Minh"
_TZ = zoneinfo.ZoneInfo(TZID)

# Vietnam has kept UTC+7 without daylight saving since 1975.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:+07",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Lines of at most 75 octets, continued with CRLF + space (never splitting a
    UTF-8 character)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _local(dt):
    return dt.astimezone(_TZ).strftime("%Y%m%dT%H%M%S")


def _utc(dt):
    return dt.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


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
    method="PUBLISH",
):
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sam Lai Chau//Farm visits//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{escape(uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(starts_at)}",
        f"DTEND;TZID={TZID}:{_local(ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"STATUS:{status}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if geo:
        lines.append(f"GEO:{float(geo[0]):.6f};{float(geo[1]):.6f}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
