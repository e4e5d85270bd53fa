"""A cooperative downloads its own products in Shopee's basic mass-upload columns."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from feeds.services import SHOPEE_COLUMNS
from tests.factories import ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pictures(request):
    """Shopee refuses a listing without a picture: the cooperatives' products get one."""
    from oscar.core.loading import get_model

    from tests.factories import jpeg_file

    for name in ("coop_a", "coop_b"):
        if name in request.fixturenames:
            product = request.getfixturevalue(name).product
            get_model("catalogue", "ProductImage").objects.create(
                product=product, original=jpeg_file(f"{product.upc}.jpg")
            )


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def url():
    with translation.override("vi"):
        return reverse("dashboard:cooperative-marketplace-csv")


def test_a_cooperative_gets_only_its_own_products_that_can_be_sold(client, coop_a, coop_b):
    own_unsold = ProductFactory(title_vi="Sâm chưa truy xuất")
    StockRecordFactory(product=own_unsold, partner=coop_a.partner, traceable=False)
    client.force_login(coop_a.user)
    rows = rows_of(client.get(url()))
    assert rows[0] == SHOPEE_COLUMNS
    body = rows[1:]
    assert [row[SHOPEE_COLUMNS.index("SKU sản phẩm")] for row in body] == [coop_a.product.upc]
    row = dict(zip(SHOPEE_COLUMNS, body[0], strict=True))
    assert row["Tên sản phẩm"] == coop_a.product.title_vi  # Vietnamese, for Shopee Vietnam
    assert row["Giá"] == str(int(coop_a.stockrecord.price)) == "1000000"
    assert row["Kho hàng"] == "10"
    assert int(row["Cân nặng"]) > 0
    assert "<" not in row["Mô tả sản phẩm"]
    assert coop_b.product.title_vi not in response_text(client)


def response_text(client):
    return client.get(url()).content.decode("utf-8-sig")


def test_staff_get_every_product_and_strangers_get_nothing(client, coop_a, coop_b, admin_user):
    assert client.get(url()).status_code in (302, 403)
    client.force_login(admin_user)
    skus = {row[3] for row in rows_of(client.get(url()))[1:]}
    assert skus == {coop_a.product.upc, coop_b.product.upc}


def test_the_price_is_the_one_the_page_shows(client, coop_a):
    record = coop_a.stockrecord
    record.price = Decimal("1234000")
    record.save()
    client.force_login(coop_a.user)
    rows = rows_of(client.get(url()))
    assert rows[1][SHOPEE_COLUMNS.index("Giá")] == "1234000"
