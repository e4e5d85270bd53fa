"""Locale-aware numbers for quantities, percentages and weights. Pure Python: no Django.

One rule for the whole site: Vietnamese groups thousands with a dot and writes the
decimal comma (``3.500.000``, ``5,8``); English groups with a comma and writes the
decimal point (``3,500,000``, ``5.8``). Trailing zeros after the decimal mark are
dropped (``5,8000`` is never shown), and a unit follows after a space (``0,6 kg``,
``5,8 %``).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def _separators(language):
    code = (language or "vi").lower().split("-")[0].split("_")[0]
    return SEPARATORS.get(code, SEPARATORS["en"])


def to_decimal(value):
    """A finite Decimal from any number-like value (int, float, Decimal, "3500.000")."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return number


def _group(digits, separator):
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return separator.join(reversed(groups)) or "0"


def format_number(value, language="vi", decimals=2):
    """``3500000`` -> ``3.500.000`` (vi) / ``3,500,000`` (en); ``5.8000`` -> ``5,8`` / ``5.8``.

    Rounds half up to at most ``decimals`` places and drops trailing zeros.
    """
    number = to_decimal(value)
    exponent = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    number = number.quantize(exponent, rounding=ROUND_HALF_UP)
    thousands, point = _separators(language)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if not fraction and whole == "0":
        sign = ""
    result = sign + _group(whole, thousands)
    if fraction:
        result += point + fraction
    return result


def format_quantity(value, unit="", language="vi", decimals=3):
    """``3500000, "cây"`` -> ``3.500.000 cây``; ``0.6, "kg"`` -> ``0,6 kg`` (vi)."""
    number = format_number(value, language, decimals)
    return f"{number} {unit}" if unit else number


def format_percent(value, language="vi", decimals=2):
    """``5.8`` (already a percentage) -> ``5,8 %`` (vi) / ``5.8 %`` (en)."""
    return f"{format_number(value, language, decimals)} %"
