"""Taking money: plain verb functions. Every change of a payment happens under its row
lock inside a transaction and leaves a StatusChange; every provider message is kept once."""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments import registry, stripe_gateway, vietqr
from payments import statement as statement_module
from payments.models import (
    Method,
    Payment,
    ProviderEvent,
    StatementImport,
    Status,
    StatusChange,
)
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


# What a refused statement line is refused for, in words for staff.
REFUSAL_REASONS = {
    statement_module.AMBIGUOUS: _(
        "ambiguous amount: one separator followed by three digits could be thousands or "
        "decimals, and the file's other lines do not settle it"
    ),
    statement_module.FRACTION: _("the amount has a fraction of a dong"),
    statement_module.MALFORMED: _("not an amount"),
    statement_module.SHORT_ROW: _("the line has fewer columns than the header"),
}


@dataclass
class StatementReport:
    matched: list = field(default_factory=list)
    already_imported: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)  # (row, reason)
    unmatched: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # statement.RefusedLine


def import_statement(data, *, by=None, progress=None) -> StatementReport:
    """Match a bank statement's credits to pending VietQR payments by reference AND
    amount. Anything else is listed for staff, never guessed; lines whose amount cannot
    be read for certain are refused with their reason. Importing a file twice changes
    nothing the second time: each credit is kept once by the bank's transaction id or,
    without one, by a digest of the line's own content (statement.content_key).
    ``progress(done, total)`` is called after each line."""
    statement = read_statement(data)
    report = StatementReport(refused=list(statement.refused))
    total = len(statement)
    done = len(statement.refused)
    if progress:
        progress(done, total)
    for row in statement.rows:
        _import_statement_row(row, report, by=by)
        done += 1
        if progress:
            progress(done, total)
    return report


def _import_statement_row(row, report, *, by=None):
    prefix = settings.VIETQR_REFERENCE_PREFIX
    if ProviderEvent.objects.filter(provider="bank", event_id=row.key).exists():
        report.already_imported.append(row)
        return
    references = find_references(row.description, prefix)
    candidates = list(
        # VietQR and international (SWIFT) transfers quote the same reference and land
        # on the same account.
        Payment.objects.filter(
            method__in=[Method.VIETQR, Method.INTL_TRANSFER], reference__in=references
        ).order_by("pk")
    )
    reason = ""
    payment = None
    if not candidates:
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
            row.key,
            type="credit",
            amount=row.amount,
            currency="VND",
            payment=payment,
            payload={
                "line": row.line,
                "transaction_id": row.transaction_id,
                "date": row.date,
                "description": row.description,
                "amount": row.amount,
            },
        )
        if not created:
            report.already_imported.append(row)
            return
        if reason:
            event.outcome = reason
            event.save(update_fields=["outcome"])
            if candidates:
                report.mismatched.append((row, reason))
            else:
                report.unmatched.append(row)
            return
        label = row.transaction_id or f"line {row.line}"
        mark_paid(payment, note=f"bank statement {label}", event=event, by=by)
        event.outcome = "matched"
        event.save(update_fields=["outcome"])
        report.matched.append((row, payment))


def start_statement_import(data, *, file_name="", by=None):
    """Check the file can be read at all (StatementError says why not), keep it, and
    import it through the task interface. Returns the StatementImport that records the
    progress and the outcome of every line."""
    statement = read_statement(data)
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    record = StatementImport.objects.create(
        file_name=file_name[:255],
        content=text,
        rows_total=len(statement),
        created_by=by if getattr(by, "pk", None) else None,
    )
    from payments.tasks import import_bank_statement

    transaction.on_commit(lambda: import_bank_statement.enqueue(record.pk))
    return record


def run_statement_import(import_id):
    """The task's body: import, saving progress every few lines, then the results."""
    record = StatementImport.objects.get(pk=import_id)
    if record.finished:
        return record.state
    StatementImport.objects.filter(pk=record.pk).update(state=StatementImport.State.RUNNING)

    def progress(done, total):
        if done == total or done % 25 == 0:
            StatementImport.objects.filter(pk=record.pk).update(rows_done=done, rows_total=total)

    try:
        report = import_statement(record.content, by=record.created_by, progress=progress)
    except Exception as exc:
        logger.exception("statement import %s failed", record.pk)
        StatementImport.objects.filter(pk=record.pk).update(
            state=StatementImport.State.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return StatementImport.State.FAILED
    StatementImport.objects.filter(pk=record.pk).update(
        state=StatementImport.State.DONE,
        matched=len(report.matched),
        to_check=len(report.mismatched),
        unmatched=len(report.unmatched),
        already_imported=len(report.already_imported),
        refused=len(report.refused),
        results=report_as_json(report),
        finished_at=timezone.now(),
    )
    return StatementImport.State.DONE


def _row_json(row, outcome, **extra):
    return {
        "line": row.line,
        "transaction_id": row.transaction_id,
        "date": row.date,
        "amount": row.amount,
        "description": row.description,
        "outcome": outcome,
        **extra,
    }


def report_as_json(report):
    rows = [_row_json(row, "matched", reference=p.reference) for row, p in report.matched]
    rows += [_row_json(row, "check", reason=reason) for row, reason in report.mismatched]
    rows += [_row_json(row, "unmatched") for row in report.unmatched]
    rows += [_row_json(row, "already_imported") for row in report.already_imported]
    rows += [
        {
            "line": r.line,
            "outcome": "refused",
            "refusal": r.reason,  # a key of REFUSAL_REASONS, said in words when shown
            "text": r.text,
        }
        for r in report.refused
    ]
    return sorted(rows, key=lambda r: r["line"])


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
