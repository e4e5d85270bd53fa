"""Template filters for numbers, in the page's language (see core.numbers).

Registered as a builtin library (settings), so every template, ours or Oscar's, can use
``{{ lot.quantity|quantity:"kg" }}``, ``{{ value|number }}``, ``{{ share|percent }}``.
"""

from django import template
from django.utils.translation import get_language

from core import numbers

register = template.Library()


def _language():
    return get_language() or "vi"


def _safely(function, value, *args):
    if value is None or value == "":
        return ""
    try:
        return function(value, *args)
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter(name="number")
def number(value, decimals=2):
    """``3500000`` -> ``3.500.000`` (vi), ``3,500,000`` (en); at most ``decimals`` places."""
    return _safely(lambda v: numbers.format_number(v, _language(), int(decimals)), value)


@register.filter(name="quantity")
def quantity(value, unit=""):
    """``0.6|quantity:"kg"`` -> ``0,6 kg`` (vi), ``0.6 kg`` (en)."""
    return _safely(lambda v: numbers.format_quantity(v, str(unit or ""), _language()), value)


@register.filter(name="percent")
def percent(value, decimals=2):
    """``5.8000|percent`` -> ``5,8 %`` (vi), ``5.8 %`` (en)."""
    return _safely(lambda v: numbers.format_percent(v, _language(), int(decimals)), value)
