"""Shipping charges by weight. Pure Python, no Django: the numbers come in as arguments."""

import math


def charge_for_weight(grams: int, *, base: int, per_step: int, step_g: int = 500) -> int:
    """``base`` covers the first ``step_g`` grams; each started step after adds ``per_step``."""
    if grams <= step_g:
        return base
    return base + math.ceil((grams - step_g) / step_g) * per_step
