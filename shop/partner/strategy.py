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

from provenance.models import Lot
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
    """Availability mixin: block sale unless every stock record's lot is complete.

    Lists prefetch ``stockrecords__provenance_lots``; elsewhere (product page, basket)
    the lots of a product's stock records are read once per request and kept on the
    strategy, which Oscar creates per request.
    """

    def _lots_for(self, product, stockrecord):
        cache = getattr(stockrecord, "_prefetched_objects_cache", {})
        if "provenance_lots" in cache:
            return list(cache["provenance_lots"])
        by_record = self.__dict__.setdefault("_provenance_lots", {})
        loaded = self.__dict__.setdefault("_provenance_products", set())
        if product.pk not in loaded:
            loaded.add(product.pk)
            for lot in Lot.objects.filter(stockrecord__product=product):
                by_record.setdefault(lot.stockrecord_id, []).append(lot)
        return by_record.get(stockrecord.pk, [])

    def provenance_lot_of_product(self, product):
        """The newest packed lot on sale for any of the product's stock records (the
        lots were read for the availability check already)."""
        self.provenance_reasons(product)
        lots = [
            lot
            for lots in self.__dict__.get("_provenance_lots", {}).values()
            for lot in lots
            if lot.is_packed and lot.product_id in (product.pk, None)
        ]
        if not lots:
            lots = [
                lot
                for stockrecord in product.stockrecords.all()
                for lot in self._lots_for(product, stockrecord)
                if lot.is_packed
            ]
        return max(lots, key=lambda lot: lot.pk) if lots else None

    def provenance_lot(self, product, stockrecord):
        """The packed lot now on sale for this stock record (its newest)."""
        lots = [lot for lot in self._lots_for(product, stockrecord) if lot.is_packed]
        return max(lots, key=lambda lot: lot.pk) if lots else None

    def provenance_reasons(self, product):
        """Why this product may not be sold (empty when it may); kept for the request."""
        cache = self.__dict__.setdefault("_provenance_reasons", {})
        if product.pk not in cache:
            reasons = []
            for stockrecord in product.stockrecords.all():
                lot = self.provenance_lot(product, stockrecord)
                reasons += [blocker_message(b) for b in sale_blockers(stockrecord, lot=lot)]
            cache[product.pk] = reasons
        return cache[product.pk]

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
