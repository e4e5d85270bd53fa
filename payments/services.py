"""Taking money: plain verb functions. Every change of a payment happens under its row
lock inside a transaction and leaves a StatusChange; every provider message is kept once."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from payments import registry, stripe_gateway, vietqr
from payments.models import Method, Payment, ProviderEvent, Status, StatusChange
from payments.statement import find_references, read_statement

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- payments
def create_payment(*, purpose, reference, amount, method, currency="VND", expires_at=None):
    if int(amount) != amount or amount < 0:
        raise ValueError("amount must be a whole, non-negative number")
    payment = Payment.objects.create(
        purpose=purpose,
        reference=str(reference),
        amount=int(amount),
        currency=currency,
        method=method,
        expires_at=expires_at,
    )
    StatusChange.objects.create(payment=payment, new_status=payment.status, note="created")
    return payment


def _locked(payment):
    return Payment.objects.select_for_update().get(pk=payment.pk)


def _change(payment, new_status, *, note="", event=None, by=None):
    old = payment.status
    payment.status = new_status
    if new_status == Status.PAID and not payment.paid_at:
        payment.paid_at = timezone.now()
    payment.save()
    StatusChange.objects.create(
        payment=payment,
        old_status=old,
        new_status=new_status,
        note=note[:255],
        event=event,
        by=by if getattr(by, "pk", None) else None,
    )


@transaction.atomic
def mark_paid(payment, *, note="", event=None, by=None):
    """Pending → paid, then tell the payment's owner. Paid already: nothing happens.
    Money for a payment already cancelled is recorded and flagged for staff (refund)."""
    payment = _locked(payment)
    if payment.status == Status.PAID:
        return payment
    if payment.status != Status.PENDING:
        before = payment.status
        payment.needs_attention = True
        _change(
            payment, Status.PAID, note=f"paid after {before}: refund? {note}", event=event, by=by
        )
        logger.warning("payment %s paid after it was %s", payment.pk, before)
        registry.notify_paid(payment)  # the owner decides (e.g. notes a refund to make)
        return payment
    _change(payment, Status.PAID, note=note, event=event, by=by)
    registry.notify_paid(payment)
    return payment


@transaction.atomic
def cancel_payment(payment, *, note="", event=None, notify=False):
    """Pending → cancelled. Anything else is left as it is. ``notify`` tells the owner
    (used when the provider ends the payment, not when the owner asked for it)."""
    payment = _locked(payment)
    if payment.status != Status.PENDING:
        return payment
    _change(payment, Status.CANCELLED, note=note, event=event)
    if notify:
        registry.notify_cancelled(payment)
    return payment


@transaction.atomic
def flag_for_attention(payment, *, note):
    """Money is in but what it paid for is gone (e.g. a paid order cancelled): staff
    must refund. Recorded in the payment's history."""
    payment = _locked(payment)
    payment.needs_attention = True
    payment.save(update_fields=["needs_attention", "updated_at"])
    StatusChange.objects.create(
        payment=payment, old_status=payment.status, new_status=payment.status, note=note[:255]
    )
    return payment


def lock_payments_for(purpose, reference):
    """Lock every payment for a reference, in pk order (inside the caller's transaction)."""
    return list(
        Payment.objects.select_for_update()
        .filter(purpose=purpose, reference=str(reference))
        .order_by("pk")
    )


def payments_for(purpose, reference):
    return Payment.objects.filter(purpose=purpose, reference=str(reference))


def record_event(
    provider,
    event_id,
    *,
    type,
    payload=None,
    payment=None,
    amount=None,
    currency="",
    provider_created=None,
):
    """Keep a provider's message once. Returns ``(event, True)`` the first time and
    ``(None, False)`` for a replay, even one racing in another transaction (the unique
    constraint makes the second insert wait, then fail)."""
    try:
        with transaction.atomic():
            event = ProviderEvent.objects.create(
                provider=provider,
                event_id=str(event_id),
                type=type,
                payload=payload or {},
                payment=payment,
                amount=amount,
                currency=currency,
                provider_created=provider_created,
            )
    except IntegrityError:
        return None, False
    return event, True


# --------------------------------------------------------------------------- VietQR
def vietqr_payload(payment):
    return vietqr.build_payload(
        bin_code=settings.VIETQR_BANK_BIN,
        account=settings.VIETQR_ACCOUNT_NUMBER,
        amount=int(payment.amount),
        reference=transfer_message(payment),
    )


def transfer_message(payment):
    return f"{settings.VIETQR_REFERENCE_PREFIX}{payment.reference}"


@dataclass
class StatementReport:
    matched: list = field(default_factory=list)
    already_imported: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)  # (row, reason)
    unmatched: list = field(default_factory=list)


