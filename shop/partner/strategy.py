"""The shop's pricing and availability strategy.

Prices and stock rules are Oscar's defaults (first stock record, no tax, stock
required). On top of them: a product can only be bought while every stock record for it
is linked to a packed lot whose provenance chain is complete (see
``provenance.services.sale_blockers``). The lot's verdict is cached on the lot, and
product lists prefetch ``stockrecords__provenance_lots``, so this costs no query per
product in a list.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability
from oscar.apps.partner import strategy as oscar_strategy

from provenance.services import blocker_message, current_lot, sale_blockers


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
    """Availability mixin: block sale unless every stock record's lot is complete.

    Lists prefetch ``stockrecords__provenance_lots`` with their products. A product
    that comes without them (product page, basket line) gets them prefetched once, on
    the instance, the way Oscar's own lists prefetch stock records; Oscar's repeated
    ``product.stockrecords.all()[0]`` then costs nothing either.
    """

    def prefetch_provenance(self, product):
        cache = getattr(product, "_prefetched_objects_cache", {})
        if "stockrecords" not in cache:
            prefetch_related_objects([product], "stockrecords__provenance_lots")
            return
        records = [
            record
            for record in cache["stockrecords"]
            if "provenance_lots" not in getattr(record, "_prefetched_objects_cache", {})
        ]
        if records:
            prefetch_related_objects(records, "provenance_lots")

    def select_stockrecord(self, product):
        self.prefetch_provenance(product)
        return super().select_stockrecord(product)

    def provenance_lot_of_product(self, product):
        """The newest packed lot on sale for any of the product's stock records."""
        self.prefetch_provenance(product)
        lots = [
            lot
            for record in product.stockrecords.all()
            for lot in record.provenance_lots.all()
            if lot.is_packed
        ]
        return max(lots, key=lambda lot: lot.pk) if lots else None

    def provenance_reasons(self, product):
        """Why this product may not be sold (empty when it may)."""
        self.prefetch_provenance(product)
        reasons = []
        for stockrecord in product.stockrecords.all():
            lot = current_lot(stockrecord)
            reasons += [blocker_message(b) for b in sale_blockers(stockrecord, lot=lot)]
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
