"""The read-only JSON API: its OpenAPI document is valid, every response matches it,
pages, limits, no writes and flat query counts."""

from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.factories import ProductFactory
from tests.feeds.helpers import build_catalogue, jsonld_product

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def catalogue(bilingual_site, countries, django_capture_on_commit_callbacks):
    return build_catalogue(django_capture_on_commit_callbacks, count=2)


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def check(spec, response, path, status=None):
    """``response`` is one the document describes for ``path`` (GET), and its body
    validates against that response's schema."""
    status = str(status or response.status_code)
    operation = spec["paths"][path]["get"]
    assert status in operation["responses"], (path, status)
    described = operation["responses"][status]
    schema = described["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    return response.json()


def test_the_openapi_document_is_valid(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {
        "/products/",
        "/products/{id}/",
        "/lots/",
        "/lots/{gtin}/{lot}/",
        "/lots/{gtin}/{lot}/verdict/",
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_response_validates_against_the_document(client, catalogue, spec, language):
    q = f"lang={language}"
    first = check(spec, client.get(f"/api/v1/products/?{q}&page_size=3"), "/products/")
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    second = check(spec, client.get(first["next"]), "/products/")
    assert second["page"] == 2 and second["previous"]
    traced = 0
    for product in first["results"] + second["results"]:
        detail = client.get(f"/api/v1/products/{product['id']}/?{q}")
        assert check(spec, detail, "/products/{id}/") == product
        assert product["url"].startswith(f"http://testserver/{language}/")
        if product["lot"] and traced < 2:
            traced += 1
            lot = client.get(product["lot"]["url"])
            body = check(spec, lot, "/lots/{gtin}/{lot}/")
            verdict = check(spec, client.get(body["verdict_url"]), "/lots/{gtin}/{lot}/verdict/")
            assert verdict["sale"] == body["sale"]
            assert verdict["chain"]["verified"] is True
    assert traced == 2
    lots = check(spec, client.get(f"/api/v1/lots/?{q}&page_size=100"), "/lots/")
    assert lots["count"] == 6 and lots["next"] is None
    # Errors the document names.
    check(spec, client.get("/api/v1/products/999999/"), "/products/{id}/", 404)
    check(spec, client.get("/api/v1/lots/09501101530003/NOPE/"), "/lots/{gtin}/{lot}/", 404)
    check(spec, client.get("/api/v1/lots/123/X/verdict/"), "/lots/{gtin}/{lot}/verdict/", 404)
    check(spec, client.get("/api/v1/products/?page=0"), "/products/", 400)
    check(spec, client.get("/api/v1/products/?page_size=1000"), "/products/", 400)
    check(spec, client.get("/api/v1/lots/?lang=fr"), "/lots/", 400)


def test_the_api_says_what_the_product_page_says(client, catalogue):
    for key in ("out_of_stock", "fresh", "supplement", "untraceable"):
        product = catalogue[key]
        body = client.get(f"/api/v1/products/{product.pk}/?lang=en").json()
        page = jsonld_product(client.get(urlparse(body["url"]).path).content.decode())
        assert body["url"] == page["url"]
        if "offers" in page:
            assert body["price"]["amount"] == int(page["offers"]["price"])
            assert page["offers"]["availability"].endswith(
                "InStock" if body["availability"] == "in_stock" else "OutOfStock"
            )
            assert body["gtin"] == page.get("gtin")
    untraceable = client.get(f"/api/v1/products/{catalogue['untraceable'].pk}/").json()
    assert untraceable["for_sale"] is False and untraceable["lot"] is None
    assert client.get(f"/api/v1/products/{catalogue['supplement'].pk}/").json()["health_supplement"]


def test_too_many_requests_get_429_with_retry_after(client, settings, db):
    settings.API_REQUESTS_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/api/v1/lots/").status_code == 200
    refused = client.get("/api/v1/lots/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    check(spec_after_reset(client), refused, "/lots/", 429)
    # Another address is counted on its own.
    assert client.get("/api/v1/lots/", REMOTE_ADDR="192.0.2.7").status_code == 200


def spec_after_reset(client):
    cache.clear()
    return client.get("/api/v1/openapi.json").json()


def test_reading_the_api_writes_nothing(client, catalogue):
    product = catalogue["sellable"][0]
    lot = client.get(f"/api/v1/products/{product.pk}/").json()["lot"]
    urls = [
        "/api/v1/openapi.json",
        "/api/v1/products/",
        f"/api/v1/products/{product.pk}/",
        "/api/v1/lots/",
        lot["url"],
        lot["url"] + "verdict/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], (url, writes)


API_BUDGET = 16


@pytest.mark.parametrize("url", ["/api/v1/products/?page_size=100", "/api/v1/lots/?page_size=100"])
def test_api_queries_stay_flat_as_products_grow(
    client, bilingual_site, django_assert_max_num_queries, url
):
    counts = []
    for extra in (3, 15):
        for _ in range(extra):
            ProductFactory(stock=2, image=True)
        cache.clear()
        with django_assert_max_num_queries(API_BUDGET), CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        counts.append(len(q))
    assert counts[0] == counts[1], counts
