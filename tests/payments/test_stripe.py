import json
import time

import pytest
from django.core import mail
from oscar.core.loading import get_model

from payments import services
from payments.models import Payment, ProviderEvent
from shop.order.stock import stock_problems
from tests.factories import ProductFactory
from tests.payments.fake_stripe import sign
from tests.shop.checkout.helpers import foreign_address, make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def card_order(countries, fake_stripe):
    product = ProductFactory(stock=3, stock__price=2_500_000)
    order = place(
        make_basket((product, 2)), method="card", address=foreign_address(), language="en"
    )
    payment = Payment.objects.get(reference=order.number)
    payment = services.start_card_payment(
        payment,
        description=f"Order {order.number}",
        success_url="http://testserver/ok",
        cancel_url="http://testserver/cancel",
        email="anna@example.de",
        locale="en",
    )
    return order, payment, product


def post_event(client, payload, secret="whsec_test_secret", timestamp=None, signature=None):
    return client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature or sign(payload, secret, timestamp),
    )


def test_session_created_in_vnd_with_expiry(card_order, fake_stripe):
    order, payment, product = card_order
    session = fake_stripe.sessions[payment.provider_id]
    assert session["currency"] == "vnd"
    assert session["amount_total"] == payment.amount == int(order.total_incl_tax)
    assert session["metadata"]["payment_id"] == str(payment.pk)
    assert session["expires_at"] > time.time() + 29 * 60
    assert session["idempotency_key"] == f"payment-{payment.pk}-session"
    assert payment.checkout_url.endswith(payment.provider_id)
    assert StockRecord.objects.get(product=product).num_allocated == 2  # held before paying


def test_completed_webhook_pays_once_and_replay_does_nothing(
    card_order, fake_stripe, client, django_capture_on_commit_callbacks
):
    order, payment, _ = card_order
    # The browser coming back alone proves nothing.
    client.get("/en/shop/checkout/thank-you/")
    assert Order.objects.get(pk=order.pk).status == "Pending payment"

    payload = fake_stripe.event(
        "checkout.session.completed", fake_stripe.complete(payment.provider_id)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, payload)
    assert response.status_code == 200 and response.content == b"paid"
    assert Order.objects.get(pk=order.pk).status == "Paid"
    paid_mails = [m for m in mail.outbox if "Payment received" in m.subject]
    assert len(paid_mails) == 1  # English: the order's language

    with django_capture_on_commit_callbacks(execute=True):
        again = post_event(client, payload)
    assert again.status_code == 200 and again.content == b"duplicate"
    assert ProviderEvent.objects.filter(provider="stripe").count() == 1
    assert [c.new_status for c in Payment.objects.get(pk=payment.pk).history.all()] == [
        "pending",
        "paid",
    ]
    assert len([m for m in mail.outbox if "Payment received" in m.subject]) == 1


def test_bad_signature_rejected_without_side_effect(card_order, fake_stripe, client):
    order, payment, _ = card_order
    payload = fake_stripe.event(
        "checkout.session.completed", fake_stripe.complete(payment.provider_id)
    )
    tampered = payload.replace('"paid"', '"paid" ')
    assert (
        post_event(client, tampered, signature=sign(payload, "whsec_test_secret")).status_code
        == 400
    )
    assert post_event(client, payload, secret="whsec_wrong").status_code == 400
    assert client.post(WEBHOOK, data=payload, content_type="application/json").status_code == 400
    stale = int(time.time()) - 3600
    assert post_event(client, payload, timestamp=stale).status_code == 400
    assert ProviderEvent.objects.count() == 0
    assert Order.objects.get(pk=order.pk).status == "Pending payment"


def test_expired_session_cancels_and_releases_stock(card_order, fake_stripe, client):
    order, payment, product = card_order
    session = fake_stripe.sessions[payment.provider_id]
    session["status"] = "expired"
    response = post_event(client, fake_stripe.event("checkout.session.expired", session))
    assert response.content == b"cancelled"
    assert Order.objects.get(pk=order.pk).status == "Cancelled"
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert stock_problems() == []


