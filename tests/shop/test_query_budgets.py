"""Query budgets per page, the same at 10 and at 200 products.

Each page is requested once before it is measured: the first view of a new image makes
its rendition and caches it. What every later visitor costs is what the budget bounds.
Product thumbnails are made when the image is saved (shop/catalogue/thumbnails.py), so
for the shop's pages the warm-up changes nothing.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.search.indexing import rebuild_product_index
from tests.factories import CategoryFactory, ProductClassFactory, ProductFactory

pytestmark = pytest.mark.django_db

ProductCategory = get_model("catalogue", "ProductCategory")

BUDGETS = {"home": 12, "catalogue": 15, "category": 15, "product": 20}


def build_catalogue(count, capture_on_commit):
    product_class = ProductClassFactory()
    category = CategoryFactory(name="Sâm khô", slug="sam-kho")
    signal_processor = apps.get_app_config("haystack").signal_processor
    signal_processor.teardown()  # index once at the end, not on every save
    try:
        with capture_on_commit(execute=True):
            products = [
                ProductFactory(stock=5, image=True, product_class=product_class)
                for _ in range(count)
            ]
    finally:
        signal_processor.setup()
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=product, category=category) for product in products]
    )
    rebuild_product_index()
    return {
        "home": "/vi/",
        "catalogue": "/vi/shop/catalogue/",
        "category": category.get_absolute_url(),
        "product": products[0].get_absolute_url(),
    }


def measure(client, urls, assert_max):
    counts = {}
    for page, url in urls.items():
        for language in ("vi", "en"):
            localized = url.replace("/vi/", f"/{language}/", 1)
            assert client.get(localized).status_code == 200  # warm-up
            with assert_max(BUDGETS[page]), CaptureQueriesContext(connection) as queries:
                response = client.get(localized)
            assert response.status_code == 200
            counts[(page, language)] = len(queries)
    return counts


@pytest.mark.parametrize("count", [10, 200])
def test_every_page_stays_within_its_budget(
    client,
    bilingual_site,
    search_index,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
    count,
):
    urls = build_catalogue(count, django_capture_on_commit_callbacks)
    counts = measure(client, urls, django_assert_max_num_queries)
    assert set(counts) == {(page, lang) for page in BUDGETS for lang in ("vi", "en")}


def test_query_counts_do_not_grow_with_the_catalogue(
    client,
    bilingual_site,
    search_index,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    from tests.factories import ProductFactory as Factory

    urls = build_catalogue(10, django_capture_on_commit_callbacks)
    small = measure(client, urls, django_assert_max_num_queries)
    # Grow the same catalogue to 200 products and measure the same URLs again.
    category = get_model("catalogue", "Category").objects.get(slug="sam-kho")
    product_class = get_model("catalogue", "ProductClass").objects.latest("pk")
    signal_processor = apps.get_app_config("haystack").signal_processor
    signal_processor.teardown()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            more = [Factory(stock=5, image=True, product_class=product_class) for _ in range(190)]
    finally:
        signal_processor.setup()
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=p, category=category) for p in more]
    )
    rebuild_product_index()
    large = measure(client, urls, django_assert_max_num_queries)
    assert small == large