def import_statement(data, *, by=None) -> StatementReport:
    """Match a bank statement's credits to pending VietQR payments by reference AND
    amount. Anything else is listed for staff, never guessed. Importing a file twice
    changes nothing the second time (each bank transaction id is kept once)."""
    report = StatementReport()
    prefix = settings.VIETQR_REFERENCE_PREFIX
    for row in read_statement(data):
        if ProviderEvent.objects.filter(provider="bank", event_id=row.transaction_id).exists():
            report.already_imported.append(row)
            continue
        references = find_references(row.description, prefix)
        candidates = list(
            Payment.objects.filter(method=Method.VIETQR, reference__in=references).order_by("pk")
        )
        reason = ""
        payment = None
        if not candidates:
            report.unmatched.append(row)
            reason = "no matching reference"
        elif len({p.reference for p in candidates}) > 1:
            reason = "several references in one transfer"
        else:
            payment = candidates[-1]
            if payment.amount != row.amount:
                reason = f"amount {row.amount} but {payment.amount} expected"
            elif payment.status == Status.PAID:
                reason = "already paid"
        with transaction.atomic():
            event, created = record_event(
                "bank",
                row.transaction_id,
                type="credit",
                amount=row.amount,
                currency="VND",
                payment=payment,
                payload={
                    "line": row.line,
                    "date": row.date,
                    "description": row.description,
                    "amount": row.amount,
                },
            )
            if not created:
                report.already_imported.append(row)
                continue
            if reason:
                event.outcome = reason
                event.save(update_fields=["outcome"])
                if payment is not None or candidates:
                    report.mismatched.append((row, reason))
                continue
            mark_paid(payment, note=f"bank statement {row.transaction_id}", event=event, by=by)
            event.outcome = "matched"
            event.save(update_fields=["outcome"])
            report.matched.append((row, payment))
    return report


@transaction.atomic
def mark_paid_by_staff(payment, *, user, note=""):
    event, _ = record_event(
        "staff",
        f"{payment.pk}-{timezone.now().timestamp()}",
        type="marked_paid",
        payment=payment,
        amount=payment.amount,
        currency=payment.currency,
        payload={"user": getattr(user, "pk", None), "note": note},
    )
    return mark_paid(payment, note=note or "marked paid by staff", event=event, by=user)


# --------------------------------------------------------------------------- Stripe
def start_card_payment(payment, *, description, success_url, cancel_url, email="", locale="auto"):
    """Create the Stripe Checkout Session and remember its id and address."""
    expires_at = stripe_gateway.session_expiry(timezone.now())
    session = stripe_gateway.create_checkout_session(
        payment,
        description=description,
        success_url=success_url,
        cancel_url=cancel_url,
        expires_at=expires_at,
        email=email,
        locale=locale,
    )
    Payment.objects.filter(pk=payment.pk).update(
        provider_id=session.id, checkout_url=session.url or "", expires_at=expires_at
    )
    payment.refresh_from_db()
    return payment


class WebhookRejected(Exception):
    pass


def handle_stripe_webhook(payload: bytes, signature: str) -> str:
    """Verify, record once, then act. Returns what was done (for logs and tests).
    Raises WebhookRejected for a bad or stale signature: nothing is stored then."""
    import stripe

    try:
        event = stripe_gateway.construct_event(payload, signature or "")
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise WebhookRejected(str(exc)) from exc

    data = event.to_dict()
    obj = data.get("data", {}).get("object", {}) or {}
    kind = data.get("type", "")
    if not data.get("id") or not kind:
        raise WebhookRejected("event without id or type")
    with transaction.atomic():
        # Only the session id we stored names a payment. Metadata and client_reference_id
        # are only checked against it: anyone's session can carry any metadata.
        payment = None
        if obj.get("id"):
            payment = Payment.objects.select_for_update().filter(provider_id=obj["id"]).first()
        created_at = datetime.datetime.fromtimestamp(data.get("created") or 0, tz=datetime.UTC)
        recorded, first = record_event(
            "stripe",
            data["id"],
            type=kind,
            payment=payment,
            amount=obj.get("amount_total"),
            currency=(obj.get("currency") or "").upper()[:3],
            provider_created=created_at,
            payload=data,
        )
        if not first:
            return "duplicate"
        outcome = _apply_stripe_event(kind, obj, payment, recorded)
        recorded.outcome = outcome
        recorded.save(update_fields=["outcome"])
        return outcome


def _metadata_disagrees(obj, payment):
    named = {
        str(value)
        for value in ((obj.get("metadata") or {}).get("payment_id"), obj.get("client_reference_id"))
        if value not in (None, "")
    }
    return bool(named - {str(payment.pk)})


def _apply_stripe_event(kind, obj, payment, event):
    if payment is None:
        return "ignored: no payment"
    if payment.method != Method.CARD:
        return "ignored: not a card payment"
    if kind.startswith("checkout.session.") and _metadata_disagrees(obj, payment):
        payment.needs_attention = True
        payment.save(update_fields=["needs_attention"])
        logger.warning("Stripe session %s: metadata names another payment", obj.get("id"))
        return "mismatch: session and metadata"
    if kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        if obj.get("payment_status") != "paid":
            return "waiting: not paid yet"
        if obj.get("amount_total") != payment.amount or (obj.get("currency") or "").upper() != (
            payment.currency
        ):
            payment.needs_attention = True
            payment.save(update_fields=["needs_attention"])
            return "mismatch: amount or currency"
        payment.provider_payment_id = obj.get("payment_intent") or ""
        payment.save(update_fields=["provider_payment_id"])
        before = payment.status
        mark_paid(payment, note=kind, event=event)
        return "paid" if before == Status.PENDING else f"paid after {before}"
    if kind in ("checkout.session.expired", "checkout.session.async_payment_failed"):
        if payment.status != Status.PENDING:
            return f"ignored: already {payment.status}"
        cancel_payment(payment, note=kind, event=event, notify=True)
        return "cancelled"
    return "ignored: type"
