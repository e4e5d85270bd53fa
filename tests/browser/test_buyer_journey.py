"""The buyer's journey at phone and desktop size, in both languages: home → search →
product → basket → checkout → the order's one page (cash on delivery on the phone, VietQR
on the desktop); and a foreign buyer paying by international bank transfer with a
proforma invoice. Every page fits its screen (tests/browser/helpers.py: no sideways
scroll, no link or button cut off). Screenshots go to /tmp/shots/ (looked at by eye).
"""

import os
import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.helpers import overflow
from tests.factories import ProductFactory

Order = get_model("order", "Order")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SHOTS_DIR", "/tmp/shots")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def catalogue(browser_site):
    from shop.address.countries import ensure_countries

    ensure_countries()
    for n in range(6):
        ProductFactory(
            stock=4,
            stock__price=450_000 + n * 10_000,
            title_vi=f"Rượu sâm Lai Châu số {n + 1}",
            title_en=f"Lai Châu ginseng wine no. {n + 1}",
        )
    return browser_site


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_catalogue_buttons_visible_and_two_columns_on_a_phone(page, live_server, catalogue, size):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{live_server.url}/vi/shop/catalogue/")
    shot(page, f"catalogue-{size}-vi")
    pods = page.locator(".product_pod")
    buttons = page.locator(".product_pod form [type=submit]")
    expect(buttons.first).to_be_visible()
    # Each button lies inside its own card and is not covered by anything.
    for i in range(min(buttons.count(), 4)):
        button = buttons.nth(i)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        pod = pods.nth(i).bounding_box()
        assert box["y"] + box["height"] <= pod["y"] + pod["height"] + 1
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('button')?.outerHTML || ''",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert "submit" in hit
    first, second = pods.nth(0).bounding_box(), pods.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2, "two cards side by side"
    if size == "phone":
        assert first["width"] < PHONE["width"] / 2
    page.goto(f"{live_server.url}/en/shop/search/?q=ginseng")
    shot(page, f"search-{size}-en")
    expect(page.locator(".product_pod form [type=submit]").first).to_be_visible()


POLICIES = [
    ("van-chuyen", "Vận chuyển", "shipping", "Shipping"),
    ("doi-tra", "Đổi trả", "returns", "Returns"),
    ("quyen-rieng-tu", "Quyền riêng tư", "privacy", "Privacy"),
    ("lien-he", "Liên hệ", "contact", "Contact"),
    ("dieu-khoan", "Điều khoản mua hàng", "terms", "Terms of sale"),
]


@pytest.fixture
def shop_site(catalogue):
    from cms import models as cms
    from cms.services import add_child_page, add_translation

    home = catalogue["home"]
    # The demo's main menu (the header must stay on one row with it).
    for key in ("stories", "culture_index"):
        catalogue[key].show_in_menus = True
        catalogue[key].save_revision().publish()
    tourism = add_child_page(
        home, cms.StandardPage(title="Du lịch cộng đồng", slug="du-lich", show_in_menus=True)
    )
    add_translation(tourism, "en", title="Community tourism", slug="tourism")
    for slug_vi, title_vi, slug_en, title_en in POLICIES:
        page = add_child_page(home, cms.StandardPage(title=title_vi, slug=slug_vi))
        add_translation(page, "en", title=title_en, slug=slug_en)
    return catalogue


def no_sideways_scroll(page):
    found = overflow(page)
    assert found is None, f"{page.url} does not fit: {found}"


