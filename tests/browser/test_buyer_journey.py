"""The buyer's journey at phone and desktop size, in both languages: home → search →
basket → checkout → the order's one page; and a foreign buyer paying by international
bank transfer with a proforma invoice. Screenshots go to /tmp/shots/ (looked at by eye).
"""

import os

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

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
    from core.demo.checkout import ensure_countries

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
