"""A mixed order: each cooperative sees and ships only its own lines; the buyer sees
both shipments; sales come from the same rule."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.money import format_vnd
from shop.order import services
from tests.cooperatives.conftest import line_of


def detail_url(order):
    with translation.override("en"):
        return reverse("dashboard:order-detail", kwargs={"number": order.number})


@pytest.mark.django_db
def test_each_cooperative_sees_only_its_lines(client, coop_a, coop_b, mixed_order):
    client.force_login(coop_a.user)
    page = client.get(detail_url(mixed_order)).content.decode()
    assert "alpha" in page
    assert "bravo" not in page
    assert format_vnd(line_of(mixed_order, coop_b).line_price_incl_tax) not in page
    assert format_vnd(mixed_order.total_incl_tax) not in page
    # What is needed to ship: name, address.
    address = mixed_order.shipping_address
    assert address.line1 in page and address.line4 in page
    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert mixed_order.number in listing
    assert "bravo" not in listing
    assert format_vnd(mixed_order.total_incl_tax) not in listing


@pytest.mark.django_db
def test_each_cooperative_ships_its_own_lines(
    client, coop_a, coop_b, mixed_order, mailoutbox, django_capture_on_commit_callbacks
):
    a_line, b_line = line_of(mixed_order, coop_a), line_of(mixed_order, coop_b)
    client.force_login(coop_a.user)
    # A cannot ship B's line, through the form or the service.
    client.post(detail_url(mixed_order), {"lines": [b_line.pk], "tracking_code": "X1"})
    b_line.refresh_from_db()
    assert b_line.status == "Paid"
    with pytest.raises(services.NotYourLineError):
        services.ship_lines(coop_a.user, [b_line], tracking_code="X1")

    stock_before = coop_a.stockrecord.num_in_stock
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(mixed_order),
            {"lines": [a_line.pk], "tracking_code": "VNP-A1", "carrier": "VNPost"},
        )
    assert response.status_code == 302
    a_line.refresh_from_db()
    mixed_order.refresh_from_db()
    coop_a.stockrecord.refresh_from_db()
    assert a_line.status == "Shipped"
    assert coop_a.stockrecord.num_in_stock == stock_before - 1
    assert coop_a.stockrecord.num_allocated == 0
    assert mixed_order.status == "Paid"  # B's line still waits
    assert not [m for m in mailoutbox if "ship" in m.subject.lower() or "giao" in m.subject]
    with pytest.raises(services.OrderStateError):
        services.ship_lines(coop_a.user, [a_line], tracking_code="again")

    with django_capture_on_commit_callbacks(execute=True):
        services.ship_lines(coop_b.user, [b_line], tracking_code="GHN-B2", carrier="GHN")
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Shipped"
    assert len(mailoutbox) == 1
    assert "VNP-A1" in mailoutbox[0].body and "GHN-B2" in mailoutbox[0].body

    # The buyer sees both shipments on the order's status page.
    from shop.order.links import status_path

    page = client.get(status_path(mixed_order, "en")).content.decode()
    assert "VNP-A1" in page and "GHN-B2" in page
    assert page.count('data-shipment="') == 2


@pytest.mark.django_db
def test_sales_report_and_csv_show_only_own_lines(client, coop_a, coop_b, mixed_order):
    client.force_login(coop_a.user)
    with translation.override("en"):
        url = reverse("dashboard:cooperative-sales")
    page = client.get(url).content.decode()
    assert "alpha" in page and "bravo" not in page
    csv = client.get(url, {"format": "csv"}).content.decode()
    rows = csv.strip().splitlines()
    assert rows[0].startswith("month,sku")
    assert len(rows) == 2
    assert "alpha" in rows[1] and rows[1].endswith(",1,1000000")
    client.force_login(coop_b.user)
    csv_b = client.get(url, {"format": "csv"}).content.decode()
    assert "bravo" in csv_b and "alpha" not in csv_b


@pytest.mark.django_db
def test_signed_in_buyer_sees_both_shipments(client, coop_a, coop_b, countries, wagtail_root):
    from tests.factories import UserFactory
    from tests.shop.checkout.helpers import make_basket, place

    buyer = UserFactory(email="buyer@example.com")
    order = place(make_basket((coop_a.product, 1), (coop_b.product, 1), user=buyer), user=buyer)
    services.mark_order_paid(order)
    services.ship_lines(coop_a.user, [line_of(order, coop_a)], tracking_code="VNP-A9")
    services.ship_lines(coop_b.user, [line_of(order, coop_b)], tracking_code="GHN-B9")
    client.force_login(buyer)
    with translation.override("en"):
        url = reverse("customer:order", kwargs={"order_number": order.number})
    page = client.get(url, follow=True).content.decode()  # to the one order page
    assert "VNP-A9" in page and "GHN-B9" in page