WORDS = {
    "vi": {
        "search": "sâm",
        "address": "Địa chỉ giao hàng",
        "status": "Chờ thanh toán",
        "cod status": "Đang chuẩn bị (thanh toán khi nhận hàng)",
        "title": "Rượu sâm Lai Châu số 1",
    },
    "en": {
        "search": "ginseng",
        "address": "Delivery address",
        "status": "Awaiting payment",
        "cod status": "Being prepared (cash on delivery)",
        "title": "Lai Châu ginseng wine no. 1",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_buyer_home_search_basket_checkout_order_page(
    page, live_server, shop_site, watch, size, lang
):
    words = WORDS[lang]
    name = f"{size}-{lang}"
    page.set_viewport_size(SIZES[size])
    page.goto(f"{live_server.url}/{lang}/")
    title = page.title()
    assert title.count("Sâm Lai Châu") == 1, title
    shot(page, f"01-home-{name}")
    if size == "desktop":
        header = page.locator(".site-header__inner").bounding_box()
        assert header["height"] < 80, "the header stays on one row"
    # Search from the header (on a phone, open the menu first).
    if size == "phone":
        page.locator(".nav-toggle").click()
    page.locator("#site-search-q").fill(words["search"])
    page.locator("#site-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/shop/search/"))
    shot(page, f"01b-search-{name}")
    no_sideways_scroll(page)
    # The product's own page, from its card; add to the basket there.
    card = page.locator(".product_pod", has_text=words["title"])
    card.locator("a", has_text=words["title"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["title"])
    shot(page, f"01c-product-{name}")
    no_sideways_scroll(page)
    page.locator("#add_to_basket_form [type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/{lang}/shop/basket/")
    shot(page, f"02-basket-{name}")
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/{lang}/shop/checkout/")
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/"))
    # The site's own header, menu and language switcher; one title; the address heading.
    assert page.locator(".site-header .lang-switch a").count() == 1
    assert page.locator(".site-header").count() == 1
    assert page.title().count("Sâm Lai Châu") == 1
    expect(page.get_by_role("heading", name=words["address"])).to_be_visible()
    page.fill("#id_email", f"buyer-{name}@example.vn")
    page.select_option("#id_country", "VN")
    page.fill("#id_first_name", "Lò Thị")
    page.fill("#id_last_name", "Mai")
    page.fill("#id_state", "Lai Châu")
    page.fill("#id_line4", "Xã Sì Lở Lầu")
    page.fill("#id_line1", "Bản Sì Choang")
    shot(page, f"03-delivery-{name}")
    no_sideways_scroll(page)
    page.locator("#new_shipping_address [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    expect(page.get_by_role("heading", name=words["address"])).to_be_visible()
    terms = page.locator(".checkout-terms a")
    assert terms.count() >= 3
    shot(page, f"04-review-{name}")
    no_sideways_scroll(page)
    method = "cod" if size == "phone" else "vietqr"
    page.check(f"input[name=payment_method][value={method}]")
    page.click("#place-order")
    expect(page).to_have_url(re.compile(rf"/{lang}/shop/checkout/order/[^/]+/$"))
    order = Order.objects.get()
    assert order.payment_method == method
    if method == "cod":
        expect(page.locator("[data-field=order-status]")).to_have_text(words["cod status"])
        expect(page.locator("[data-action=confirm-cod]")).to_be_visible()
    else:
        expect(page.locator("[data-field=order-status]")).to_have_text(words["status"])
        expect(page.locator("[data-field=message]")).to_have_text(f"SLC{order.number}")
    assert page.locator("main a[href*='anon-order']").count() == 0
    assert page.locator("#id_email_address").count() == 0  # no form asking for the e-mail
    shot(page, f"05-order-{name}")
    no_sideways_scroll(page)
    # The old thank-you address leads to the same page.
    page.goto(f"{live_server.url}/{lang}/shop/checkout/thank-you/")
    expect(page).to_have_url(re.compile(rf"/{lang}/shop/checkout/order/[^/]+/$"))
    # Continue shopping goes to the language's home.
    page.locator(".order-actions a").click()
    expect(page).to_have_url(f"{live_server.url}/{lang}/")
    watch.assert_clean()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_foreign_buyer_pays_by_international_transfer_with_a_proforma(
    page, live_server, shop_site, watch, size
):
    from payments.models import ExchangeRate

    ExchangeRate.objects.create(currency="EUR", vnd_per_unit=27_500)
    ExchangeRate.objects.create(currency="USD", vnd_per_unit=25_400)
    page.set_viewport_size(SIZES[size])
    product = shop_site["products"][1]
    page.goto(f"{live_server.url}/en/shop/catalogue/{product.slug}_{product.pk}/")
    page.locator("#add_to_basket_form [type=submit]").click()
    page.goto(f"{live_server.url}/en/shop/checkout/")
    page.fill("#id_email", "anna@example.de")
    page.select_option("#id_country", "DE")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Schmidt")
    page.fill("#id_line4", "Berlin")
    page.fill("#id_line1", "Hauptstraße 5")
    page.fill("#id_postcode", "10115")
    page.locator("#new_shipping_address [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    assert page.locator("input[name=payment_method][value=cod]").count() == 0
    intl = page.locator("input[name=payment_method][value=intl_transfer]")
    expect(intl).to_be_checked()  # offered first to a buyer abroad
    # Estimates in the buyer's currency (the charge stays in dong).
    page.select_option("#display-currency", "EUR")
    page.locator(".currency-chooser [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/checkout/preview/"))
    expect(page.locator(".total-estimate .price-estimate")).to_contain_text("€")
    shot(page, f"06-intl-review-{size}-en")
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/en/shop/checkout/order/[^/]+/$"))
    order = Order.objects.get()
    assert order.payment_method == "intl_transfer" and order.status == "Pending payment"
    expect(page.locator(".intl-transfer [data-field=swift]")).to_have_text("BFTVVNVX")
    expect(page.locator(".intl-transfer [data-field=reference]")).to_have_text(f"SLC{order.number}")
    expect(page.locator(".intl-transfer [data-field=charges]")).to_contain_text("OUR")
    shot(page, f"07-intl-order-{size}-en")
    no_sideways_scroll(page)
    page.locator("[data-field=proforma]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proforma invoice")
    expect(page.locator("[data-field=proforma-number]")).to_have_text(f"PF-{order.number}")
    expect(page.locator("[data-field=total]")).to_contain_text("₫")
    shot(page, f"08-proforma-{size}-en")
    no_sideways_scroll(page)
    watch.assert_clean()


@pytest.mark.parametrize("width", [900, 1024, 1280, 1440])
def test_header_never_scrolls_sideways(page, live_server, shop_site, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/vi/shop/basket/")
    no_sideways_scroll(page)
    if width >= 1200:
        assert page.locator(".site-header__inner").bounding_box()["height"] < 80
