"""What PostgreSQL full-text search adds to the shared search tests (test_search.py runs
on both backends): typos, and the index rows themselves."""

import pytest

from tests.factories import ProductFactory
from tests.shop.search_engines import search_engine
from tests.shop.test_search import products, titles

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
__all__ = ["search_engine", "products"]


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("slicd ginseg", ["Sliced Lai Châu ginseng"]),  # letters missing
        ("sam lai chaau", ["Sliced Lai Châu ginseng"]),  # a letter too many
        ("specal wine", ["Special ginseng wine"]),
        ("flowrs", ["Flower tea"]),
    ],
)
def test_typos_are_tolerated(client, search_engine, products, query, expected):
    response = client.get("/en/shop/search/", {"q": query})
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_best_match_first_and_pages(client, search_engine, search_index, wagtail_root):
    for n in range(30):
        ProductFactory(stock=1, title_en=f"Dried root {n}", title_vi=f"Rễ khô {n}")
    best = ProductFactory(stock=1, title_en="Sâm Lai Châu root", title_vi="Sâm Lai Châu")
    response = client.get("/vi/shop/search/", {"q": "sam lai chau"})
    assert titles(response)[0] == best.title
    response = client.get("/vi/shop/search/", {"q": "re kho"})
    assert response.context["paginator"].count == 30
    assert len(titles(response)) == 24
    response = client.get("/vi/shop/search/", {"q": "re kho", "page": 2})
    assert len(titles(response)) == 6


def connections_default():
    from haystack import connections

    return connections["default"]


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_saving_and_removing_keep_the_table_in_step(search_engine, search_index, wagtail_root):
    from django.db import connection

    product = ProductFactory(stock=1, title_vi="Cao sâm", title_en="Ginseng extract")

    def rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT content FROM search_document")
            return [row[0] for row in cursor.fetchall()]

    assert len(rows()) == 1 and "cao sam" in rows()[0]
    product.title_vi = "Cao sâm đặc"
    product.save()
    assert "cao sam dac" in rows()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM search_document")
        (identifier,) = cursor.fetchone()
    connections_default().get_backend().remove(identifier)
    assert rows() == []


@pytest.mark.parametrize("search_engine", ["postgres"], indirect=True)
def test_rebuild_fills_the_table_and_drops_stale_rows(
    client, search_engine, products, rebuild_index
):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document")
        cursor.execute(
            "INSERT INTO search_document (id, django_ct, django_id, content, vector, fields) "
            "VALUES ('catalogue.product.999999', 'catalogue.product', '999999', 'gone', "
            "to_tsvector('simple', 'gone'), '{}')"
        )
    rebuild_index()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_document")
        assert cursor.fetchone()[0] == 3
    response = client.get("/vi/shop/search/", {"q": "tra hoa"})
    assert titles(response) == ["Trà hoa"]
