from babel.numbers import format_currency
from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from core.fx import estimate, rounded
from payments.models import DisplayCurrency, ExchangeRate

register = template.Library()


def _rate(code):
    return ExchangeRate.objects.filter(currency=code).values_list("vnd_per_unit", flat=True).first()


@register.simple_tag(takes_context=True)
def price_estimate(context, amount_vnd):
    """``≈ $12.34 (estimate)`` in the buyer's chosen currency; nothing if none chosen."""
    request = context.get("request")
    code = request.session.get("display_currency") if request is not None else None
    if not code or amount_vnd in (None, ""):
        return ""
    rate = _rate(code)
    if not rate:
        return ""
    value = rounded(estimate(amount_vnd, rate), code)
    shown = format_currency(value, code, locale=to_locale(get_language() or "vi"))
    return format_html(
        '<span class="price-estimate" data-currency="{}">≈ {} ({})</span>',
        code,
        shown,
        _("estimate; you are charged in VND"),
    )


@register.inclusion_tag("shop/partials/currency_chooser.html", takes_context=True)
def currency_chooser(context):
    request = context.get("request")
    current = request.session.get("display_currency", "") if request is not None else ""
    available = set(ExchangeRate.objects.values_list("currency", flat=True))
    return {
        "request": request,
        "current": current,
        "choices": [c for c in DisplayCurrency.values if c in available],
    }


@register.simple_tag
def order_status_path(order):
    from shop.order.links import status_path

    return status_path(order, language=get_language())
