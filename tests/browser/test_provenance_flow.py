"""From a product page to its lot's trace page, in Vietnamese and in English.

Uses pytest-playwright's ``page`` and pytest-django's ``live_server``; the browser's
launch arguments come from tests/browser/conftest.py (the lead's, on main).
"""

from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (Path(__file__).parent / "conftest.py").exists(),
        reason="needs tests/browser/conftest.py (Chromium launch arguments) from main",
    ),
]


@pytest.fixture
def traced_product(transactional_db):
    from tests.conftest import ensure_wagtail_tree
    from tests.provenance.factories import build_chain

    ensure_wagtail_tree()
    return build_chain(serials=("S0001",))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_to_trace_page(page, live_server, traced_product, language):
    from django.utils import translation
    from playwright.sync_api import expect

    lot = traced_product
    with translation.override(language):
        product_url = lot.product.get_absolute_url()
    page.goto(f"{live_server.url}{product_url}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    summary = page.locator("#product_provenance")
    expect(summary).to_contain_text(lot.lot_number)
    summary.locator("a.trace-link").click()
    expect(page).to_have_url(
        f"{live_server.url}/{language}/trace/01/{lot.gtin}/10/{lot.lot_number}/"
    )
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".trace-map svg")).to_be_visible()
    expect(page.locator(".trace-verdict--ok")).to_be_visible()
    expect(page.locator(".trace-timeline__item")).to_have_count(6)

    # The QR code on the pack goes through the resolver (outside the language prefix),
    # in the browser's language (the lead's conftest sets vi-VN); then switch to English.
    page.goto(f"{live_server.url}/01/{lot.gtin}/10/{lot.lot_number}/21/S0001")
    expect(page.locator(".trace-scan")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator('.lang-switch a[data-lang="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(
        f"{live_server.url}/en/trace/01/{lot.gtin}/10/{lot.lot_number}/21/S0001/"
    )
