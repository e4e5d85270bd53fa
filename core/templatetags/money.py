"""Template filters for money. Registered as ``currency_filters`` too (see settings),
so Oscar's own templates format VND the way ours do."""

from babel.numbers import format_currency
from django import template
from django.utils.translation import get_language, to_locale

from core.money import format_vnd

register = template.Library()


@register.filter(name="currency")
def currency(value, currency_code=None):
    if value is None or value == "":
        return ""
    language = get_language() or "vi"
    try:
        if currency_code and currency_code.upper() != "VND":
            return format_currency(value, currency_code.upper(), locale=to_locale(language))
        return format_vnd(value, language)
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter(name="vnd")
def vnd(value):
    return currency(value)
