"""The buyer's pages and the sellers' dashboard pages, through the test client: the form
(vi/en, anti-spam, double submit, junk), the signed enquiry page (accept, revise,
expired), the proforma, and each cooperative seeing only its own lines."""

import datetime
import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from tests.trade.factories import make_enquiry, quote_for
from trade import links, services, spam
from trade.models import Enquiry, Quote, TradeOrder

pytestmark = pytest.mark.django_db


def form_url(language="en"):
    with translation.override(language):
        return reverse("trade:enquiry-form")


def form_data(product, token=None, **overrides):
    data = {
        "company": "Hanse Naturwaren GmbH",
        "country": "DE",
        "contact_name": "Anna Schmidt",
        "email": "anna@hanse.example",
        "phone": "+49 40 123456",
        "packaging": "1 kg vacuum bags",
        "wanted_by": "2027-03-01",
        "incoterm": "CIF",
        "payment_terms": "lc",
        "documents": ["lab_certificate", "certificate_of_origin"],
        "message": "CIF Hamburg, please.",
        "website": "",
        "form_token": token or spam.new_form_token(),
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "10",
        "lines-0-product": str(product.pk),
        "lines-0-quantity": "25.5",
        "lines-0-unit": "kg",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_form_opens_with_the_product_chosen(client, coop_a, language):
    response = client.get(form_url(language) + f"?product={coop_a.product.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{coop_a.product.pk}" selected>' in page
    for name in ("company", "country", "contact_name", "email", "packaging", "wanted_by"):
        assert f'name="{name}"' in page
    for value in ("EXW", "FOB", "CIF", "DDP", "tt", "lc", "phytosanitary", "label_language"):
        assert f'value="{value}"' in page
    assert "Buy wholesale / export" in page if language == "en" else "Mua sỉ" in page


def test_product_and_cooperative_pages_link_to_the_form(client, coop_a):
    from cooperatives.models import Profile

    page = client.get(coop_a.product.get_absolute_url()).content.decode()
    assert f"/trade/enquiry/?product={coop_a.product.pk}" in page
    profile = Profile.objects.create(cooperative=coop_a.cooperative, slug="alpha", is_public=True)
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "/trade/enquiry/?cooperative=alpha" in page
    response = client.get(form_url() + "?cooperative=alpha")
    assert f'<option value="{coop_a.product.pk}" selected>' in response.content.decode()


def test_an_enquiry_is_received_once_with_a_receipt_in_the_buyers_language(
    client, coop_a, django_capture_on_commit_callbacks
):
    data = form_data(coop_a.product)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url("en"), data)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.language == "en" and enquiry.payment_terms == "lc"
    assert enquiry.documents == ["lab_certificate", "certificate_of_origin"]
    line = enquiry.lines.get()
    assert (line.partner, str(line.quantity), line.unit) == (coop_a.partner, "25.500", "kg")
    receipt = next(m for m in mail.outbox if m.to == ["anna@hanse.example"])
    assert receipt.subject == f"We received your enquiry {enquiry.reference}"
    assert links.enquiry_url(enquiry) in receipt.body and "/en/trade/q/" in receipt.body
    page = client.get(response["Location"]).content.decode()
    assert enquiry.reference in page
    # Sent again (double click, back and resend): the same enquiry, no second receipt.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(form_url("en"), data)
    assert again.status_code == 302
    assert Enquiry.objects.count() == 1 and len(mail.outbox) == sent


def test_a_vietnamese_buyer_gets_a_vietnamese_receipt(
    client, coop_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url("vi"), form_data(coop_a.product, country="VN"))
    receipt = next(m for m in mail.outbox if m.to == ["anna@hanse.example"])
    assert receipt.subject.startswith("Chúng tôi đã nhận")
    assert "/vi/trade/q/" in receipt.body


def test_spam_is_refused(client, coop_a, settings):
    # The honeypot filled in.
    response = client.post(form_url(), form_data(coop_a.product, website="http://spam.example"))
    assert response.status_code == 400
    # A forged or missing token.
    forged = signing.dumps({"t": int(time.time()) - 60, "n": "x"}, salt="other")
    assert client.post(form_url(), form_data(coop_a.product, token=forged)).status_code == 400
    assert client.post(form_url(), form_data(coop_a.product, form_token="")).status_code == 400
    # Sent faster than a person can fill the form.
    settings.TRADE_ENQUIRY_MIN_SECONDS = 3
    response = client.post(form_url(), form_data(coop_a.product))
    assert response.status_code == 400
    assert "That was quick" in response.content.decode()
    # Shown too long ago.
    old = signing.dumps({"t": int(time.time()) - 25 * 3600, "n": "old"}, salt=spam.SALT)
    assert client.post(form_url(), form_data(coop_a.product, token=old)).status_code == 400
    assert not Enquiry.objects.exists()


def test_too_many_enquiries_from_one_address(client, coop_a, settings):
    settings.TRADE_ENQUIRIES_PER_HOUR = 2
    for _ in range(2):
        assert client.post(form_url(), form_data(coop_a.product)).status_code == 302
    response = client.post(form_url(), form_data(coop_a.product))
    assert response.status_code == 429
    assert Enquiry.objects.count() == 2


@pytest.mark.parametrize(
    "junk",
    [
        {"country": "XX"},
        {"country": ""},
        {"email": "not-an-address"},
        {"incoterm": "FCA"},
        {"payment_terms": "bitcoin"},
        {"documents": ["passport"]},
        {"wanted_by": "31/31/2027"},
        {"message": "x" * 5001},
        {"company": "x" * 201},
        {"lines-0-quantity": "-5"},
        {"lines-0-quantity": "1e9999"},
        {"lines-0-quantity": "abc"},
        {"lines-0-unit": "tonnes"},
        {"lines-0-product": "999999"},
        {"lines-0-product": ""},
        {"lines-TOTAL_FORMS": "500"},
        {"lines-TOTAL_FORMS": "x"},
        {"lines-1-product": "SAME", "lines-1-quantity": "1", "lines-1-unit": "kg"},
    ],
)
def test_junk_gets_form_errors_and_400(client, coop_a, junk):
    if junk.get("lines-1-product") == "SAME":
        junk["lines-1-product"] = str(coop_a.product.pk)
    response = client.post(form_url(), form_data(coop_a.product, **junk))
    assert response.status_code == 400
    assert not Enquiry.objects.exists()


def test_the_form_refuses_products_that_may_not_go_to_the_country(client, coop_a):
    product_class = coop_a.product.get_product_class()
    product_class.ship_to = "vn"
    product_class.save()
    response = client.post(form_url(), form_data(coop_a.product, country="DE"))
    assert response.status_code == 400
    assert "We cannot quote these products for Germany" in response.content.decode()
    assert not Enquiry.objects.exists()


def enquiry_page(enquiry, language="en"):
    return links.enquiry_path(enquiry, language)


def test_the_buyer_revises_then_accepts_and_sees_how_to_pay(
    client, coop_a, admin_user, rates, django_capture_on_commit_callbacks
):
    enquiry = make_enquiry((coop_a.product, 10))
    url = enquiry_page(enquiry)
    assert "preparing your quote" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        v1 = quote_for(enquiry, admin_user, price=1_500_000)
    quoted = next(m for m in mail.outbox if "is ready" in m.subject)
    assert quoted.to == ["anna@hanse.example"] and "₫15,000,000" in quoted.body
    page = client.get(url).content.decode()
    assert "₫1,500,000" in page and "₫15,000,000" in page
    assert "≈ $590.55" in page and "1 USD = 25,400" in page  # an estimate, rate stated
    response = client.post(url, {"quote": v1.pk, "action": "revise", "message": "Lower?"})
    assert response.status_code == 302
    assert client.post(url, {"quote": v1.pk, "action": "accept"}).status_code == 409
    v2 = services.start_quote(enquiry, user=admin_user)
    services.price_line(
        v2.lines.get(), user=admin_user, unit_price=1_400_000, quantity=v2.lines.get().quantity
    )
    services.send_quote(
        v2, user=admin_user, valid_until=timezone.localdate() + datetime.timedelta(days=7)
    )
    page = client.get(url).content.decode()
    assert "Earlier versions" in page and "Lower?" in page
    assert client.post(url, {"quote": v1.pk, "action": "accept"}).status_code == 409
    response = client.post(url, {"quote": v2.pk, "action": "accept"})
    assert response.status_code == 302
    order = TradeOrder.objects.get()
    page = client.get(url).content.decode()
    assert f"SLC{order.number}" in page and "SWIFT" in page
    proforma = client.get(links.enquiry_path(enquiry, "en", name="trade:proforma"))
    assert proforma.status_code == 200
    assert f"PF-{order.number}" in proforma.content.decode()
    assert "₫14,000,000" in proforma.content.decode()
    # Accepting again changes nothing.
    assert client.post(url, {"quote": v2.pk, "action": "accept"}).status_code == 302
    assert TradeOrder.objects.count() == 1


def test_an_expired_quote_is_refused_on_the_page(client, coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 10))
    quote = quote_for(enquiry, admin_user, days=1)
    Quote.objects.filter(pk=quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    url = enquiry_page(enquiry)
    page = client.get(url).content.decode()
    assert "This quote has expired" in page and 'id="accept-quote"' not in page
    response = client.post(url, {"quote": quote.pk, "action": "accept"})
    assert response.status_code == 409
    assert "expired" in response.content.decode()
    assert not TradeOrder.objects.exists()


def test_a_domestic_buyer_gets_a_vietqr_code(client, coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 2), country="VN", language="vi")
    quote = quote_for(enquiry, admin_user)
    url = enquiry_page(enquiry, "vi")
    assert client.post(url, {"quote": quote.pk, "action": "accept"}).status_code == 302
    page = client.get(url).content.decode()
    assert "vietqr-code" in page and "2.000.000 ₫" in page
    assert client.get(links.enquiry_path(enquiry, "vi", name="trade:proforma")).status_code == 404


