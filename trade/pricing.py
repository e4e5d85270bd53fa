"""Amounts of a quote. Pure Python, no Django: whole dong, estimates at a stated rate."""

from decimal import ROUND_HALF_UP, Decimal

from core.fx import estimate, rounded

#: The currencies a quote shows as estimates beside the dong.
ESTIMATE_CURRENCIES = ("USD", "EUR", "CNY", "KRW")


def line_amount(unit_price, quantity):
    """Price per unit × quantity, to the whole dong (half up); None while unpriced."""
    if unit_price is None or quantity is None:
        return None
    value = Decimal(int(unit_price)) * Decimal(str(quantity))
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def total(lines):
    """Sum of (unit_price, quantity) pairs; None if any line is unpriced."""
    amounts = [line_amount(price, quantity) for price, quantity in lines]
    if not amounts or any(a is None for a in amounts):
        return None
    return sum(amounts)


def estimates(amount_vnd, rates):
    """{currency: Decimal} for each currency with a rate, in ESTIMATE_CURRENCIES order."""
    found = {}
    if amount_vnd is None:
        return found
    for code in ESTIMATE_CURRENCIES:
        rate = rates.get(code)
        if rate and Decimal(str(rate)) > 0:
            found[code] = rounded(estimate(amount_vnd, rate), code)
    return found
