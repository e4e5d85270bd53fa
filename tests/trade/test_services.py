"""The rules of trade/services.py: enquiry → quote → revision → accept → order, paid
through payments; expired, stale and export-refused quotes; each seller only its lines."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from payments import services as payment_services
from payments.models import Method, Payment
from tests.factories import ProductClassFactory, ProductFactory, StockRecordFactory
from tests.trade.factories import make_enquiry, price_all, quote_for
from trade import services
from trade.models import Enquiry, Quote, TradeOrder

pytestmark = pytest.mark.django_db


def test_enquiry_to_quote_to_revision_to_order_paid(
    coop_a, coop_b, admin_user, rates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = make_enquiry((coop_a.product, 50), (coop_b.product, "2.5"))
    assert {line.partner for line in enquiry.lines.all()} == {coop_a.partner, coop_b.partner}
    # Receipt to the buyer in English, a notice to each cooperative.
    receipt = [m for m in mail.outbox if m.to == ["anna@hanse.example"]]
    assert len(receipt) == 1 and "We received your enquiry" in receipt[0].subject
    assert {tuple(m.to) for m in mail.outbox} >= {("alpha@coop.example",), ("bravo@coop.example",)}

    # Each cooperative prices its own line; staff send.
    draft = services.start_quote(enquiry, user=coop_a.user)
    line_a = draft.lines.get(partner=coop_a.partner)
    line_b = draft.lines.get(partner=coop_b.partner)
    services.price_line(line_a, user=coop_a.user, unit_price=900_000, quantity=Decimal(50))
    with pytest.raises(PermissionDenied):
        services.price_line(line_b, user=coop_a.user, unit_price=1, quantity=Decimal(1))
    assert not services.may_send(coop_a.user, draft)  # B's line is not A's to send
    with pytest.raises(services.TradeRefused) as refused:
        services.send_quote(draft, user=admin_user, valid_until=timezone.localdate())
    assert refused.value.code == "unpriced"
    services.price_line(
        line_b,
        user=coop_b.user,
        unit_price=2_400_000,
        quantity=Decimal("2.5"),
        minimum_order=Decimal("2"),
    )
    v1 = services.send_quote(
        draft, user=admin_user, valid_until=timezone.localdate() + datetime.timedelta(days=10)
    )
    assert v1.status == Quote.Status.SENT
    assert services.quote_total(v1) == 50 * 900_000 + 6_000_000
    assert v1.rates["USD"] == "25400.0000" and v1.rates_date == timezone.localdate()
    estimates = services.quote_estimates(v1)
    assert estimates["USD"] == Decimal("2007.87")  # 51,000,000 / 25,400
    assert set(estimates) == {"USD", "EUR", "CNY", "KRW"}

    # The buyer asks for a revision; a new version starts from the old prices.
    services.request_revision(enquiry, v1, message="Can you do 850,000 for 50 kg?")
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.REVISION
    v2 = services.start_quote(enquiry, user=admin_user)
    assert v2.version == 2
    assert v2.lines.get(partner=coop_a.partner).unit_price == 900_000
    services.price_line(
        v2.lines.get(partner=coop_a.partner),
        user=coop_a.user,
        unit_price=850_000,
        quantity=Decimal(50),
    )
    services.send_quote(
        v2, user=admin_user, valid_until=timezone.localdate() + datetime.timedelta(days=10)
    )
    v1.refresh_from_db()
    assert v1.status == Quote.Status.SUPERSEDED  # kept, marked replaced
    assert v1.lines.get(partner=coop_a.partner).unit_price == 900_000
    with pytest.raises(services.TradeRefused) as refused:
        services.accept_quote(enquiry, v1)
    assert refused.value.code == "stale"

    order = services.accept_quote(enquiry, v2)
    assert order.amount == 50 * 850_000 + 6_000_000
    assert services.accept_quote(enquiry, v2) == order  # accepting twice: one order
    payment = Payment.objects.get(purpose="trade")
    assert payment.method == Method.INTL_TRANSFER  # a buyer abroad
    assert (payment.reference, payment.amount) == (order.number, order.amount)
    assert order.number.isdigit() and len(order.number) == 10
    payment_services.mark_paid(payment, note="bank statement")
    order.refresh_from_db()
    assert order.status == TradeOrder.Status.PAID
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ACCEPTED
    with pytest.raises(services.TradeRefused):
        services.start_quote(enquiry, user=admin_user)


def test_a_domestic_buyer_pays_by_vietqr(coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 10), country="VN", language="vi")
    quote = quote_for(enquiry, admin_user)
    order = services.accept_quote(enquiry, quote)
    assert services.open_payment(order).method == Method.VIETQR
    assert order.amount == 10_000_000


def test_an_expired_quote_cannot_be_accepted(coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 10))
    quote = quote_for(enquiry, admin_user, days=3)
    later = timezone.localdate() + datetime.timedelta(days=4)
    with pytest.raises(services.TradeRefused) as refused:
        services.accept_quote(enquiry, quote, today=later)
    assert refused.value.code == "expired"
    assert not TradeOrder.objects.exists() and not Payment.objects.exists()
    # On its last day it still can.
    assert services.accept_quote(enquiry, quote, today=later - datetime.timedelta(days=1))


def test_a_quote_cannot_be_sent_already_expired(coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 10))
    draft = services.start_quote(enquiry, user=admin_user)
    price_all(draft, admin_user)
    with pytest.raises(services.TradeRefused) as refused:
        services.send_quote(
            draft,
            user=admin_user,
            valid_until=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert refused.value.code == "validity"


def fresh_root(partner):
    product = ProductFactory(product_class=ProductClassFactory(ship_to="vn"))
    StockRecordFactory(product=product, partner=partner, num_in_stock=5)
    return product


def test_what_may_not_go_to_a_country_cannot_be_asked_for_it(coop_a):
    fresh = fresh_root(coop_a.partner)
    with pytest.raises(services.TradeRefused) as refused:
        make_enquiry((fresh, 5), country="DE")
    assert refused.value.code == "export"
    assert not Enquiry.objects.exists()
    assert make_enquiry((fresh, 5), country="VN")  # at home it may


def test_what_may_not_go_to_a_country_cannot_be_quoted_for_it(coop_a, admin_user):
    product = coop_a.product
    enquiry = make_enquiry((product, 5), country="DE")
    draft = services.start_quote(enquiry, user=admin_user)
    price_all(draft, admin_user)
    # The rule changes after the enquiry (staff restrict the product type).
    product_class = product.get_product_class()
    product_class.ship_to = "vn"
    product_class.save()
    with pytest.raises(services.TradeRefused) as refused:
        services.send_quote(
            draft, user=admin_user, valid_until=timezone.localdate() + datetime.timedelta(days=5)
        )
    assert refused.value.code == "export"
    with pytest.raises(services.TradeRefused) as refused:
        services.price_line(draft.lines.get(), user=admin_user, unit_price=5, quantity=Decimal(5))
    assert refused.value.code == "export"


def test_accept_rechecks_the_export_rule(coop_a, admin_user):
    enquiry = make_enquiry((coop_a.product, 5), country="DE")
    quote = quote_for(enquiry, admin_user)
    product_class = coop_a.product.get_product_class()
    product_class.ship_to = "vn"
    product_class.save()
    with pytest.raises(services.TradeRefused) as refused:
        services.accept_quote(enquiry, quote)
    assert refused.value.code == "export"


def test_the_same_form_sent_twice_is_one_enquiry(coop_a):
    lines = [(coop_a.product, Decimal(5), "kg")]
    from tests.trade.factories import BUYER

    first, created = services.submit_enquiry(nonce="same", lines=lines, language="en", **BUYER)
    again, created_again = services.submit_enquiry(
        nonce="same", lines=lines, language="en", **BUYER
    )
    assert created and not created_again and first == again
    assert Enquiry.objects.count() == 1


def test_a_cooperative_that_owns_every_line_sends_its_own_quote(coop_a, coop_b):
    enquiry = make_enquiry((coop_a.product, 5))
    draft = services.start_quote(enquiry, user=coop_a.user)
    price_all(draft, coop_a.user)
    assert services.may_send(coop_a.user, draft)
    assert not services.may_send(coop_b.user, draft)
    with pytest.raises(PermissionDenied):
        services.start_quote(enquiry, user=coop_b.user)
    with pytest.raises(PermissionDenied):
        services.send_quote(
            draft, user=coop_b.user, valid_until=timezone.localdate() + datetime.timedelta(1)
        )


def test_minimum_order_and_lot_rules(coop_a, coop_b, admin_user):
    from tests.provenance.factories import build_chain

    enquiry = make_enquiry((coop_a.product, 5))
    line = services.start_quote(enquiry, user=admin_user).lines.get()
    with pytest.raises(services.TradeRefused) as refused:
        services.price_line(
            line, user=admin_user, unit_price=10, quantity=Decimal(5), minimum_order=Decimal(10)
        )
    assert refused.value.code == "minimum"
    others = build_chain(coop_b.stockrecord)
    with pytest.raises(services.TradeRefused) as refused:
        services.price_line(line, user=admin_user, unit_price=10, quantity=Decimal(5), lot=others)
    assert refused.value.code == "lot"
    own = build_chain(coop_a.stockrecord)
    priced = services.price_line(line, user=admin_user, unit_price=10, quantity=Decimal(5), lot=own)
    assert priced.lot == own
