"""The checkout through HTTP, as a guest and as a customer, in Vietnamese and English."""

import re

import pytest
from django.core import mail
from oscar.core.loading import get_model

from payments.models import ExchangeRate, Payment
from tests.factories import ProductFactory, UserFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

VN_ADDRESS = {
    "first_name": "Lò Thị",
    "last_name": "Mai",
    "country": "VN",
    "state": "Lai Châu",
    "line4": "Xã Sì Lở Lầu",
    "line1": "Bản Sì Choang",
    "postcode": "",
    "phone_number": "",
}
DE_ADDRESS = {
    "first_name": "Anna",
    "last_name": "Schmidt",
    "country": "DE",
    "state": "",
    "line4": "Berlin",
    "line1": "Hauptstraße 5",
    "postcode": "10115",
    "phone_number": "",
}


def to_preview(client, lang, product, address, guest_email=None, quantity=1):
    shop = f"/{lang}/shop"
    response = client.post(f"{shop}/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302
    if guest_email:
        response = client.post(
            f"{shop}/checkout/", {"username": guest_email, "options": "anonymous"}
        )
        assert response.status_code == 302, response.content[:2000]
    response = client.post(f"{shop}/checkout/shipping-address/", address)
    assert response.status_code == 302, response.context["form"].errors
    response = client.get(f"{shop}/checkout/shipping-method/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/checkout/preview/")
    return response


def test_guest_pays_by_vietqr_in_vietnamese(countries, client, django_capture_on_commit_callbacks):
    product = ProductFactory(stock=4, stock__price=800_000)
    preview = to_preview(client, "vi", product, VN_ADDRESS, guest_email="mai@example.vn")
    html = preview.content.decode()
    assert 'value="vietqr"' in html and 'value="cod"' in html
    assert 'value="card"' not in html  # no Stripe keys in tests: hidden, not broken
    assert "800.000 ₫" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/shop/checkout/preview/", {"action": "place_order", "payment_method": "vietqr"}
        )
    assert response.status_code == 302 and "/vi/shop/checkout/order/" in response["Location"]
    order = Order.objects.get()
    assert order.language == "vi" and order.email == "mai@example.vn"
    assert order.shipping_address.state == "Lai Châu"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "A000000727" in page
    assert f"SLC{order.number}" in page
    assert StockRecord.objects.get(product=product).num_allocated == 1

    # The signed link in the e-mail opens the status page for a guest.
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/vi/shop/checkout/order/\S+/", mail.outbox[0].body).group(0)
    status = client.get(link.split("8000", 1)[-1])
    assert status.status_code == 200 and order.number in status.content.decode()
    assert client.get("/vi/shop/checkout/order/forged-token/").status_code == 404


def test_customer_orders_in_english_cash_on_delivery(
    countries, client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="minh@example.vn")
    client.force_login(user)
    product = ProductFactory(stock=2, stock__price=300_000)
    to_preview(client, "en", product, VN_ADDRESS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/shop/checkout/preview/", {"action": "place_order", "payment_method": "cod"}
        )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.user == user and order.status == "Processing" and order.language == "en"
    assert "Your order" in mail.outbox[0].subject
    orders_page = client.get("/en/shop/accounts/orders/")
    assert orders_page.status_code == 200 and order.number in orders_page.content.decode()


def test_foreign_address_has_no_cash_on_delivery_and_shows_import_note(countries, client):
    product = ProductFactory(stock=2)
    preview = to_preview(client, "en", product, DE_ADDRESS, guest_email="anna@example.de")
    html = preview.content.decode()
    assert 'value="cod"' not in html
    response = client.post(
        "/en/shop/checkout/preview/", {"action": "place_order", "payment_method": "cod"}
    )
    assert response.status_code == 200  # form error, no order
    assert Order.objects.count() == 0


