"""The customer's account pages in the site's layout: the account's sections as one
row of links with the open one marked, the page in the site's cards and forms, nothing
of Oscar's two-column Bootstrap grid, and every string in the page's language."""

import pytest
from babel import Locale
from django.test import Client

from tests.core.language_check import account_page_urls, other_language_strings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_account_pages_wear_the_site_layout(countries, language):
    user = UserFactory(email="mai@example.vn", first_name="Lò Thị", last_name="Mai")
    client = Client()
    client.force_login(user)
    # What the customer typed, and country names as CLDR writes them in each language
    # ("Papua New Guinea" in Vietnamese too).
    names = ["Lò Thị", "Mai", "Bản Sì Choang", "Xã Sì Lở Lầu", "Lai Châu"]
    names += Locale.parse(language).territories.values()
    for name, path in account_page_urls(user, language):
        response = client.get(path)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert html.count('class="account-nav"') == 1, name
        assert html.count('aria-current="page"') >= 1, name
        assert 'class="sidebar col-sm-4' not in html and "nav-pills" not in html, name
        assert "site-header" in html, name
        assert other_language_strings(html, language, names) == [], name
    address_book = client.get(account_page_urls(user, language)[2][1]).content.decode()
    assert 'class="account-cards"' in address_book and "dropdown-toggle" not in address_book


@pytest.mark.parametrize("language, germany", [("vi", "Đức"), ("en", "Germany")])
def test_address_form_names_countries_in_the_pages_language(countries, language, germany):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    path = account_page_urls(user, language)[3][1]
    html = client.get(path).content.decode()
    assert f'<option value="DE">{germany}</option>' in html
    # Vietnam first, then the alphabet of the page's language.
    options = html[html.index('name="country"') :]
    assert options.index('value="VN"') < options.index('value="AF"')