def test_out_of_order_events(card_order, fake_stripe, client):
    order, payment, _ = card_order
    session = fake_stripe.complete(payment.provider_id)
    completed = fake_stripe.event("checkout.session.completed", session, created=int(time.time()))
    expired = fake_stripe.event(
        "checkout.session.expired", {**session, "status": "expired"}, created=int(time.time()) - 60
    )
    assert post_event(client, completed).content == b"paid"
    # An older "expired" arriving late must not undo the payment.
    assert post_event(client, expired).content.startswith(b"ignored")
    assert Order.objects.get(pk=order.pk).status == "Paid"


def test_payment_after_cancellation_is_flagged_not_lost(card_order, fake_stripe, client):
    from shop.order.services import cancel_order

    order, payment, _ = card_order
    cancel_order(order, reason="test")
    payload = fake_stripe.event(
        "checkout.session.completed", fake_stripe.complete(payment.provider_id)
    )
    assert post_event(client, payload).status_code == 200
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.needs_attention
    order = Order.objects.get(pk=order.pk)
    assert order.status == "Cancelled"
    assert order.notes.filter(message__icontains="refund").exists()


def test_event_for_unknown_session_does_not_pay_the_payment_in_metadata(
    countries, fake_stripe, client
):
    """Only the session id we stored names a payment: metadata is the buyer's to set
    (any Stripe account can send a session whose metadata names our payment id)."""
    order = place(make_basket((ProductFactory(stock=1), 1)), method="card")
    payment = Payment.objects.get(reference=order.number)
    session = {
        "id": "cs_test_someone_else",
        "object": "checkout.session",
        "payment_status": "paid",
        "status": "complete",
        "amount_total": payment.amount,
        "currency": "vnd",
        "metadata": {"payment_id": str(payment.pk)},
        "client_reference_id": str(payment.pk),
        "payment_intent": "pi_1",
    }
    response = post_event(client, fake_stripe.event("checkout.session.completed", session))
    assert response.content.startswith(b"ignored")
    payment.refresh_from_db()
    assert payment.status == "pending" and payment.provider_id == ""
    assert Order.objects.get(pk=order.pk).status == "Pending payment"


def test_session_and_metadata_disagree_pays_nothing(card_order, fake_stripe, client):
    """A completed session of payment A whose metadata names payment B pays neither B
    nor (since it was not what A's session was made with) is it read as B's money."""
    order_a, payment_a, _ = card_order
    order_b = place(
        make_basket((ProductFactory(stock=2, stock__price=2_500_000), 2)),
        method="card",
        address=foreign_address(),
        language="en",
    )
    payment_b = Payment.objects.get(reference=order_b.number)
    session = {
        **fake_stripe.complete(payment_a.provider_id),
        "metadata": {"payment_id": str(payment_b.pk)},
        "client_reference_id": str(payment_b.pk),
    }
    response = post_event(client, fake_stripe.event("checkout.session.completed", session))
    assert response.content.startswith(b"mismatch")
    payment_b.refresh_from_db()
    assert payment_b.status == "pending"
    assert Order.objects.get(pk=order_b.pk).status == "Pending payment"
    payment_a.refresh_from_db()
    assert payment_a.status == "pending" and payment_a.needs_attention
    event = ProviderEvent.objects.get(provider="stripe")
    assert event.payment_id == payment_a.pk


def test_wrong_amount_is_not_paid(card_order, fake_stripe, client):
    order, payment, _ = card_order
    session = {**fake_stripe.complete(payment.provider_id), "amount_total": 1000}
    response = post_event(client, fake_stripe.event("checkout.session.completed", session))
    assert response.content.startswith(b"mismatch")
    assert Order.objects.get(pk=order.pk).status == "Pending payment"


def test_webhook_unavailable_without_keys(client, settings, db):
    settings.STRIPE_SECRET_KEY = ""
    assert client.post(WEBHOOK, data="{}", content_type="application/json").status_code == 503


def test_cancel_expired_card_order_expires_session_first(card_order, fake_stripe):
    import datetime

    from django.utils import timezone

    from shop.order.services import cancel_expired_orders

    order, payment, _ = card_order
    Order.objects.filter(pk=order.pk).update(payment_due_at=timezone.now() - datetime.timedelta(1))
    assert cancel_expired_orders() == [order.number]
    assert fake_stripe.sessions[payment.provider_id]["status"] == "expired"


def test_payload_is_json(card_order, fake_stripe):
    _, payment, _ = card_order
    data = json.loads(
        fake_stripe.event("checkout.session.completed", fake_stripe.sessions[payment.provider_id])
    )
    assert data["data"]["object"]["id"] == payment.provider_id
