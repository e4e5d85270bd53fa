"""iCalendar (RFC 5545) text for dated events, without Django and without a library:
the one writer for fairs and training sessions (``events``) and farm visits (``tourism``).

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text
values escape backslash, semicolon, comma and newlines; times are local wall-clock times
with a ``TZID`` whose ``VTIMEZONE`` is in the file (Vietnam has kept UTC+7 without
daylight saving since 1975, so one STANDARD rule describes it fully).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

CRLF = "\r\n"
MAX_OCTETS = 75

# Zones whose VTIMEZONE we can write: no daylight saving, one fixed offset.
FIXED_ZONES = {
    "Asia/Ho_Chi_Minh": ("+0700", "ICT", "19750613T000000"),
}


@dataclass
class CalendarEvent:
    uid: str
    summary: str
    start: datetime  # aware
    end: datetime  # aware
    stamp: datetime  # aware: when this description was made (DTSTAMP)
    tzid: str = "Asia/Ho_Chi_Minh"
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    sequence: int = 0
    categories: list = field(default_factory=list)
    geo: tuple | None = None  # (latitude, longitude)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets (3.1), each
    continuation starting with one space; a UTF-8 character is never cut."""
    out, current, size = [], [], 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1  # the leading space counts towards the 75
        current.append(char)
        size += width
    out.append("".join(current))
    return CRLF.join(out)


def _local(value: datetime, tzid: str) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(ZoneInfo(tzid)).strftime("%Y%m%dT%H%M%S")


def _utc(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vtimezone(tzid: str) -> list:
    try:
        offset, name, since = FIXED_ZONES[tzid]
    except KeyError as exc:
        raise ValueError(f"no VTIMEZONE for {tzid}") from exc
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        f"DTSTART:{since}",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        f"TZNAME:{name}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def _uri(value: str) -> str:
    # A URI value is not TEXT: no escaping, but no line breaks either.
    return "".join(value.split())


def calendar(events, *, prodid="-//Sam Lai Chau//Events//VI", name="") -> str:
    """A VCALENDAR (METHOD:PUBLISH) holding ``events``."""
    events = list(events)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for tzid in sorted({event.tzid for event in events}):
        lines.extend(_vtimezone(tzid))
    for event in events:
        if event.start.tzinfo is None or event.end.tzinfo is None:
            raise ValueError("naive datetime")
        if event.end < event.start:
            raise ValueError("the event ends before it starts")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{_utc(event.stamp)}",
            f"DTSTART;TZID={event.tzid}:{_local(event.start, event.tzid)}",
            f"DTEND;TZID={event.tzid}:{_local(event.end, event.tzid)}",
            f"SEQUENCE:{int(event.sequence)}",
            f"STATUS:{event.status}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.geo:
            lines.append(f"GEO:{float(event.geo[0]):.6f};{float(event.geo[1]):.6f}")
        if event.url:
            lines.append(f"URL:{_uri(event.url)}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
