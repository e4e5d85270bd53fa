"""Two buyers end to end in Chromium: a domestic guest paying by VietQR (Vietnamese) and
a foreign guest paying by card through a fake Stripe page and a signed webhook (English).

Browser fixtures (``page``, launch args) come from tests/browser/conftest.py (the lead's).
"""

import re

import pytest
from oscar.core.loading import get_model

from tests.conftest import ensure_wagtail_tree
from tests.factories import ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop_ready(transactional_db):
    from shop.address.countries import ensure_countries

    ensure_wagtail_tree()
    ensure_countries()


@pytest.fixture
def stripe_fake(settings, live_server):
    from tests.payments.fake_stripe import FakeStripe

    fake = FakeStripe("whsec_browser").start()
    fake.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
    settings.STRIPE_API_BASE = fake.base
    yield fake
    fake.stop()


def add_to_basket_and_checkout(page, live_server, lang, product, email):
    page.goto(f"{live_server.url}/{lang}/shop/catalogue/{product.slug}_{product.pk}/")
    page.locator("#add_to_basket_form [type=submit]").click()
    page.goto(f"{live_server.url}/{lang}/shop/checkout/")
    # A guest gives the e-mail on the delivery page itself.
    page.wait_for_url(re.compile(r"/checkout/shipping-address/"))
    page.fill("#id_email", email)


def fill_address(page, **fields):
    page.select_option("#id_country", fields.pop("country"))
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.locator("form:has(#id_line1) [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/checkout/preview/"))


def test_domestic_buyer_pays_by_vietqr(page, live_server, shop_ready):
    product = ProductFactory(stock=2, stock__price=1_250_000)
    add_to_basket_and_checkout(page, live_server, "vi", product, "mai@example.vn")
    fill_address(
        page,
        country="VN",
        first_name="Lò Thị",
        last_name="Mai",
        state="Lai Châu",
        line4="Xã Sì Lở Lầu",
        line1="Bản Sì Choang",
    )
    page.check("input[name=payment_method][value=vietqr]")
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/vi/shop/checkout/order/[^/]+/$"))
    order = Order.objects.get()
    qr = page.locator(".vietqr-code svg")
    assert qr.count() == 1
    assert page.locator("[data-field=message]").inner_text().strip() == f"SLC{order.number}"
    # 1.250.000 ₫ + 30.000 ₫ domestic shipping (under the free-shipping threshold)
    assert "1.280.000 ₫" in page.locator("[data-field=amount]").inner_text()
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_foreign_buyer_pays_by_card_in_english(page, live_server, shop_ready, stripe_fake):
    product = ProductFactory(stock=2, stock__price=3_000_000)
    add_to_basket_and_checkout(page, live_server, "en", product, "anna@example.de")
    fill_address(
        page,
        country="DE",
        first_name="Anna",
        last_name="Schmidt",
        line4="Berlin",
        line1="Hauptstraße 5",
        postcode="10115",
    )
    assert page.locator("input[name=payment_method][value=cod]").count() == 0
    page.check("input[name=payment_method][value=card]")
    page.click("#place-order")
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/pay/cs_test_"))
    assert Order.objects.get().status == "Pending payment"  # nothing paid yet
    page.click("#pay")
    page.wait_for_url(re.compile(r"/en/shop/checkout/order/"))
    order = Order.objects.get()
    assert order.status == "Paid"
    assert page.locator("[data-field=order-status]").inner_text().strip() == "Paid"
