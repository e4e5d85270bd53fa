"""Google Merchant Center and Meta feeds: every item says what its product page says."""

import csv
import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from core.fx import estimate, rounded
from core.money import format_vnd
from tests.factories import CategoryFactory, ProductFactory
from tests.feeds.helpers import build_catalogue, jsonld_product, usd_rate

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
G = "{http://base.google.com/ns/1.0}"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def catalogue(bilingual_site, countries, django_capture_on_commit_callbacks):
    return build_catalogue(django_capture_on_commit_callbacks)


def google_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = []
    for node in root.find("channel").findall("item"):
        items.append(
            {
                "id": node.findtext(f"{G}id"),
                "title": node.findtext("title"),
                "description": node.findtext("description"),
                "link": node.findtext("link"),
                "image_link": node.findtext(f"{G}image_link"),
                "availability": node.findtext(f"{G}availability"),
                "price": node.findtext(f"{G}price"),
                "brand": node.findtext(f"{G}brand"),
                "gtin": node.findtext(f"{G}gtin"),
                "condition": node.findtext(f"{G}condition"),
                "shipping": [
                    (s.findtext(f"{G}country"), s.findtext(f"{G}price"))
                    for s in node.findall(f"{G}shipping")
                ],
            }
        )
    return items


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_google_item_matches_its_product_page(client, catalogue, language):
    items = google_items(client, f"/{language}/feeds/google-VND.xml")
    expected = {p.upc for p in catalogue["sellable"]} | {
        catalogue[k].upc for k in ("out_of_stock", "fresh", "supplement")
    }
    # Only products that can be sold: the one without a traceable lot is left out, and
    # the one without an image (no ad platform lists it).
    assert {item["id"] for item in items} == expected
    for item in items:
        path = urlparse(item["link"]).path
        assert path.startswith(f"/{language}/")
        page = client.get(path)
        assert page.status_code == 200
        html = page.content.decode()
        data = jsonld_product(html)
        offer = data["offers"]
        assert item["id"] == data["sku"]
        assert item["title"] == data["name"]
        assert item["link"] == data["url"]
        assert item["description"].startswith(data["description"][:400])
        assert "<" not in item["description"]
        assert item["brand"] == data["brand"]["name"]
        amount = int(offer["price"])
        assert item["price"] == f"{amount} VND"
        # The price a shopper reads on the page, in the page's language.
        assert f'<span class="price">{format_vnd(amount, language)}</span>' in html
        assert item["availability"] == (
            "in_stock" if offer["availability"].endswith("InStock") else "out_of_stock"
        )
        assert item["gtin"] and item["gtin"] == data["gtin"] == offer["gtin"]
        assert item["condition"] == "new" and offer["itemCondition"].endswith("NewCondition")
        assert item["shipping"] == [
            (
                detail["shippingDestination"]["addressCountry"],
                f"{detail['shippingRate']['value']} VND",
            )
            for detail in offer["shippingDetails"]
        ]
        # The page's picture, full size (the page shows thumbnails of the same upload).
        product = Product.objects.get(upc=item["id"])
        assert item["image_link"] == "http://testserver" + product.primary_image().original.url
        assert data["image"].startswith("http://testserver/")
    by_id = {item["id"]: item for item in items}
    assert by_id[catalogue["out_of_stock"].upc]["availability"] == "out_of_stock"
    assert by_id[catalogue["sellable"][0].upc]["availability"] == "in_stock"
    # Fresh roots stay in Vietnam: one shipping entry, Vietnam's.
    assert [c for c, _p in by_id[catalogue["fresh"].upc]["shipping"]] == ["VN"]
    assert len(by_id[catalogue["sellable"][1].upc]["shipping"]) > 1


