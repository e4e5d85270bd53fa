"""One buyer cannot hold all the stock: open unpaid orders per buyer and unpaid units
per product are limited, checked before any stock is held."""

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_model

from shop.checkout import services
from shop.order import services as order_services
from shop.order.stock import stock_problems
from tests.factories import ProductFactory, UserFactory
from tests.shop.checkout.helpers import Repository, make_basket, place, vn_address

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.SHOP_MAX_OPEN_ORDERS_PER_BUYER = 3
    settings.SHOP_MAX_UNPAID_UNITS_PER_PRODUCT = 4
    return settings


def allocated(product):
    return StockRecord.objects.get(product=product).num_allocated or 0


def test_one_guest_cannot_hold_the_stock_with_cash_on_delivery(countries, limits):
    """The issue's attack: one guest, cash on delivery, one order after another."""
    product = ProductFactory(stock=6, stock__price=300_000)
    for _ in range(3):
        place(make_basket((product, 1)), method="cod", email="guest@example.com")
    with pytest.raises(services.HoldLimitReached) as caught:
        place(make_basket((product, 1)), method="cod", email="Guest@Example.com ")
    assert "3" in str(caught.value)
    assert Order.objects.count() == 3
    assert allocated(product) == 3  # nothing more held
    assert stock_problems() == []


@pytest.mark.parametrize("same", ["phone", "session", "user"])
def test_same_phone_session_or_account_is_the_same_buyer(countries, limits, same):
    product = ProductFactory(stock=10)
    user = UserFactory() if same == "user" else None

    def order(i):
        phone = "+84912345678" if same == "phone" else f"+8491234560{i}"
        address = vn_address(phone_number=phone)
        basket = make_basket((product, 1), user=user)
        return services.place_order(
            basket,
            user=user or AnonymousUser(),
            shipping_address=address,
            shipping_method=Repository().get_default_shipping_method(basket, shipping_addr=address),
            payment_method="vietqr",
            email=f"buyer{i}@example.com",
            session_key="browser-1" if same == "session" else f"browser-{i}",
        )

    for i in range(3):
        order(i)
    with pytest.raises(services.HoldLimitReached):
        order(3)
    assert Order.objects.count() == 3


def test_paid_and_cancelled_orders_do_not_count(countries, limits):
    product = ProductFactory(stock=10)
    orders = [place(make_basket((product, 1))) for _ in range(3)]
    order_services.mark_order_paid(orders[0])
    order_services.cancel_order(orders[1], reason="test")
    place(make_basket((product, 1)))
    place(make_basket((product, 1)))
    with pytest.raises(services.HoldLimitReached):
        place(make_basket((product, 1)))


def test_unpaid_units_per_product(countries, limits):
    product = ProductFactory(stock=20)
    other = ProductFactory(stock=20)
    place(make_basket((product, 3)))
    with pytest.raises(services.HoldLimitReached) as caught:
        place(make_basket((product, 2), (other, 1)))
    assert product.get_title() in str(caught.value)
    assert allocated(product) == 3 and allocated(other) == 0
    place(make_basket((product, 1), (other, 4)))  # exactly the limit
    with pytest.raises(services.HoldLimitReached):
        place(make_basket((product, 5)), email="someone-else@example.com")  # one order too


def test_checkout_refuses_with_a_translated_message(countries, limits, client):
    from tests.shop.checkout.test_checkout_views import VN_ADDRESS, to_preview

    product = ProductFactory(stock=10)
    for _ in range(3):
        place(make_basket((product, 1)), email="mai@example.vn")
    to_preview(client, "vi", product, VN_ADDRESS, guest_email="mai@example.vn")
    response = client.post(
        "/vi/shop/checkout/preview/",
        {"action": "place_order", "payment_method": "cod"},
        follow=True,
    )
    page = response.content.decode()
    assert "Bạn đã có 3 đơn hàng" in page
    assert Order.objects.count() == 3
    assert allocated(product) == 3
