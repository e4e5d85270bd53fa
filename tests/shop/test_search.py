import pytest

from tests.factories import ProductFactory
from tests.shop.search_engines import search_engine

# Every test here runs on Whoosh and on PostgreSQL full-text search.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]
__all__ = ["search_engine"]


@pytest.fixture
def products(search_index, wagtail_root):
    ProductFactory(
        stock=5,
        title_vi="Sâm Lai Châu thái lát",
        title_en="Sliced Lai Châu ginseng",
        description_vi="<p>Sấy lạnh ở Sì Lở Lầu</p>",
        description_en="<p>Cold-dried in Sì Lở Lầu</p>",
    )
    ProductFactory(
        stock=5,
        title_vi="Rượu sâm Đặc biệt",
        title_en="Special ginseng wine",
        description_vi="<p>Rượu ngô</p>",
        description_en="<p>Corn liquor</p>",
    )
    ProductFactory(
        stock=5,
        title_vi="Trà hoa",
        title_en="Flower tea",
        description_vi="<p>Hoa sấy</p>",
        description_en="<p>Dried flowers</p>",
    )


def titles(response):
    return [result.object.title for result in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("vi", "sam lai chau", "Sâm Lai Châu thái lát"),
        ("vi", "Sâm Lai Châu", "Sâm Lai Châu thái lát"),
        ("vi", "SAM LAI CHAU", "Sâm Lai Châu thái lát"),
        ("vi", "ruou dac biet", "Rượu sâm Đặc biệt"),
        ("vi", "si lo lau", "Sâm Lai Châu thái lát"),
        ("en", "wine", "Special ginseng wine"),
        ("en", "sliced ginseng", "Sliced Lai Châu ginseng"),
        ("en", "sam lai chau", "Sliced Lai Châu ginseng"),
    ],
)
def test_search_in_both_languages_with_or_without_diacritics(
    client, products, language, query, expected
):
    response = client.get(f"/{language}/shop/search/", {"q": query})
    assert response.status_code == 200
    found = titles(response)
    assert expected in found
    assert "Trà hoa" not in found and "Flower tea" not in found


def test_search_with_no_match_says_so(client, products):
    response = client.get("/vi/shop/search/", {"q": "xyzzy"})
    assert response.status_code == 200
    assert titles(response) == []


def test_browse_lists_every_public_product(client, products):
    ProductFactory(stock=1, is_public=False, title_vi="Ẩn", title_en="Hidden")
    response = client.get("/vi/shop/catalogue/")
    assert response.status_code == 200
    found = titles(response)
    assert len(found) == 3
    assert "Ẩn" not in found


def test_category_page_lists_its_products(client, products):
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Product = get_model("catalogue", "Product")
    category = Category.add_root(name_vi="Sâm khô", name_en="Dried", slug="sam-kho")
    product = Product.objects.get(title_vi="Trà hoa")
    ProductCategory.objects.create(product=product, category=category)
    product.save()  # reindex with its category
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert titles(response) == ["Trà hoa"]


def _index_entry_for_a_missing_row(search_index, product, pk):
    """An index entry whose product row no longer exists (a restore from backup, a raw
    fix, a rolled-back transaction the index did not see)."""
    from haystack import connections

    index = connections["default"].get_unified_index().get_index(type(product))
    product.pk = product.id = pk
    search_index.update(index, [product])


@pytest.mark.parametrize("path", ["/vi/shop/catalogue/", "/en/shop/search/?q=ginseng"])
def test_an_index_entry_whose_product_is_gone_is_left_out_not_a_500(
    client, search_index, wagtail_root, path
):
    kept = [ProductFactory(stock=5, title_en=f"Dried ginseng {n}") for n in range(3)]
    for pk in range(10**6, 10**6 + 30):  # more than a page of them
        copy = type(kept[0]).objects.get(pk=kept[0].pk)
        _index_entry_for_a_missing_row(search_index, copy, pk)

    response = client.get(path)

    assert response.status_code == 200
    shown = {result.object.pk for result in response.context["page_obj"].object_list}
    assert shown == {product.pk for product in kept}
