"""Telephone numbers: Vietnamese and international. ``parse_phone`` is pure Python;
``validate_phone`` is the Django form/model validator built on it.

Accepted, with spaces, dots, hyphens or brackets between digits:
- Vietnamese numbers written at home: ``0`` + 9 digits (mobiles ``03x 05x 07x 08x 09x``,
  and landlines ``02x``), or 10 digits for the older 11-digit landlines (``02xx``);
- the same in international form: ``+84`` (or ``0084``) without the leading 0;
- any other country in international form: ``+`` and 8 to 15 digits (E.164).
A number comes back normalised to E.164: ``+84912345678``.
"""

import re

_SEPARATORS = re.compile(r"[\s.\-()/]+")
_VN_NATIONAL = re.compile(r"0([235789]\d{8}|2\d{9})", re.ASCII)
_E164 = re.compile(r"\+([1-9]\d{7,14})", re.ASCII)


def parse_phone(text):
    """``"091 234 5678"`` -> ``"+84912345678"``; raises ValueError for anything else."""
    raw = (text or "").strip()
    if not raw or len(raw) > 30:
        raise ValueError("not a phone number")
    compact = _SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    if _VN_NATIONAL.fullmatch(compact):
        return "+84" + compact[1:]
    if _E164.fullmatch(compact) and not compact.startswith("+84"):
        return compact
    raise ValueError("not a phone number")


def validate_phone(value):
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        parse_phone(value)
    except ValueError:
        raise ValidationError(
            _(
                "Enter a phone number: a Vietnamese number such as 091 234 5678, or an "
                "international one starting with + and the country code."
            ),
            code="invalid_phone",
        ) from None
