"""The customer's account pages (profile and its form, address book and address forms,
wish lists, order history) in the site's layout, at phone (390 px) and desktop size, in
both languages: every page fits the screen, names its sections once and has no string of
the other language. Screenshots go to the test's tmp dir."""

import pytest
from babel import Locale
from django.test import Client

from tests.browser.helpers import Check
from tests.core.language_check import account_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def customer(browser_site):
    from shop.address.countries import ensure_countries
    from tests.factories import UserFactory
    from tests.shop.checkout.helpers import make_basket, place

    ensure_countries()
    user = UserFactory(
        email="mai@example.vn", first_name="Lò Thị", last_name="Mai Thương Nguyễn Phong Thổ"
    )
    place(make_basket((browser_site["products"][1], 1)), user=user, email=user.email)
    return user


@pytest.mark.parametrize("width", [390, 1280])
def test_account_pages_fit_a_phone_in_both_languages(
    browser, live_server, customer, tmp_path, width
):
    client = Client()
    client.force_login(customer)
    names = [customer.first_name, customer.last_name, "Lò Thị", "Mai", "Xã Sì Lở Lầu", "Lai Châu"]
    for code in ("vi", "en"):  # country names as CLDR writes them in each language
        names += Locale.parse(code).territories.values()
    problems, opened = [], 0
    for language in ("vi", "en"):
        context = browser.new_context(
            viewport={"width": width, "height": 844},
            locale="vi-VN" if language == "vi" else "en-GB",
            base_url=live_server.url,
        )
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        check = Check(page, tmp_path, width, language, names)
        for name, path in account_page_urls(customer, language):
            response = page.goto(path)
            assert response.status == 200, (language, name, response.status)
            # The site's header and the account's sections, the open one marked.
            assert page.locator(".site-header").count() == 1, name
            assert page.locator(".account-nav a[aria-current=page]").count() <= 1, name
            assert page.locator(".account-nav").count() == 1, name
            check(name.replace("account: ", "").replace(" ", "-"))
            opened += 1
        assert page.locator("table.account-orders").count() == 1  # the last one: orders
        problems += check.problems
        context.close()
    assert opened == 14
    assert problems == [], "\n".join(map(str, problems))
