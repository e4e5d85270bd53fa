"""One page per order, the international bank transfer and its proforma invoice, the
policy links at checkout, and the query budgets of the review and order pages."""

import pytest
from django.test import override_settings
from oscar.core.loading import get_model

from payments.models import Payment
from shop.checkout import services
from shop.order import links
from tests.factories import ProductFactory
from tests.shop.checkout.test_checkout_views import DE_ADDRESS, VN_ADDRESS, to_preview

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db

# Oscar's price strategy and the shipping weight read a few rows per basket line (stock
# record, lot, weight): bounded per line; the page itself adds nothing per line.
REVIEW_BUDGET = 12
REVIEW_PER_LINE = 5
ORDER_PAGE_BUDGET = 10


def place(client, lang, method, address, email="buyer@example.org", quantity=1):
    product = ProductFactory(stock=5, stock__price=700_000)
    to_preview(client, lang, product, address, guest_email=email, quantity=quantity)
    response = client.post(
        f"/{lang}/shop/checkout/preview/", {"action": "place_order", "payment_method": method}
    )
    assert response.status_code == 302, response.content[:3000]
    return Order.objects.get(), response["Location"]


def test_a_guest_gives_the_email_on_the_delivery_page(countries, client):
    product = ProductFactory(stock=2)
    client.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1})
    gateway = client.get("/vi/shop/checkout/")
    assert gateway.status_code == 302 and gateway["Location"].endswith("/shipping-address/")
    page = client.get("/vi/shop/checkout/shipping-address/").content.decode()
    assert 'name="email"' in page and "Địa chỉ giao hàng" in page
    assert "site-header" in page and "lang-switch" in page
    missing = client.post("/vi/shop/checkout/shipping-address/", VN_ADDRESS)
    assert "email" in missing.context["form"].errors
    done = client.post(
        "/vi/shop/checkout/shipping-address/", {**VN_ADDRESS, "email": "mai@example.vn"}
    )
    assert done.status_code == 302
    review = client.get("/vi/shop/checkout/shipping-method/", follow=True)
    assert review.redirect_chain[-1][0].endswith("/checkout/preview/")
    html = review.content.decode()
    assert "mai@example.vn" in html and "Xem lại và thanh toán" in html
    assert "<title>Xem lại và thanh toán | Sâm Lai Châu</title>" in html


