from oscar.apps.shipping import repository

from shop.shipping.methods import DomesticByWeight, InternationalByWeight


class Repository(repository.Repository):
    """Vietnam by weight with free shipping over a threshold; abroad by weight."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        if (
            shipping_addr is not None
            and shipping_addr.country_id
            and (shipping_addr.country_id != "VN")
        ):
            return [InternationalByWeight()]
        return [DomesticByWeight()]
