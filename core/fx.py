"""Estimates of a VND amount in another currency. Pure Python, no Django."""

from decimal import ROUND_HALF_UP, Decimal

# Currencies shown without minor units.
ZERO_DECIMAL = {"JPY", "KRW", "VND"}


def estimate(amount_vnd, vnd_per_unit) -> Decimal:
    rate = Decimal(str(vnd_per_unit))
    if rate <= 0:
        raise ValueError("rate must be positive")
    return Decimal(str(amount_vnd)) / rate


def rounded(value: Decimal, currency: str) -> Decimal:
    exponent = Decimal("1") if currency.upper() in ZERO_DECIMAL else Decimal("0.01")
    return value.quantize(exponent, rounding=ROUND_HALF_UP)
