"""The Content-Security-Policy breaks nothing we serve: home, product, trace and the
checkout pages load in Chromium with zero policy violations (the browser's
``securitypolicyviolation`` events and its console) and their scripts run."""

import re

import pytest

from tests.browser.test_checkout_flow import add_to_basket_and_checkout, fill_address

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


class Violations:
    def __init__(self, page):
        self.page = page
        self.console = []
        self.seen = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def collect(self, label):
        events = self.page.evaluate("window.__csp || []")
        self.seen.extend(f"{label}: {event}" for event in events)
        # The layout's nonced inline script ran (jQuery ready) and site.js too.
        assert self.page.evaluate("!document.documentElement.classList.contains('no-js')")

    def assert_none(self):
        assert self.seen == [] and self.console == [], self.seen + self.console


@pytest.fixture
def shop_and_trace(transactional_db):
    from shop.address.countries import ensure_countries
    from tests.conftest import build_bilingual_site
    from tests.provenance.factories import build_chain

    build_bilingual_site()
    ensure_countries()
    return build_chain(serials=("S0001",))


def test_pages_load_without_csp_violations(page, live_server, shop_and_trace):
    lot = shop_and_trace
    product = lot.product
    violations = Violations(page)
    for path in [
        "/vi/",
        "/en/",
        f"/vi/shop/catalogue/{product.slug}_{product.pk}/",
        f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/",
        f"/01/{lot.gtin}/10/{lot.lot_number}/21/S0001",
        "/vi/shop/catalogue/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src" in response.headers["content-security-policy"]
        violations.collect(path)

    # Checkout: basket, delivery (address and e-mail), review, the order page.
    add_to_basket_and_checkout(page, live_server, "vi", product, "mai@example.vn")
    violations.collect("shipping address")
    fill_address(
        page,
        country="VN",
        first_name="Lò Thị",
        last_name="Mai",
        state="Lai Châu",
        line4="Xã Sì Lở Lầu",
        line1="Bản Sì Choang",
    )
    violations.collect("preview")
    page.check("input[name=payment_method][value=vietqr]")
    page.click("#place-order")
    # Placing the order lands on the order's own page (the countdown script runs there).
    page.wait_for_url(re.compile(r"/vi/shop/checkout/order/[^/]+/$"))
    violations.collect("order page")
    page.goto(f"{live_server.url}/vi/shop/basket/")
    violations.collect("basket")
    violations.assert_none()
