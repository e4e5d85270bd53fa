import datetime

from django import template
from django.utils.translation import gettext as _

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


@register.filter
def mismatch_label(mismatch):
    """A row that differs from its seal (``services.sealed.Mismatch``), in words."""
    values = {"label": mismatch.label, "field": mismatch.field, "event": mismatch.event}
    if mismatch.kind == "event_lot":
        if mismatch.sealed is None:
            return (
                _("Event (id %(event)s) is linked to lot %(label)s, which its seal does not name.")
                % values
            )
        return (
            _("Event (id %(event)s) names lot %(label)s in its seal, but the link is missing.")
            % values
        )
    messages = {
        "lot": _("Lot %(label)s: “%(field)s” differs from its seal."),
        "lot_unsealed": _("Lot %(label)s has no sealed record."),
        "lab_test": _("Lab test %(label)s: “%(field)s” differs from its seal."),
        "lab_test_unsealed": _("Lab test %(label)s has no sealed record."),
        "area": _("Growing area %(label)s: “%(field)s” differs from its seal."),
    }
    return messages.get(mismatch.kind, _("A record differs from its seal.")) % values


@register.filter
def checkpoint_problem_label(problem):
    """What disagrees with the signed checkpoint (``services.checkpoints.Problem``)."""
    values = {"chain": problem.chain, "sequence": problem.sequence, "found": problem.found}
    messages = {
        "truncated": _(
            "Chain %(chain)s ends at event #%(found)s, but the checkpoint signed it up to "
            "#%(sequence)s: events were removed."
        ),
        "resealed": _(
            "Event %(chain)s#%(sequence)s differs from the one the checkpoint signed: the "
            "chain was re-sealed."
        ),
        "missing": _("Chain %(chain)s, signed in the checkpoint, is missing."),
        "signature": _("The checkpoint's signature does not verify with the published key."),
        "regressed": _(
            "Chain %(chain)s went back from #%(found)s to #%(sequence)s between checkpoints."
        ),
    }
    return messages.get(problem.kind, _("The chain does not match its checkpoint.")) % values
