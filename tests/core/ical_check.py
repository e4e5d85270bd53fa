"""Reading our .ics files back in tests: parsed with ``icalendar``, plus the checks a picky
calendar makes that ``icalendar`` (lenient on purpose) does not.

``icalendar`` accepts bare LF, long lines, an unescaped ``;`` or ``,`` in a TEXT value, a
TZID with no VTIMEZONE in the file and a malformed date (kept as a string in the
component's ``errors``). ``read`` refuses all of these:

- the wire format (RFC 5545 3.1): every line ends in CRLF, no physical line is over 75
  octets, and each physical line is UTF-8 on its own (folding never cuts a character);
- TEXT values escape ``\\``, ``;``, ``,`` and newlines (3.3.11);
- no property ``icalendar`` failed to parse; VERSION 2.0 and PRODID present; each VEVENT
  has exactly one UID, DTSTAMP (UTC) and DTSTART, and ends no earlier than it starts;
- every TZID used has its VTIMEZONE in the file, and that VTIMEZONE gives the same UTC
  offset as the tz database at the event's times (the time zone is right).
"""

import re
from zoneinfo import ZoneInfo

import icalendar
from icalendar.parser import Contentline, Contentlines

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "UID", "X-WR-CALNAME", "TZNAME"}


class InvalidCalendar(AssertionError):
    pass


def check_wire_format(data: bytes) -> None:
    if not data.endswith(b"\r\n"):
        raise InvalidCalendar("the file does not end with CRLF")
    if re.search(rb"(?<!\r)\n", data) or re.search(rb"\r(?!\n)", data):
        raise InvalidCalendar("a line ends without CRLF")
    for number, raw in enumerate(data.split(b"\r\n")[:-1], 1):
        if len(raw) > 75:
            raise InvalidCalendar(f"line {number} has {len(raw)} octets (over 75)")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidCalendar(f"line {number} is not UTF-8 on its own (cut?)") from exc


def _raw_value(line: str) -> str:
    """What follows the first colon outside a quoted parameter value, as sent."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[index + 1 :]
    raise InvalidCalendar(f"no colon in {line!r}")


def _check_text_escapes(data: bytes) -> None:
    for line in Contentlines.from_ical(data.decode("utf-8")):
        if not line:
            continue
        name = Contentline(line).parts()[0].upper()
        if name not in TEXT_PROPERTIES:
            continue
        raw, index = _raw_value(line), 0
        while index < len(raw):
            char = raw[index]
            if char == "\\":
                if index + 1 >= len(raw) or raw[index + 1] not in "\\;,nN":
                    raise InvalidCalendar(f"{name}: bad escape in {raw!r}")
                index += 2
                continue
            if char in ";,":
                raise InvalidCalendar(f"{name}: unescaped {char!r} in {raw!r}")
            index += 1


def _check_zone(event, name, zones):
    prop = event.get(name)
    if prop is None:
        return None
    value = event.decoded(name)
    tzid = prop.params.get("TZID")
    if tzid is None:
        if value.tzinfo is None:
            raise InvalidCalendar(f"{name} is a floating time (no TZID)")
        return value
    if tzid not in zones:
        raise InvalidCalendar(f"{name} TZID {tzid} has no VTIMEZONE in the file")
    own = zones[tzid].to_tz(lookup_tzid=False)  # the file's own rules, not the tz database
    naive = value.replace(tzinfo=None)
    if naive.replace(tzinfo=own).utcoffset() != naive.replace(tzinfo=ZoneInfo(tzid)).utcoffset():
        raise InvalidCalendar(f"VTIMEZONE {tzid} disagrees with the tz database")
    return value


def read(data: bytes):
    """The calendar, checked: ``(icalendar.Calendar, [VEVENT, ...])``."""
    check_wire_format(data)
    _check_text_escapes(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise InvalidCalendar(str(exc)) from exc
    for component in calendar.walk():
        if component.errors:
            raise InvalidCalendar(f"{component.name}: {component.errors}")
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        raise InvalidCalendar("VCALENDAR needs VERSION:2.0 and a PRODID")
    zones = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    events = calendar.walk("VEVENT")
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            found = event.get(required)
            if found is None or isinstance(found, list):
                raise InvalidCalendar(f"VEVENT needs exactly one {required}")
        if (
            event.decoded("DTSTAMP").utcoffset() is None
            or event.decoded("DTSTAMP").utcoffset().total_seconds()
        ):
            raise InvalidCalendar("DTSTAMP must be UTC")
        start = _check_zone(event, "DTSTART", zones)
        end = _check_zone(event, "DTEND", zones)
        if end is not None and end < start:
            raise InvalidCalendar("DTEND before DTSTART")
    return calendar, events


def the_event(data: bytes):
    """The one VEVENT of ``data`` with its start and end: ``(event, start, end)``."""
    _calendar, events = read(data)
    if len(events) != 1:
        raise InvalidCalendar(f"expected one VEVENT, found {len(events)}")
    event = events[0]
    return event, event.decoded("DTSTART"), event.decoded("DTEND")