def test_meta_csv_carries_the_same_items(client, catalogue):
    google = {i["id"]: i for i in google_items(client, "/en/feeds/google-VND.xml")}
    response = client.get("/en/feeds/meta-VND.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["id"] for row in rows} == set(google)
    for row in rows:
        item = google[row["id"]]
        assert row["title"] == item["title"]
        assert row["price"] == item["price"]
        assert row["availability"] == item["availability"].replace("_", " ")
        assert row["gtin"] == item["gtin"]
        assert row["link"] == item["link"]
        shipping = []
        index = 0
        while f"shipping[{index}].country" in row:
            if row[f"shipping[{index}].country"]:
                shipping.append(
                    (row[f"shipping[{index}].country"], row[f"shipping[{index}].price"])
                )
            index += 1
        assert shipping == item["shipping"]


def test_a_currency_feed_gives_the_sites_estimate_at_the_kept_rate(client, catalogue):
    rate = usd_rate("25400")
    vnd = {i["id"]: i for i in google_items(client, "/en/feeds/google-VND.xml")}
    usd = google_items(client, "/en/feeds/google-USD.xml")
    assert {i["id"] for i in usd} == set(vnd)
    for item in usd:
        amount = Decimal(vnd[item["id"]]["price"].split()[0])
        expected = rounded(estimate(amount, rate.vnd_per_unit), "USD")
        assert item["price"] == f"{expected} USD"
    # No rate kept: no feed in that currency.
    assert client.get("/en/feeds/google-EUR.xml").status_code == 404


def test_feeds_leave_out_the_categories_a_platform_refuses(client, catalogue, settings):
    first = catalogue["sellable"][0].upc
    supplement = catalogue["supplement"].upc
    ids = {i["id"] for i in google_items(client, "/vi/feeds/google-VND.xml?exclude=sam-kho")}
    assert first not in ids and supplement in ids
    # A subcategory goes with its parent.
    child = catalogue["category"].add_child(name="Sâm thái lát", slug="sam-thai-lat")
    from oscar.core.loading import get_model

    get_model("catalogue", "ProductCategory").objects.create(
        product=catalogue["sellable"][1], category=child
    )
    ids = {i["id"] for i in google_items(client, "/vi/feeds/google-VND.xml?exclude=sam-kho")}
    assert catalogue["sellable"][1].upc not in ids
    ids = {
        i["id"] for i in google_items(client, "/vi/feeds/google-VND.xml?exclude=health-supplements")
    }
    assert supplement not in ids and first in ids
    # A platform's standing refusals, from the settings.
    settings.FEEDS_EXCLUDED_CATEGORIES = {"google": [], "meta": ["health-supplements"]}
    meta = client.get("/vi/feeds/meta-VND.csv").content.decode()
    assert supplement not in meta and first in meta


def test_reading_a_feed_writes_nothing_and_is_served_from_the_cache(client, catalogue):
    for url in ("/vi/feeds/google-VND.xml", "/en/feeds/meta-VND.csv"):
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in cold if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], writes
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url).status_code == 200
        assert len(warm) == 0


def test_a_saved_price_reaches_the_feed_at_once(client, catalogue):
    product = catalogue["sellable"][2]
    before = {i["id"]: i for i in google_items(client, "/vi/feeds/google-VND.xml")}
    assert before[product.upc]["price"] == "1800000 VND"
    record = product.stockrecords.get()
    record.price = Decimal("1750000")
    record.save()
    after = {i["id"]: i for i in google_items(client, "/vi/feeds/google-VND.xml")}
    assert after[product.upc]["price"] == "1750000 VND"


FEED_BUDGET = 20


@pytest.mark.parametrize("url", ["/vi/feeds/google-VND.xml", "/en/feeds/meta-VND.csv"])
def test_feed_queries_stay_flat_as_products_grow(
    client, bilingual_site, django_assert_max_num_queries, url
):
    CategoryFactory(name="Sâm khô", slug="sam-kho")
    counts = []
    for extra in (3, 20):
        for _ in range(extra):
            ProductFactory(stock=2, image=True)
        cache.clear()
        with django_assert_max_num_queries(FEED_BUDGET), CaptureQueriesContext(connection) as q:
            assert client.get(url + "?exclude=sam-kho").status_code == 200
        counts.append(len(q))
    assert counts[0] == counts[1], counts
