"""A foreign wholesaler end to end in Chromium, in English at desktop size: asks for a
quote from the product page, the cooperative answers in its dashboard (with the lot's
document pack attached), the buyer asks for a revision, accepts the new version and
gets the international transfer details and a proforma invoice; the transfer arrives.

Browser fixtures (``page``, launch args) come from tests/browser/conftest.py."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone, translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trade_ready(transactional_db, settings):
    from payments.models import ExchangeRate
    from shop.address.countries import ensure_countries
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    ensure_countries()
    settings.TRADE_ENQUIRY_MIN_SECONDS = 1
    ExchangeRate.objects.create(currency="EUR", vnd_per_unit=Decimal("27500"))
    ExchangeRate.objects.create(currency="USD", vnd_per_unit=Decimal("25400"))


def sign_in(page, base, user, password):
    page.goto(f"{base}/en/shop/accounts/login/")
    page.fill('[name="login-username"]', user.email)
    page.fill('[name="login-password"]', password)
    page.locator('[name="login_submit"]').click()
    page.wait_for_load_state()


def answer(page, base, enquiry, unit_price, lot=None):
    """The cooperative prices its line and sends the quote, in its dashboard."""
    page.goto(f"{base}/en/shop/dashboard/trade/{enquiry.pk}/")
    page.click("#start-quote")
    page.wait_for_load_state()
    form = page.locator("form.trade-price").first
    form.locator('[name$="-unit_price"]').fill(str(unit_price))
    if lot is not None:
        form.locator('[name$="-lot"]').select_option(str(lot.pk))
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    valid = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    page.fill('[name="send-valid_until"]', valid)
    page.click("#send-quote")
    page.wait_for_load_state()


def test_a_foreign_wholesaler_asks_revises_and_accepts_a_quote(page, live_server, trade_ready):
    from payments import services as payment_services
    from tests.cooperatives.conftest import make_coop
    from tests.provenance.factories import build_chain
    from trade.models import Enquiry, TradeOrder

    base = live_server.url
    coop = make_coop("alpha", 1_000_000)
    coop.user.set_password("Sâm-2026-bán-sỉ")
    coop.user.save()
    lot = build_chain(coop.stockrecord)

    # The buyer, on the product page in English.
    with translation.override("en"):
        page.goto(base + coop.product.get_absolute_url())
    page.locator("[data-field=wholesale]").click()
    page.wait_for_url(re.compile(r"/en/trade/enquiry/\?product="))
    page.fill("#id_company", "Hanse Naturwaren GmbH")
    page.select_option("#id_country", "DE")
    page.fill("#id_contact_name", "Anna Schmidt")
    page.fill("#id_email", "anna@hanse.example")
    page.fill("#id_lines-0-quantity", "20")
    page.select_option("#id_lines-0-unit", "kg")
    page.fill("#id_packaging", "1 kg vacuum bags, 10 per carton")
    page.select_option("#id_incoterm", "CIF")
    page.check("#id_payment_terms_0")
    page.check("input[name=documents][value=lab_certificate]")
    page.check("input[name=documents][value=phytosanitary]")
    page.fill("#id_message", "CIF Hamburg, please.")
    page.wait_for_timeout(1100)  # a person takes longer than the form's minimum
    page.click("#send-enquiry")
    page.wait_for_url(re.compile(r"/en/trade/enquiry/sent/"))
    enquiry = Enquiry.objects.get()
    assert enquiry.reference in page.locator("[data-field=reference]").inner_text()
    receipt = next(m for m in mail.outbox if m.to == ["anna@hanse.example"])
    assert receipt.subject == f"We received your enquiry {enquiry.reference}"
    link = urlsplit(re.search(r"https?://\S+/en/trade/q/\S+/", receipt.body).group(0)).path

    # The cooperative answers with a quote, the lot's document pack attached.
    sign_in(page, base, coop.user, "Sâm-2026-bán-sỉ")
    answer(page, base, enquiry, 1_200_000, lot=lot)
    assert "is ready" in mail.outbox[-1].subject

    # The buyer sees it, with estimates at a stated rate, and asks for a revision.
    page.goto(base + link)
    assert page.locator("[data-field=total]").inner_text().strip() == "₫24,000,000"
    estimates = page.locator("[data-field=estimates]").inner_text()
    assert "€872.73" in estimates and "1 EUR = 27,500" in estimates
    pack = page.locator("[data-field=document-pack]").first
    with page.expect_download() as download:
        pack.click()
    assert download.value.suggested_filename.endswith("-documents.zip")
    page.fill("#id_message", "Could you do 1,100,000 ₫ per kg for 20 kg?")
    page.click("#ask-revision")
    page.wait_for_load_state()
    assert page.locator("[data-field=revision-pending]").count() == 1

    # A second version, cheaper; the first is kept.
    answer(page, base, enquiry, 1_100_000)
    page.goto(base + link)
    assert page.locator("[data-field=total]").first.inner_text().strip() == "₫22,000,000"
    assert "Version 1" in page.locator("details summary").inner_text()

    # Accepted: an order paid by international transfer, with a proforma invoice.
    page.click("#accept-quote")
    page.wait_for_load_state()
    order = TradeOrder.objects.get()
    assert page.locator("[data-field=reference]").inner_text().strip() == f"SLC{order.number}"
    assert page.locator("[data-field=order-status]").inner_text().strip() == "Awaiting payment"
    page.locator("[data-field=proforma]").click()
    page.wait_for_load_state()
    assert page.locator("[data-field=proforma-number]").inner_text() == f"PF-{order.number}"
    assert page.locator("[data-field=total]").inner_text().strip() == "₫22,000,000"

    # The transfer arrives (the bank statement matches it).
    payment = payment_services.payments_for("trade", order.number).get()
    payment_services.mark_paid(payment, note="bank statement")
    page.goto(base + link)
    assert page.locator("[data-field=order-status]").inner_text().strip() == "Paid"