def test_bad_links_and_other_enquiries_quotes(client, coop_a, admin_user):
    assert client.get("/en/trade/q/not-a-token/").status_code == 404
    first = make_enquiry((coop_a.product, 2))
    other = make_enquiry((coop_a.product, 3))
    other_quote = quote_for(other, admin_user)
    url = enquiry_page(first)
    assert client.post(url, {"quote": other_quote.pk, "action": "accept"}).status_code == 404
    assert client.post(url, {"quote": "x", "action": "accept"}).status_code == 404
    quote = quote_for(first, admin_user)
    assert client.post(url, {"quote": quote.pk, "action": "dance"}).status_code == 400
    assert client.post(url, {"quote": quote.pk, "action": "revise"}).status_code == 400


def dashboard(name, **kwargs):
    with translation.override("en"):
        return reverse(f"dashboard:{name}", kwargs=kwargs)


def test_each_cooperative_sees_and_prices_only_its_own_lines(client, coop_a, coop_b, admin_user):
    shared = make_enquiry((coop_a.product, 4), (coop_b.product, 6))
    only_b = make_enquiry((coop_b.product, 1), company="Bravo Only Ltd")
    client.force_login(coop_a.user)
    listing = client.get(dashboard("trade-enquiries")).content.decode()
    assert shared.reference in listing and only_b.reference not in listing
    assert client.get(dashboard("trade-enquiry", pk=only_b.pk)).status_code == 404
    url = dashboard("trade-enquiry", pk=shared.pk)
    assert client.post(url, {"action": "start"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Product of alpha" in page and "Product of bravo" not in page
    draft = services.draft_of(shared)
    line_b = draft.lines.get(partner=coop_b.partner)
    response = client.post(
        url,
        {
            "action": "price",
            "line": line_b.pk,
            f"line-{line_b.pk}-unit_price": "1",
            f"line-{line_b.pk}-quantity": "6",
        },
    )
    assert response.status_code == 404
    line_b.refresh_from_db()
    assert line_b.unit_price is None
    line_a = draft.lines.get(partner=coop_a.partner)
    response = client.post(
        url,
        {
            "action": "price",
            "line": line_a.pk,
            f"line-{line_a.pk}-unit_price": "900000",
            f"line-{line_a.pk}-quantity": "4",
        },
    )
    assert response.status_code == 302
    line_a.refresh_from_db()
    assert line_a.unit_price == 900_000
    # A cannot send a quote with B's line in it; staff can once B has priced.
    assert 'id="send-quote"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "send", "send-valid_until": "2099-01-01"}).status_code in (
        404,
    )
    client.force_login(admin_user)
    response = client.post(
        url, {"action": "send", "send-valid_until": (timezone.localdate()).isoformat()}
    )
    assert response.status_code == 409  # B's line is not priced yet
    assert "Price every line" in response.content.decode()


def test_a_seller_gets_form_errors_for_junk_prices(client, coop_a):
    enquiry = make_enquiry((coop_a.product, 4))
    client.force_login(coop_a.user)
    url = dashboard("trade-enquiry", pk=enquiry.pk)
    client.post(url, {"action": "start"})
    line = services.draft_of(enquiry).lines.get()
    for price in ("-1", "abc", "0", "1.5"):
        response = client.post(
            url,
            {
                "action": "price",
                "line": line.pk,
                f"line-{line.pk}-unit_price": price,
                f"line-{line.pk}-quantity": "4",
            },
        )
        assert response.status_code == 400, price
    assert client.post(url, {"action": "price", "line": "x"}).status_code == 404


def test_rows_left_empty_are_skipped_as_a_browser_sends_them(client, coop_a):
    data = form_data(coop_a.product)
    for n in (1, 2):
        data.update({f"lines-{n}-product": "", f"lines-{n}-quantity": "", f"lines-{n}-unit": ""})
    assert client.post(form_url(), data).status_code == 302
    assert Enquiry.objects.get().lines.count() == 1
