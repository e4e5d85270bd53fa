"""Building a small catalogue for the feeds and API tests, and reading product pages."""

import json
import re
from decimal import Decimal

from oscar.core.loading import get_model

from tests.factories import CategoryFactory, ProductClassFactory, ProductFactory

ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def mark_supplement(product, value=True):
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product.get_product_class(),
        code="health_supplement",
        defaults={"name": "Health supplement", "type": "boolean"},
    )
    ProductAttributeValue.objects.update_or_create(
        product=product, attribute=attribute, defaults={"value_boolean": value}
    )
    product.save()  # as the dashboard does: the feeds' cache moves on
    return product


def build_catalogue(capture_on_commit, count=3):
    """``count`` sellable dried products (with images), one out of stock, one without a
    traceable lot (not for sale), one fresh root (Vietnam only), one health supplement."""
    from tests.provenance.factories import set_net_weight

    category = CategoryFactory(name="Sâm khô", slug="sam-kho")
    with capture_on_commit(execute=True):
        sellable = [
            ProductFactory(stock=5, image=True, stock__price=1_800_000) for _ in range(count)
        ]
    set_net_weight(sellable[0], 250)
    out_of_stock = ProductFactory(stock=0, stock__price=900_000)
    untraceable = ProductFactory(stock=5, stock__traceable=False)
    fresh_class = ProductClassFactory(ship_to="vn", name_en="Fresh root", name_vi="Củ tươi")
    fresh = ProductFactory(stock=3, product_class=fresh_class, stock__price=2_500_000)
    supplement = ProductFactory(stock=4, stock__price=450_000)
    mark_supplement(supplement)
    ProductCategory.objects.create(product=sellable[0], category=category)
    return {
        "sellable": sellable,
        "out_of_stock": out_of_stock,
        "untraceable": untraceable,
        "fresh": fresh,
        "supplement": supplement,
        "category": category,
    }


def jsonld_product(html):
    for block in JSONLD.findall(html):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data
    raise AssertionError("no schema.org Product on the page")


def usd_rate(rate="25400"):
    from payments.models import ExchangeRate

    return ExchangeRate.objects.update_or_create(
        currency="USD", defaults={"vnd_per_unit": Decimal(rate)}
    )[0]
