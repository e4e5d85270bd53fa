from django import template

from provenance import services
from provenance.models import Lot

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
        lineage = services.load_lineage(lot, with_edges=False)
        summary["areas"] = sorted(lineage.areas, key=lambda a: a.code)
        harvests = [x.produced_on for x in lineage.lots.values() if x.kind == Lot.Kind.HARVEST]
        summary["harvested_on"] = max(harvests) if harvests else None
        tests = sorted(lineage.lab_tests, key=lambda t: (t.tested_on, t.pk))
        summary["lab_test"] = tests[-1] if tests else None
    return {"summary": summary}


@register.filter
def uom_label(code):
    """``KGM`` -> ``kg``, ``H87`` -> ``plants`` (UN/CEFACT codes as stored in events)."""
    return dict(Lot.Unit.choices).get(code, code)


@register.filter
def process_label(code):
    return dict(Lot.Process.choices).get(code, code)
