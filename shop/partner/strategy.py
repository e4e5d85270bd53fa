"""The shop's pricing and availability strategy.

Prices and stock rules are Oscar's defaults (first stock record, no tax, stock
required). On top of them: a product can only be bought while every stock record for it
is linked to a packed lot whose provenance chain is complete (see
``provenance.services.sale_blockers``). The lot's verdict is cached on the lot, and
product lists prefetch ``stockrecords__provenance_lots``, so this costs no query per
product in a list.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability
from oscar.apps.partner import strategy as oscar_strategy

from provenance.services import blocker_message, sale_blockers


class NotForSale(availability.Base):
    """Unavailable because the lot's traceability is incomplete; says why."""

    code = "not-for-sale"

    def __init__(self, reasons):
        self.reasons = list(reasons)

    @property
    def message(self):
        return _("Not for sale: %(reason)s") % {"reason": self.reasons[0]}

    @property
    def short_message(self):
        return _("Not for sale")

    def is_purchase_permitted(self, quantity):
        return False, self.message


class ProvenanceRequired:
    """Availability mixin: block sale unless every stock record's lot is complete."""

    def provenance_reasons(self, product):
        reasons = []
        for stockrecord in product.stockrecords.all():
            reasons += [blocker_message(b) for b in sale_blockers(stockrecord)]
        return reasons

    def availability_policy(self, product, stockrecord):
        policy = super().availability_policy(product, stockrecord)
        if stockrecord is None or not policy.is_available_to_buy:
            return policy
        reasons = self.provenance_reasons(product)
        if reasons:
            return NotForSale(reasons)
        return policy


class Default(
    oscar_strategy.UseFirstStockRecord,
    ProvenanceRequired,
    oscar_strategy.StockRequired,
    oscar_strategy.NoTax,
    oscar_strategy.Structured,
):
    pass


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
