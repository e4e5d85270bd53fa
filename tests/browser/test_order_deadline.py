"""The order page's countdown (static/js/countdown.js) in Chromium, and the deadline
itself stated without JavaScript."""

import re

import pytest

from shop.order.links import status_path
from tests.conftest import ensure_wagtail_tree
from tests.factories import ProductFactory
from tests.shop.checkout.helpers import make_basket, place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cod_order(transactional_db):
    from shop.address.countries import ensure_countries

    ensure_wagtail_tree()
    ensure_countries()
    return place(make_basket((ProductFactory(stock=2), 1)), method="cod")


def test_countdown_and_confirm_button(page, live_server, cod_order):
    page.goto(live_server.url + status_path(cod_order, "vi"))
    countdown = page.locator("#cod-confirmation time[data-countdown]")
    page.wait_for_function(
        "document.querySelector('#cod-confirmation time[data-countdown]').textContent !== ''"
    )
    assert re.fullmatch(r"còn 2[34] giờ \d+ phút", countdown.text_content())
    page.locator("[data-action=confirm-cod]").click()
    page.wait_for_load_state()
    cod_order.refresh_from_db()
    assert cod_order.cod_confirmed_at is not None
    assert page.locator("#cod-confirmation").count() == 0


def test_deadline_stated_without_javascript(browser, live_server, cod_order):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + status_path(cod_order, "en"))
        text = page.locator("#cod-confirmation .order-deadline").text_content()
        assert "Please confirm by" in text and str(cod_order.cod_confirm_by.year) in text
        assert page.locator("time[data-countdown]").text_content() == ""
    finally:
        context.close()
