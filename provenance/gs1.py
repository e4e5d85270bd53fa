"""GS1 identifiers and Digital Link URIs (pure functions, no Django).

GTIN check digits follow the GS1 General Specifications (mod-10, weights 3 and 1 from
the right). A Digital Link URI here is ``{base}/01/{gtin14}/10/{lot}[/21/{serial}]``.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

# GS1 AI encodable character set 82 (the characters allowed in AI 10 and AI 21).
_CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$")
_DL_PATH = re.compile(r"^/?01/(?P<gtin>[^/]+)/10/(?P<lot>[^/]+)(?:/21/(?P<serial>[^/]+))?/?$")


class InvalidCode(ValueError):
    """A GS1 code that is malformed or whose check digit is wrong."""


def gtin_check_digit(body: str) -> int:
    """The check digit for a GTIN without its last digit (7, 11, 12 or 13 digits)."""
    if not body.isdigit():
        raise InvalidCode("a GTIN has digits only")
    total = 0
    for position, char in enumerate(reversed(body)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(gtin: str) -> bool:
    if not isinstance(gtin, str) or not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    return gtin_check_digit(gtin[:-1]) == int(gtin[-1])


def normalize_gtin(gtin: str) -> str:
    """A valid GTIN-8/12/13/14 as GTIN-14 (zero-padded); ``InvalidCode`` otherwise."""
    gtin = (gtin or "").strip()
    if not is_valid_gtin(gtin):
        raise InvalidCode(f"not a valid GTIN: {gtin!r}")
    return gtin.zfill(14)


def with_check_digit(body: str) -> str:
    """``"0893600000001"`` -> the 14-digit GTIN with its check digit appended."""
    return body + str(gtin_check_digit(body))


def is_valid_ai_value(value: str) -> bool:
    """AI 10 (batch/lot) and AI 21 (serial): 1-20 characters of GS1 CSET 82."""
    return isinstance(value, str) and bool(_CSET82.match(value))


@dataclass(frozen=True)
class DigitalLink:
    gtin: str
    lot: str
    serial: str | None = None

    @property
    def path(self) -> str:
        path = f"/01/{self.gtin}/10/{quote(self.lot, safe='')}"
        if self.serial:
            path += f"/21/{quote(self.serial, safe='')}"
        return path

    def uri(self, base: str) -> str:
        return base.rstrip("/") + self.path


def build_digital_link(base: str, gtin: str, lot: str, serial: str | None = None) -> str:
    """The Digital Link URI; validates every part first."""
    return make_link(gtin, lot, serial).uri(base)


def make_link(gtin: str, lot: str, serial: str | None = None) -> DigitalLink:
    gtin = normalize_gtin(gtin)
    if not is_valid_ai_value(lot):
        raise InvalidCode(f"not a valid lot number: {lot!r}")
    if serial is not None and not is_valid_ai_value(serial):
        raise InvalidCode(f"not a valid serial number: {serial!r}")
    return DigitalLink(gtin, lot, serial)


def parse_digital_link(path: str) -> DigitalLink:
    """Parse the path of a Digital Link URI (query string and host removed)."""
    match = _DL_PATH.match(path or "")
    if not match:
        raise InvalidCode("not a GS1 Digital Link path")
    serial = match["serial"]
    return make_link(
        match["gtin"], unquote(match["lot"]), unquote(serial) if serial is not None else None
    )