def test_thank_you_is_the_order_page(countries, client):
    order, location = place(client, "vi", "vietqr", VN_ADDRESS)
    assert "/vi/shop/checkout/order/" in location
    again = client.get("/vi/shop/checkout/thank-you/")
    # The same order's page (its signed token carries a timestamp, so compare the order).
    assert again.status_code == 302
    token = again["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert again["Location"].startswith("/vi/shop/checkout/order/")
    assert links.number_from_token(token) == order.number
    html = client.get(location).content.decode()
    assert "Cảm ơn bạn!" in html  # just placed, in this session
    assert "anon-order" not in html and "email_address" not in html
    assert html.count("<h1") == 1 and f"Đơn hàng {order.number}" in html


def test_foreign_buyer_gets_the_international_transfer_and_a_proforma(countries, client):
    preview = to_preview(client, "en", ProductFactory(stock=3), DE_ADDRESS, guest_email="a@b.de")
    html = preview.content.decode()
    assert html.index('value="intl_transfer"') < html.index('value="vietqr"')
    assert 'value="cod"' not in html
    client.post("/en/shop/checkout/preview/", {"action": "place_order"})  # nothing chosen
    response = client.post(
        "/en/shop/checkout/preview/", {"action": "place_order", "payment_method": "intl_transfer"}
    )
    order = Order.objects.get()
    payment = Payment.objects.get(reference=order.number)
    assert payment.method == "intl_transfer" and payment.amount == int(order.total_incl_tax)
    hours = (order.payment_due_at - order.date_placed).total_seconds() / 3600
    assert 7 * 24 - 1 < hours < 7 * 24 + 1
    page = client.get(response["Location"]).content.decode()
    assert "BFTVVNVX" in page and f"SLC{order.number}" in page and "OUR" in page
    proforma_url = response["Location"] + "proforma/"
    assert proforma_url in page
    proforma = client.get(proforma_url).content.decode()
    assert f"PF-{order.number}" in proforma and "BFTVVNVX" in proforma
    assert "Anna" in proforma and "Hauptstraße 5" in proforma
    in_vietnamese = client.get(proforma_url.replace("/en/", "/vi/", 1)).content.decode()
    assert "Hoá đơn chiếu lệ" in in_vietnamese and "Mã SWIFT/BIC" in in_vietnamese


def test_proforma_only_for_an_international_transfer(countries, client):
    _, location = place(client, "vi", "vietqr", VN_ADDRESS)
    assert client.get(location + "proforma/").status_code == 404
    assert client.get("/en/shop/checkout/order/forged/proforma/").status_code == 404


def test_international_transfer_is_off_without_an_account(settings):
    settings.INTL_BANK_ACCOUNT = ""
    assert "intl_transfer" not in services.available_payment_methods(country_code="DE", total=1)
    settings.INTL_BANK_ACCOUNT = "123"
    assert services.available_payment_methods(country_code="DE", total=1)[0] == "intl_transfer"
    assert "intl_transfer" not in services.available_payment_methods(country_code="VN", total=1)


def test_production_settings_have_no_demo_bank_account(monkeypatch):
    import importlib

    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from config.settings import base

    try:
        reloaded = importlib.reload(base)
        assert reloaded.INTL_BANK_ACCOUNT == "" and reloaded.INTL_BANK_SWIFT == ""
    finally:
        monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.test")
        importlib.reload(base)


def test_checkout_links_the_terms_and_policies(countries, client, bilingual_site):
    from cms import models as cms
    from cms.services import add_child_page

    home = bilingual_site["home"]
    for slug, title in [("dieu-khoan", "Điều khoản mua hàng"), ("doi-tra", "Đổi trả")]:
        add_child_page(home, cms.StandardPage(title=title, slug=slug))
    html = to_preview(client, "vi", ProductFactory(stock=2), VN_ADDRESS, guest_email="x@y.vn")
    html = html.content.decode()
    assert 'href="/vi/dieu-khoan/"' in html and "điều khoản mua hàng" in html
    assert 'href="/vi/doi-tra/"' in html
    footer = client.get("/vi/").content.decode()
    assert 'data-policy="returns"' in footer and 'data-policy="terms"' in footer


@override_settings(DEBUG=False)
def test_query_budgets_review_and_order_page(countries, client, django_assert_max_num_queries):
    # The same budget with one line and with five: nothing grows with the basket.
    for lines in (1, 5):
        client.cookies.clear()
        Order.objects.all().delete()
        products = [ProductFactory(stock=5, stock__price=100_000) for _ in range(lines)]
        for product in products[1:]:
            client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
        to_preview(client, "en", products[0], VN_ADDRESS, guest_email="q@example.vn")
        client.get("/en/shop/checkout/preview/")  # warm-up
        with django_assert_max_num_queries(REVIEW_BUDGET + REVIEW_PER_LINE * lines):
            assert client.get("/en/shop/checkout/preview/").status_code == 200
        response = client.post(
            "/en/shop/checkout/preview/", {"action": "place_order", "payment_method": "vietqr"}
        )
        client.get(response["Location"])
        with django_assert_max_num_queries(ORDER_PAGE_BUDGET):
            assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_breadcrumb_home_and_continue_shopping_go_to_the_language_home(client, lang, search_index):
    ProductFactory(stock=2)
    catalogue = client.get(f"/{lang}/shop/catalogue/").content.decode()
    assert f'<a href="/{lang}/">' in catalogue and '<a href="/">' not in catalogue
    basket = client.get(f"/{lang}/shop/basket/").content.decode()
    assert f'href="/{lang}/"' in basket and 'href="/"' not in basket


def test_wish_list_says_what_to_do_without_hovering(client):
    product = ProductFactory(stock=2)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Please login to add products" not in page  # no tooltip-only button
    assert "Đăng nhập để lưu sản phẩm vào danh sách yêu thích" in page


def test_home_title_names_the_site_once(client, bilingual_site):
    # As in the demo: the home pages are called by the site's name.
    for key in ("home", "home_en"):
        home = bilingual_site[key]
        home.title = "Sâm Lai Châu"
        home.save_revision().publish()
    for lang in ("vi", "en"):
        html = client.get(f"/{lang}/").content.decode()
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title.count("Sâm Lai Châu") == 1, title


def test_a_customer_delivers_to_a_saved_address(countries, client):
    from tests.factories import UserFactory

    UserAddress = get_model("address", "UserAddress")
    Country = get_model("address", "Country")
    user = UserFactory(email="minh@example.vn")
    address = UserAddress.objects.create(
        user=user,
        first_name="Minh",
        last_name="Lò",
        line1="Bản Sì Choang",
        line4="Xã Sì Lở Lầu",
        state="Lai Châu",
        country=Country.objects.get(pk="VN"),
    )
    client.force_login(user)
    client.post(f"/vi/shop/basket/add/{ProductFactory(stock=2).pk}/", {"quantity": 1})
    page = client.get("/vi/shop/checkout/shipping-address/").content.decode()
    assert "Địa chỉ đã lưu" in page and "Giao tới địa chỉ này" in page
    assert 'name="email"' not in page  # the account's e-mail is used
    response = client.post(
        "/vi/shop/checkout/shipping-address/", {"action": "ship_to", "address_id": address.pk}
    )
    assert response.status_code == 302
    review = client.get("/vi/shop/checkout/shipping-method/", follow=True)
    assert review.redirect_chain[-1][0].endswith("/checkout/preview/")
    assert "Bản Sì Choang" in review.content.decode()


def test_the_account_opens_the_one_order_page_of_its_own_orders_only(countries, client):
    from tests.factories import UserFactory

    owner, other = UserFactory(email="chu@example.vn"), UserFactory(email="khac@example.vn")
    client.force_login(owner)
    to_preview(client, "vi", ProductFactory(stock=2), VN_ADDRESS)
    client.post("/vi/shop/checkout/preview/", {"action": "place_order", "payment_method": "cod"})
    order = Order.objects.get()
    listing = client.get("/vi/shop/accounts/orders/").content.decode()
    assert links.status_path(order, "vi").rsplit("/", 2)[0] in listing  # the one page
    assert "Đang chuẩn bị (thanh toán khi nhận hàng)" in listing
    assert "Processing" not in listing and "Num items" not in listing
    for lang in ("vi", "en"):
        response = client.get(f"/{lang}/shop/accounts/orders/{order.number}/")
        assert response.status_code == 302
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        assert response["Location"].startswith(f"/{lang}/shop/checkout/order/")
        assert links.number_from_token(token) == order.number
    page = client.get(f"/en/shop/accounts/orders/{order.number}/", follow=True)
    assert "Being prepared (cash on delivery)" in page.content.decode()

    client.force_login(other)
    assert client.get(f"/vi/shop/accounts/orders/{order.number}/").status_code == 404
    assert client.get("/vi/shop/accounts/orders/no-such-order/").status_code == 404
    client.logout()
    response = client.get(f"/vi/shop/accounts/orders/{order.number}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_oscars_old_guest_links_open_the_order_page(countries, client):
    order, _location = place(client, "en", "vietqr", VN_ADDRESS)
    hash_ = order.verification_hash()
    for kind in ("order-status", "order-status-form"):
        response = client.get(f"/en/shop/accounts/{kind}/{order.number}/{hash_}/")
        assert response.status_code == 302
        assert response["Location"].startswith("/en/shop/checkout/order/")
        forged = client.get(f"/en/shop/accounts/{kind}/{order.number}/{hash_}x/")
        assert forged.status_code == 404
