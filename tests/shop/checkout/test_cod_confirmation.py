"""Cash-on-delivery orders expire unless confirmed (buyer's link or staff after a call);
unpaid transfers are released after SHOP_TRANSFER_WINDOW_HOURS; the order page shows
the deadline (and a countdown from a static script)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order import links
from shop.order import services as order_services
from shop.order.stock import stock_problems
from tests.factories import ProductFactory, UserFactory
from tests.shop.checkout.helpers import make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


@pytest.fixture
def cod_order(countries, django_capture_on_commit_callbacks):
    product = ProductFactory(stock=5, stock__price=400_000)
    with django_capture_on_commit_callbacks(execute=True):
        order = place(make_basket((product, 2)), method="cod", language="en")
    return order, product


def test_cod_order_expires_unless_confirmed(cod_order, settings):
    order, product = cod_order
    hours = settings.SHOP_COD_CONFIRM_HOURS
    assert hours == 24
    expected = order.date_placed + datetime.timedelta(hours=hours)
    assert abs((order.cod_confirm_by - expected).total_seconds()) < 60
    assert order_services.cancel_expired_orders(order.cod_confirm_by - datetime.timedelta(1)) == []

    call_command("cancel_expired_orders", stdout=open("/dev/null", "w"))  # not yet due
    assert Order.objects.get(pk=order.pk).status == "Processing"
    later = order.cod_confirm_by + datetime.timedelta(minutes=1)
    assert order_services.cancel_expired_orders(later) == [order.number]
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert allocated(product) == 0
    assert stock_problems() == []


def test_buyer_confirms_by_link_get_shows_button_post_confirms(cod_order, client):
    order, product = cod_order
    message = mail.outbox[0]
    link = re.search(r"http://\S+/confirm/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200
    assert 'data-action="confirm-cod"' in page.content.decode()
    assert Order.objects.get(pk=order.pk).cod_confirmed_at is None  # GET changes nothing

    response = client.post(path)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.cod_confirmed_at is not None
    assert order.notes.filter(message__icontains="buyer's link").exists()
    later = order.cod_confirm_by + datetime.timedelta(hours=1)
    assert order_services.cancel_expired_orders(later) == []
    assert allocated(product) == 2

    assert client.get(path.replace("/confirm/", "x/confirm/")).status_code == 404
    # The status token is not a confirmation token.
    assert (
        client.post(f"/en/shop/checkout/order/{links.status_token(order)}/confirm/").status_code
        == 404
    )


def test_staff_confirm_by_phone_in_admin(cod_order, client):
    order, _ = cod_order
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(
        "/django-admin/order/order/",
        {"action": "confirm_cod_by_phone", "_selected_action": [order.pk]},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.cod_confirmed_at is not None
    assert order.notes.filter(message__icontains="phone").exists()
    later = order.cod_confirm_by + datetime.timedelta(hours=1)
    assert order_services.cancel_expired_orders(later) == []


def test_order_page_shows_the_deadline_without_inline_script(cod_order, client):
    order, _ = cod_order
    page = client.get(links.status_path(order, "en")).content.decode()
    assert "Please confirm by" in page
    assert "data-countdown" in page and "/static/js/countdown.js" in page
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', page)
    assert 'data-action="confirm-cod"' in page
    section = page[page.index('id="order-payment"') : page.index("<!-- /order-payment -->")]
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", section)  # no inline script


def test_transfer_hold_is_twelve_hours_with_countdown(countries, client, settings):
    assert settings.SHOP_TRANSFER_WINDOW_HOURS == 12
    order = place(make_basket((ProductFactory(stock=2), 1)), language="en")
    hours = (order.payment_due_at - timezone.now()).total_seconds() / 3600
    assert 11.9 < hours <= 12
    page = client.get(links.status_path(order, "en")).content.decode()
    assert "Please pay by" in page and "data-countdown" in page


def test_partly_shipped_cod_order_does_not_expire(countries):
    """A cooperative ships its line of an unconfirmed COD order: the order is on the
    road, so it no longer expires (shipping confirms it)."""
    from tests.cooperatives.conftest import make_coop

    coop = make_coop("charlie", 300_000)
    other = ProductFactory(stock=3)
    order = place(make_basket((coop.product, 1), (other, 1)), method="cod")
    line = order.lines.get(product=coop.product)
    order_services.ship_lines(coop.user, [line], tracking_code="VNP-C1")
    order.refresh_from_db()
    assert order.status == "Processing" and order.cod_confirmed_at is not None
    later = order.cod_confirm_by + datetime.timedelta(hours=1)
    assert order_services.cancel_expired_orders(later) == []
