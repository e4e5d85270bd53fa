from django import template

from provenance import services
from provenance.models import Lot

register = template.Library()


@register.inclusion_tag("provenance/product_summary.html", takes_context=True)
def provenance_summary(context, product):
    """The provenance of the lot now on sale for a product, and why it is not for sale
    when it is not."""
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None or product.is_parent:
        return {"summary": None}
    info = strategy.fetch_for_product(product)
    stockrecord = info.stockrecord
    if stockrecord is None:
        return {"summary": None}
    reasons = []
    for record in product.stockrecords.all():
        reasons += [services.blocker_message(b) for b in services.sale_blockers(record)]
    lot = services.current_lot(stockrecord)
    summary = {"lot": lot, "reasons": reasons, "areas": [], "lab_test": None}
    if lot is not None:
        lineage = services.load_lineage(lot)
        summary["areas"] = sorted(lineage.areas, key=lambda a: a.code)
        harvests = [x.produced_on for x in lineage.lots.values() if x.kind == Lot.Kind.HARVEST]
        summary["harvested_on"] = max(harvests) if harvests else None
        tests = sorted(lineage.lab_tests, key=lambda t: (t.tested_on, t.pk))
        summary["lab_test"] = tests[-1] if tests else None
    return {"summary": summary}
