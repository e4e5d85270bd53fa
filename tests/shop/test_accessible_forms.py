"""Ids and labels of the shop's forms, without a browser (the whole-site check with axe-core
and the Nu validator is tests/browser/test_accessibility.py)."""

import re
from collections import Counter

import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def ids(html):
    return Counter(re.findall(r'\bid="([^"]+)"', html))


def test_catalogue_cards_do_not_repeat_ids(client, wagtail_root, search_index):
    products = [ProductFactory(stock=3) for _ in range(3)]
    html = client.get("/vi/shop/catalogue/").content.decode()
    assert all(f"_{product.pk}/" in html for product in products)
    repeated = [name for name, count in ids(html).items() if count > 1]
    assert repeated == []
    assert "id_quantity" not in html


def test_basket_quantity_boxes_have_a_label(client, wagtail_root):
    product = ProductFactory(stock=3, title_en="Ginseng flower tea")
    client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
    html = client.get("/en/shop/basket/").content.decode()
    box = re.search(r'<input[^>]*name="form-0-quantity"[^>]*>', html).group(0)
    assert 'aria-label="Quantity of Ginseng flower tea"' in box
