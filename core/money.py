"""Money formatting for VND. Pure Python: no Django, no database.

VND has no minor unit, so amounts are whole numbers of dong. The shop shows them as
``1.234.567 ₫`` in Vietnamese and ``₫1,234,567`` in English.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SYMBOL = "₫"


def to_dong(value) -> int:
    """Any number-like value as a whole number of dong (half rounds up)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, int):
        return value
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _group(number: int, separator: str) -> str:
    digits = str(abs(number))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return separator.join(reversed(groups))


def format_vnd(value, language: str = "vi") -> str:
    """``1.234.567 ₫`` for Vietnamese, ``₫1,234,567`` for any other language."""
    dong = to_dong(value)
    sign = "-" if dong < 0 else ""
    if (language or "vi").lower().startswith("vi"):
        return f"{sign}{_group(dong, '.')} {SYMBOL}"
    return f"{sign}{SYMBOL}{_group(dong, ',')}"
