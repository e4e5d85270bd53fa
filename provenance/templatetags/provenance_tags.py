import datetime

from django import template

from provenance.models import AreaStatus, GrowingArea, Lot

register = template.Library()


@register.inclusion_tag("provenance/product_summary.html", takes_context=True)
def provenance_summary(context, product):
    """The provenance of the lot now on sale for a product, and why it is not for sale
    when it is not. Uses what the shop's strategy read for the availability check."""
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None or product.is_parent or not hasattr(strategy, "provenance_reasons"):
        return {"summary": None}
    reasons = strategy.provenance_reasons(product)
    lot = strategy.provenance_lot_of_product(product)
    if lot is None and not reasons:
        return {"summary": None}
    summary = {"lot": lot, "reasons": reasons, "areas": [], "lab_test": None}
    if lot is not None:
        # Kept on the lot by provenance.services whenever its chain changes: no query.
        cached = lot.summary or {}
        summary["areas"] = cached.get("areas", [])
        harvested = cached.get("harvested_on")
        summary["harvested_on"] = datetime.date.fromisoformat(harvested) if harvested else None
        summary["lab_test"] = cached.get("lab_test")
    return {"summary": summary}


@register.filter
def uom_label(code):
    """``KGM`` -> ``kg``, ``H87`` -> ``plants`` (UN/CEFACT codes as stored in events)."""
    return dict(Lot.Unit.choices).get(code, code)


@register.filter
def process_label(code):
    return dict(Lot.Process.choices).get(code, code)


@register.filter
def land_label(code):
    return dict(GrowingArea.LandType.choices).get(code, code)


@register.filter
def area_status_label(code):
    return dict(AreaStatus.choices).get(code, code)
