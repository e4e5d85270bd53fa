"""What may ship where. A product says which countries it may be sent to, or takes the
rule of its parent (a variant) and then of its product type; an export line of a
product that needs an export permit may not ship before staff enter its reference.

Checkout asks these functions at the shipping-address step, before showing any way to
pay, and again when the order is placed (shop.checkout.services.place_order)."""

from babel import Locale
from django.utils import translation
from django.utils.translation import gettext as _

from shop.catalogue.models import ShipTo

VIETNAM = "VN"


def _holders(product):
    """The product, its parent (for a variant), then its product type."""
    holders = [product]
    if product.parent_id:
        holders.append(product.parent)
    holders.append(product.get_product_class())
    return [h for h in holders if h is not None]


def ship_rule(product):
    """(ship_to, the object whose rule it is)."""
    for holder in _holders(product):
        if holder.ship_to:
            return holder.ship_to, holder
    return ShipTo.VIETNAM, None


def allowed_countries(product):
    """ISO codes the product may go to, or None for any country the shop ships to."""
    ship_to, holder = ship_rule(product)
    if ship_to == ShipTo.ANYWHERE:
        return None
    if ship_to == ShipTo.LISTED and holder is not None:
        # .all(): uses a prefetch of ship_to_countries when there is one (feeds, API).
        return {VIETNAM, *(country.pk for country in holder.ship_to_countries.all())}
    return {VIETNAM}


def may_ship_to(product, country_code):
    allowed = allowed_countries(product)
    return allowed is None or (country_code or "").upper() in allowed


def export_permit_required(product, country_code):
    """Sent abroad and, by the product, its parent or its type, needing a permit."""
    if not country_code or country_code.upper() == VIETNAM:
        return False
    for holder in _holders(product):
        value = holder.export_permit_required
        if value is not None:
            return bool(value)
    return False


def country_name(code):
    """The country's name in the active language (Babel's CLDR names)."""
    language = (translation.get_language() or "vi").split("-")[0]
    try:
        return Locale.parse(language).territories.get(code.upper(), code)
    except (ValueError, TypeError):
        return code


def rule_label(product):
    allowed = allowed_countries(product)
    if allowed is None:
        return _("may be sent to any country we ship to")
    if allowed == {VIETNAM}:
        return _("ships in Vietnam only")
    names = sorted(country_name(code) for code in allowed)
    return _("ships only to %(countries)s") % {"countries": ", ".join(names)}


def refused_products(products, country_code):
    seen, refused = set(), []
    for product in products:
        if product.pk in seen:
            continue
        seen.add(product.pk)
        if not may_ship_to(product, country_code):
            refused.append(product)
    return refused


def destination_problem(basket, country_code):
    """A message saying which basket lines cannot go to ``country_code``, or ''."""
    if not country_code:
        return ""
    refused = refused_products((line.product for line in basket.all_lines()), country_code)
    if not refused:
        return ""
    products = "; ".join(f"{p.get_title()} ({rule_label(p)})" for p in refused)
    return _(
        "Sorry, we cannot send these products to %(country)s: %(products)s. Remove them "
        "from your basket or choose an address they may go to. Nothing has been charged."
    ) % {"country": country_name(country_code), "products": products}
