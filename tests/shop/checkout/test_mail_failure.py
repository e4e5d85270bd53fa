"""Order e-mails go through the e-mail task once the order has committed: a mail server
that fails never turns a placed order into an error page, nor undoes it."""

import logging

import pytest
from oscar.core.loading import get_model

from tests.factories import ProductFactory
from tests.shop.checkout.test_checkout_views import VN_ADDRESS, to_preview

Order = get_model("order", "Order")


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_does_not_fail_or_undo_a_placed_order(
    countries, client, settings, mailoutbox, caplog
):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"
    product = ProductFactory(stock=4, stock__price=800_000)
    to_preview(client, "vi", product, VN_ADDRESS, guest_email="mai@example.vn")
    with caplog.at_level(logging.WARNING, logger="core.mail"):
        response = client.post(
            "/vi/shop/checkout/preview/", {"action": "place_order", "payment_method": "cod"}
        )
    assert response.status_code == 302 and "/vi/shop/checkout/order/" in response["Location"]
    order = Order.objects.get()
    assert order.email == "mai@example.vn"
    assert client.get(response["Location"]).status_code == 200
    assert mailoutbox == []
    assert "shop.order.emails.order_email" in caplog.text
