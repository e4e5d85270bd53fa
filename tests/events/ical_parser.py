"""A strict reader of iCalendar (RFC 5545) text for the tests: it refuses what a picky
calendar would (bare LF, physical lines over 75 octets, broken UTF-8, unbalanced
BEGIN/END, a TZID with no VTIMEZONE, missing required properties, bad escapes) and
returns components as nested dicts, with DTSTART/DTEND as aware datetimes."""

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo


class ICalError(ValueError):
    pass


NAME = r"[A-Za-z0-9-]+"
LINE = re.compile(rf"^(?P<name>{NAME})(?P<params>(;{NAME}=(\"[^\"]*\"|[^;:,\"]*))*):(?P<value>.*)$")


def unfold(data: bytes):
    if not data.endswith(b"\r\n"):
        raise ICalError("the file does not end with CRLF")
    if re.search(rb"(?<!\r)\n", data) or re.search(rb"\r(?!\n)", data):
        raise ICalError("a line ends without CRLF")
    physical = data.split(b"\r\n")[:-1]
    for number, raw in enumerate(physical, 1):
        if len(raw) > 75:
            raise ICalError(f"line {number} has {len(raw)} octets (over 75)")
        try:
            raw.decode("utf-8")  # a character cut in two by the folding fails here
        except UnicodeDecodeError as exc:
            raise ICalError(f"line {number} is not UTF-8 on its own") from exc
    logical = []
    for raw in physical:
        if raw[:1] in (b" ", b"\t"):
            if not logical:
                raise ICalError("continuation line before any content line")
            logical[-1] += raw[1:]
        else:
            logical.append(raw)
    try:
        return [line.decode("utf-8") for line in logical]  # a character cut in two fails
    except UnicodeDecodeError as exc:
        raise ICalError("not UTF-8 (a character was cut when folding?)") from exc


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            if i + 1 >= len(value):
                raise ICalError("lone backslash at the end of a value")
            nxt = value[i + 1]
            mapping = {"\\": "\\", ";": ";", ",": ",", "n": "\n", "N": "\n"}
            if nxt not in mapping:
                raise ICalError(f"bad escape \\{nxt}")
            out.append(mapping[nxt])
            i += 2
            continue
        if char in ";,":
            raise ICalError(f"unescaped {char!r} in a TEXT value")
        out.append(char)
        i += 1
    return "".join(out)


def parse_params(text):
    params = {}
    for part in re.findall(rf";({NAME})=(\"[^\"]*\"|[^;:,\"]*)", text):
        params[part[0].upper()] = part[1].strip('"')
    return params


def parse_offset(text):
    match = re.fullmatch(r"([+-])(\d{2})(\d{2})", text)
    if not match:
        raise ICalError(f"bad UTC offset {text}")
    sign = 1 if match.group(1) == "+" else -1
    return sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))


TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "UID", "X-WR-CALNAME", "TZNAME"}


def parse(data: bytes):
    lines = unfold(data)
    stack = [{"name": "ROOT", "props": {}, "children": []}]
    for line in lines:
        match = LINE.match(line)
        if not match:
            raise ICalError(f"not a content line: {line!r}")
        name = match.group("name").upper()
        value = match.group("value")
        if name == "BEGIN":
            component = {"name": value.upper(), "props": {}, "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
            continue
        if name == "END":
            if len(stack) == 1 or stack[-1]["name"] != value.upper():
                raise ICalError(f"END:{value} does not close {stack[-1]['name']}")
            stack.pop()
            continue
        if len(stack) == 1:
            raise ICalError("property outside any component")
        params = parse_params(match.group("params") or "")
        if name in TEXT_PROPERTIES:
            value = unescape_text(value)
        elif name == "CATEGORIES":
            value = [unescape_text(v) for v in re.split(r"(?<!\\),", value)]
        stack[-1]["props"].setdefault(name, []).append((params, value))
    if len(stack) != 1:
        raise ICalError(f"{stack[-1]['name']} is never closed")
    roots = stack[0]["children"]
    if len(roots) != 1 or roots[0]["name"] != "VCALENDAR":
        raise ICalError("expected exactly one VCALENDAR")
    cal = roots[0]
    for required in ("VERSION", "PRODID"):
        if required not in cal["props"]:
            raise ICalError(f"VCALENDAR lacks {required}")
    if cal["props"]["VERSION"][0][1] != "2.0":
        raise ICalError("VERSION is not 2.0")
    zones = {}
    for child in cal["children"]:
        if child["name"] == "VTIMEZONE":
            tzid = child["props"]["TZID"][0][1]
            standard = [c for c in child["children"] if c["name"] in ("STANDARD", "DAYLIGHT")]
            if not standard:
                raise ICalError("VTIMEZONE without STANDARD/DAYLIGHT")
            zones[tzid] = [parse_offset(c["props"]["TZOFFSETTO"][0][1]) for c in standard]
    events = []
    for child in cal["children"]:
        if child["name"] != "VEVENT":
            continue
        props = child["props"]
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in props or len(props[required]) != 1:
                raise ICalError(f"VEVENT needs exactly one {required}")
        event = {"props": props}
        for key in ("DTSTART", "DTEND"):
            if key in props:
                event[key] = parse_datetime(*props[key][0], zones)
        stamp = props["DTSTAMP"][0][1]
        if not re.fullmatch(r"\d{8}T\d{6}Z", stamp):
            raise ICalError("DTSTAMP must be UTC")
        if "DTEND" in event and event["DTEND"] < event["DTSTART"]:
            raise ICalError("DTEND before DTSTART")
        for key in ("SUMMARY", "UID", "STATUS", "SEQUENCE", "DESCRIPTION", "LOCATION", "URL"):
            if key in props:
                event[key] = props[key][0][1]
        events.append(event)
    return {"calendar": cal, "zones": zones, "events": events}


def parse_datetime(params, value, zones):
    match = re.fullmatch(r"(\d{8}T\d{6})(Z?)", value)
    if not match:
        raise ICalError(f"bad DATE-TIME {value}")
    naive = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S")
    if match.group(2):
        if "TZID" in params:
            raise ICalError("a UTC time may not have a TZID")
        return naive.replace(tzinfo=UTC)
    tzid = params.get("TZID")
    if not tzid:
        raise ICalError("floating time (no TZID)")
    if tzid not in zones:
        raise ICalError(f"TZID {tzid} has no VTIMEZONE in the file")
    offsets = zones[tzid]
    if len(set(offsets)) != 1:
        raise ICalError("this reader knows fixed-offset zones only")
    aware = naive.replace(tzinfo=timezone(offsets[0]))
    # The file's VTIMEZONE must agree with the real zone of that name.
    real = naive.replace(tzinfo=ZoneInfo(tzid))
    if aware.utcoffset() != real.utcoffset():
        raise ICalError(f"VTIMEZONE {tzid} disagrees with the tz database")
    return aware