def test_vietnamese_postcode_must_have_five_digits(countries, client):
    product = ProductFactory(stock=2)
    client.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/vi/shop/checkout/", {"username": "a@b.vn", "options": "anonymous"})
    response = client.post(
        "/vi/shop/checkout/shipping-address/", {**VN_ADDRESS, "postcode": "390000"}
    )
    assert response.status_code == 200
    assert "postcode" in response.context["form"].errors
    response = client.post(
        "/vi/shop/checkout/shipping-address/", {**VN_ADDRESS, "postcode": "39000"}
    )
    assert response.status_code == 302


def test_losing_the_race_shows_what_is_left_and_charges_nothing(countries, client, monkeypatch):
    from shop.checkout.views import PaymentDetailsView

    product = ProductFactory(stock=3)
    to_preview(client, "en", product, VN_ADDRESS, guest_email="late@example.com", quantity=3)
    # Oscar's basket check ran before another buyer committed; only our lock sees it.
    monkeypatch.setattr(PaymentDetailsView, "check_basket_is_valid", lambda self, request: None)
    StockRecord.objects.filter(product=product).update(num_allocated=2)
    response = client.post(
        "/en/shop/checkout/preview/",
        {"action": "place_order", "payment_method": "vietqr"},
        follow=True,
    )
    assert Order.objects.count() == 0 and Payment.objects.count() == 0
    html = response.content.decode()
    assert "only 1 of" in html
    basket = response.context["basket"]
    assert [line.quantity for line in basket.all_lines()] == [1]


def test_double_click_place_order_makes_one_order(countries, client):
    product = ProductFactory(stock=5)
    to_preview(client, "vi", product, VN_ADDRESS, guest_email="x@example.vn")
    data = {"action": "place_order", "payment_method": "vietqr"}
    first = client.post("/vi/shop/checkout/preview/", data)
    second = client.post("/vi/shop/checkout/preview/", data)
    assert first.status_code == 302 and second.status_code == 302
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_estimates_in_other_currencies(countries, client):
    ExchangeRate.objects.create(currency="USD", vnd_per_unit=25_000)
    product = ProductFactory(stock=2, stock__price=500_000)
    to_preview(client, "en", product, VN_ADDRESS, guest_email="e@example.com")
    client.post(
        "/en/shop/checkout/currency/", {"currency": "USD", "next": "/en/shop/checkout/preview/"}
    )
    html = client.get("/en/shop/checkout/preview/").content.decode()
    assert 'data-currency="USD"' in html and "estimate" in html
    assert "$21.20" in html  # (500,000 + 30,000 shipping) / 25,000


def test_basket_shows_estimate_and_customer_order_page_links_status(countries, client):
    ExchangeRate.objects.create(currency="JPY", vnd_per_unit=170)
    user = UserFactory(email="khach@example.vn")
    client.force_login(user)
    product = ProductFactory(stock=2, stock__price=340_000)
    client.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/vi/shop/checkout/currency/", {"currency": "JPY", "next": "/vi/shop/basket/"})
    basket_html = client.get("/vi/shop/basket/").content.decode()
    assert 'data-currency="JPY"' in basket_html and 'id="display-currency"' in basket_html
    to_preview(client, "vi", ProductFactory(stock=1), VN_ADDRESS)
    client.post("/vi/shop/checkout/preview/", {"action": "place_order", "payment_method": "vietqr"})
    order = Order.objects.get()
    response = client.get(f"/vi/shop/accounts/orders/{order.number}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/vi/shop/checkout/order/")


def test_foreign_address_follows_its_country_rules(countries, client):
    product = ProductFactory(stock=2)
    client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/en/shop/checkout/", {"username": "a@b.de", "options": "anonymous"})
    url = "/en/shop/checkout/shipping-address/"
    missing = client.post(url, {**DE_ADDRESS, "postcode": ""})
    assert "postcode" in missing.context["form"].errors
    wrong = client.post(url, {**DE_ADDRESS, "postcode": "1011"})
    assert "postcode" in wrong.context["form"].errors
    assert client.post(url, DE_ADDRESS).status_code == 302
