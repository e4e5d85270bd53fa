from decimal import Decimal as D

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from core.money import format_vnd
from shop.shipping.weights import charge_for_weight

WEIGHT_ATTRIBUTE = "net_weight_g"
DEFAULT_ITEM_WEIGHT_G = 300


def product_weight_g(product):
    value = (
        product.attribute_values.filter(attribute__code=WEIGHT_ATTRIBUTE)
        .values_list("value_integer", flat=True)
        .first()
    )
    if not value and product.parent_id:
        return product_weight_g(product.parent)
    return int(value or DEFAULT_ITEM_WEIGHT_G)


def basket_weight_g(basket):
    """Net weight of every line, plus packaging once."""
    net = sum(product_weight_g(line.product) * line.quantity for line in basket.all_lines())
    return net + settings.SHOP_PACKAGING_G


class ByWeight(Base):
    base_setting = ""
    per_step_setting = ""

    def charge(self, basket) -> int:
        return charge_for_weight(
            basket_weight_g(basket),
            base=getattr(settings, self.base_setting),
            per_step=getattr(settings, self.per_step_setting),
        )

    def calculate(self, basket):
        amount = D(self.charge(basket))
        return prices.Price(currency=basket.currency or "VND", excl_tax=amount, incl_tax=amount)


class DomesticByWeight(ByWeight):
    code = "vn-standard"
    name = _("Delivery in Vietnam")

    @property
    def description(self):
        return _("2–5 days by post, charged by weight; free for orders from %(amount)s.") % {
            "amount": format_vnd(settings.SHOP_FREE_SHIPPING_FROM_VND, get_language())
        }

    base_setting = "SHOP_DOMESTIC_BASE_VND"
    per_step_setting = "SHOP_DOMESTIC_PER_500G_VND"

    def charge(self, basket) -> int:
        if basket.total_incl_tax >= settings.SHOP_FREE_SHIPPING_FROM_VND:
            return 0
        return super().charge(basket)


class InternationalByWeight(ByWeight):
    code = "intl-express"
    name = _("International delivery")
    description = _(
        "7–14 days by express post, charged by weight. Ginseng and other herbal products "
        "may be subject to import rules, duties and taxes in your country: please check "
        "them before ordering; they are paid by the buyer on arrival."
    )
    base_setting = "SHOP_INTERNATIONAL_BASE_VND"
    per_step_setting = "SHOP_INTERNATIONAL_PER_500G_VND"
