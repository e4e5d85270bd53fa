"""Building baskets and placing orders in tests, without going through the browser."""

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
Repository = get_class("shipping.repository", "Repository")


def make_basket(*items, user=None):
    """``make_basket((product, 2), (other, 1))``: an open basket with those lines."""
    basket = Basket.objects.create(owner=user if user and user.is_authenticated else None)
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def load_basket(pk):
    basket = Basket.objects.get(pk=pk)
    basket.strategy = Selector().strategy()
    return basket


def vn_address(**fields):
    data = {
        "first_name": "Lò Văn",
        "last_name": "Sâm",
        "line1": "12 Trần Phú",
        "line4": "Phường Tân Phong",
        "state": "Lai Châu",
        "country_id": "VN",
    }
    data.update(fields)
    return ShippingAddress(**data)


def foreign_address(**fields):
    data = {
        "first_name": "Anna",
        "last_name": "Schmidt",
        "line1": "Hauptstraße 5",
        "line4": "Berlin",
        "postcode": "10115",
        "country_id": "DE",
    }
    data.update(fields)
    return ShippingAddress(**data)


def place(
    basket, *, method="vietqr", address=None, email="buyer@example.com", language="vi", user=None
):
    from shop.checkout.services import place_order

    address = address if address is not None else vn_address()
    shipping = Repository().get_default_shipping_method(basket, shipping_addr=address)
    return place_order(
        basket,
        user=user or AnonymousUser(),
        shipping_address=address,
        shipping_method=shipping,
        payment_method=method,
        email=email,
        language=language,
    )
