"""Product pages and lists show provenance without a query per product."""

import pytest
from django.utils import translation

from tests.factories import ProductFactory, StockRecordFactory
from tests.provenance.factories import build_chain

pytestmark = pytest.mark.django_db


def test_product_page_shows_the_lot_on_sale_and_links_to_its_trace_page(
    client, wagtail_root, django_assert_max_num_queries
):
    lot = build_chain()
    with translation.override("vi"):
        url = lot.product.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    html = response.content.decode()
    assert 'id="product_provenance"' in html
    assert lot.lot_number in html
    assert f'href="/vi/trace/01/{lot.gtin}/10/{lot.lot_number}/"' in html
    assert "VN-LCPT-" in html
    assert "KQ-" in html  # the lab certificate
    assert "Not for sale" not in html


def test_product_page_says_why_it_is_not_for_sale(client, wagtail_root):
    product = ProductFactory(stock=3, stock__traceable=False)
    with translation.override("en"):
        url = product.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Not for sale" in html
    assert "no traceable lot is linked to this stock" in html


def test_catalogue_of_24_products_stays_within_15_queries(
    client, wagtail_root, search_index, django_assert_max_num_queries
):
    for i in range(24):
        StockRecordFactory(traceable=bool(i % 2))
    client.get("/vi/shop/catalogue/")
    with django_assert_max_num_queries(15):
        response = client.get("/en/shop/catalogue/")
    html = response.content.decode()
    assert html.count('class="product-card"') == 24
    assert html.count("Not for sale") == 12
