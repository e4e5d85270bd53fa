"""A strict RFC 5545 reader for the tests (``icalendar`` is not a dependency): CRLF
line ends, lines of at most 75 octets, folding, balanced BEGIN/END, required
properties, and DTSTART/DTEND resolved through the calendar's own VTIMEZONE."""

import datetime
import re

NAME = re.compile(r"^[A-Z0-9-]+$")


class InvalidCalendar(AssertionError):
    pass


def unfold(data: bytes):
    if b"\n" in data.replace(b"\r\n", b""):
        raise InvalidCalendar("bare LF")
    if not data.endswith(b"\r\n"):
        raise InvalidCalendar("must end with CRLF")
    lines = []
    for raw in data[:-2].split(b"\r\n"):
        if len(raw) > 75:
            raise InvalidCalendar(f"line over 75 octets: {raw[:30]!r}")
        if raw[:1] in (b" ", b"\t"):
            if not lines:
                raise InvalidCalendar("continuation without a line")
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return [line.decode("utf-8") for line in lines]


def parse_line(line):
    head, sep, value = line.partition(":")
    if not sep:
        raise InvalidCalendar(f"no colon: {line!r}")
    name, *params = head.split(";")
    if not NAME.match(name):
        raise InvalidCalendar(f"bad name {name!r}")
    parsed = {}
    for param in params:
        key, eq, val = param.partition("=")
        if not eq or not NAME.match(key):
            raise InvalidCalendar(f"bad parameter {param!r}")
        parsed[key] = val
    return name, parsed, value


def parse(data: bytes):
    """Components as nested dicts: {"name", "props": [(name, params, value)], "children"}."""
    stack = [{"name": "ROOT", "props": [], "children": []}]
    for line in unfold(data):
        name, params, value = parse_line(line)
        if name == "BEGIN":
            component = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            if stack[-1]["name"] != value:
                raise InvalidCalendar(f"END:{value} closes {stack[-1]['name']}")
            stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    if len(stack) != 1 or len(stack[0]["children"]) != 1:
        raise InvalidCalendar("unbalanced components")
    calendar = stack[0]["children"][0]
    if calendar["name"] != "VCALENDAR":
        raise InvalidCalendar("not a VCALENDAR")
    props = {p[0] for p in calendar["props"]}
    if not {"VERSION", "PRODID"} <= props:
        raise InvalidCalendar("VCALENDAR needs VERSION and PRODID")
    return calendar


def prop(component, name):
    found = [p for p in component["props"] if p[0] == name]
    if len(found) != 1:
        raise InvalidCalendar(f"{component['name']} has {len(found)} {name}")
    return found[0]


def offsets(calendar):
    result = {}
    for tz in (c for c in calendar["children"] if c["name"] == "VTIMEZONE"):
        tzid = prop(tz, "TZID")[2]
        parts = [c for c in tz["children"] if c["name"] in ("STANDARD", "DAYLIGHT")]
        if not parts:
            raise InvalidCalendar("VTIMEZONE without STANDARD/DAYLIGHT")
        value = prop(parts[0], "TZOFFSETTO")[2]
        sign = 1 if value[0] == "+" else -1
        result[tzid] = datetime.timezone(
            sign * datetime.timedelta(hours=int(value[1:3]), minutes=int(value[3:5]))
        )
    return result


def event_times(data: bytes):
    calendar = parse(data)
    zones = offsets(calendar)
    events = [c for c in calendar["children"] if c["name"] == "VEVENT"]
    if len(events) != 1:
        raise InvalidCalendar("expected one VEVENT")
    event = events[0]
    for required in ("UID", "DTSTAMP", "DTSTART"):
        prop(event, required)
    times = []
    for name in ("DTSTART", "DTEND"):
        _n, params, value = prop(event, name)
        tzid = params.get("TZID")
        if tzid not in zones:
            raise InvalidCalendar(f"{name} TZID {tzid!r} has no VTIMEZONE")
        naive = datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")
        times.append(naive.replace(tzinfo=zones[tzid]))
    return event, times[0], times[1]


def text(value):
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
