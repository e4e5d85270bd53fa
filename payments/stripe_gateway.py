"""The few Stripe calls we make, with the real stripe library. Keys come from settings
(read from the environment); without them the card option is simply not offered."""

import datetime

import stripe
from django.conf import settings


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def client() -> stripe.StripeClient:
    kwargs = {"max_network_retries": 0}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **kwargs)


def create_checkout_session(
    payment, *, description, success_url, cancel_url, expires_at, email="", locale="auto"
):
    """A hosted Checkout Session for the payment's amount (VND is zero-decimal)."""
    params = {
        "mode": "payment",
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": str(payment.pk),
        "metadata": {"payment_id": str(payment.pk), "reference": payment.reference},
        "payment_intent_data": {"metadata": {"payment_id": str(payment.pk)}},
        "expires_at": int(expires_at.timestamp()),
        "locale": locale,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": payment.currency.lower(),
                    "unit_amount": int(payment.amount),
                    "product_data": {"name": description},
                },
            }
        ],
    }
    if email:
        params["customer_email"] = email
    return client().v1.checkout.sessions.create(
        params=params, options={"idempotency_key": f"payment-{payment.pk}-session"}
    )


def expire_checkout_session(session_id):
    return client().v1.checkout.sessions.expire(session_id)


def retrieve_checkout_session(session_id):
    return client().v1.checkout.sessions.retrieve(session_id)


def construct_event(payload: bytes, signature: str):
    """Verify the signature (and its age) and parse the event; raises ValueError or
    stripe.SignatureVerificationError."""
    return stripe.Webhook.construct_event(
        payload,
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
    )


def session_expiry(now) -> datetime.datetime:
    # Stripe accepts 30 minutes to 24 hours.
    minutes = min(max(settings.STRIPE_SESSION_MINUTES, 30), 24 * 60)
    return now + datetime.timedelta(minutes=minutes)
