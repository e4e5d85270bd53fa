"""An order's life after it is placed: paid, shipped, cancelled. Plain functions; each
locks the order row, then its stock records in pk order, inside one transaction, and
sends its e-mail only after the transaction commits."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from payments import services as payment_services
from payments.models import Method
from payments.models import Status as PaymentStatus
from shop.order import emails
from shop.order.statuses import CANCELLED, OPEN_STATUSES, PAID, PENDING, PROCESSING, SHIPPED
from shop.order.stock import release_allocation

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

logger = logging.getLogger(__name__)

#: What payments calls an order's payment (payments.registry).
PAYMENT_PURPOSE = "order"


class OrderStateError(Exception):
    pass


class ExportPermitMissing(OrderStateError):
    """A line going abroad needs its export permit reference before it ships."""


def check_export_permits(lines):
    missing = [
        line for line in lines if line.export_permit_required and not line.export_permit_reference
    ]
    if missing:
        raise ExportPermitMissing(
            _(
                "Not shipped: %(lines)s go abroad and need an export permit reference. "
                "Staff enter it under Export permits in the dashboard; then ship again."
            )
            % {"lines": ", ".join(f"{line.title} (#{line.pk})" for line in missing)}
        )


@transaction.atomic
def set_export_permit_reference(line, reference, *, user=None):
    """Staff record the export permit a line ships under (noted on the order)."""
    line = Line.objects.select_for_update().select_related("order").get(pk=line.pk)
    reference = (reference or "").strip()[:64]
    if line.status == SHIPPED:
        raise OrderStateError(_("This line has shipped already."))
    line.export_permit_reference = reference
    line.save(update_fields=["export_permit_reference"])
    who = getattr(user, "email", "") or getattr(user, "username", "") or "staff"
    line.order.notes.create(
        message=f"Export permit for line {line.pk}: {reference or '(removed)'} ({who})"[:1000],
        note_type="System",
    )
    return line


def _lock_payments(order_or_number):
    """Lock order: payments, then the order, then stock records (pk order). A provider's
    webhook arrives holding the payment's lock, so the shop side takes it first too."""
    number = getattr(order_or_number, "number", order_or_number)
    return payment_services.lock_payments_for(PAYMENT_PURPOSE, number)


def _locked(order_or_number):
    number = getattr(order_or_number, "number", order_or_number)
    return Order.objects.select_for_update().get(number=number)


def _set_status(order, status, note=""):
    old = order.status
    order.status = status
    order.save(update_fields=["status"])
    order.lines.update(status=status)
    order.status_changes.create(old_status=old, new_status=status)
    if note:
        order.notes.create(message=note[:1000], note_type="System")


@transaction.atomic
def mark_order_paid(order_or_number, *, note=""):
    """Pending → paid and tell the buyer. A payment for an order that is no longer
    pending is noted on the order for staff (it may need a refund)."""
    order = _locked(order_or_number)
    if order.status == PENDING:
        _set_status(order, PAID, note)
        emails.send_on_commit(order, "paid")
        return order
    if order.status not in (PAID,):
        order.notes.create(
            message=f"Payment received while the order was {order.status}: check and refund.",
            note_type="System",
        )
    return order


@transaction.atomic
def cancel_order(order_or_number, *, reason="", cancel_payments=True):
    """Release exactly what the order still holds, once. Shipped or cancelled orders are
    left alone (returns False)."""
    _lock_payments(order_or_number)
    order = _locked(order_or_number)
    if order.status not in OPEN_STATUSES:
        return False
    lines = order.lines.filter(allocation_cancelled=False).order_by("pk")
    release_allocation(lines, sold=False, allocation_cancelled=True)
    _set_status(order, CANCELLED, reason)
    if cancel_payments:
        for payment in payment_services.payments_for(PAYMENT_PURPOSE, order.number):
            if payment.status == PaymentStatus.PAID:
                payment_services.flag_for_attention(
                    payment, note=f"order cancelled after payment: refund ({reason})"
                )
            else:
                payment_services.cancel_payment(payment, note=reason or "order cancelled")
    emails.send_on_commit(order, "cancelled")
    return True


@transaction.atomic
def ship_order(order_or_number, *, tracking_code="", carrier=""):
    """Hand the parcel over: the allocation becomes a sale (stock goes down)."""
    order = _locked(order_or_number)
    if order.status not in (PAID, PROCESSING):
        raise OrderStateError(f"order {order.number} is {order.status}, not ready to ship")
    lines = list(order.lines.filter(allocation_cancelled=False).order_by("pk"))
    check_export_permits(lines)
    release_allocation(lines, sold=True)
    order.tracking_code = tracking_code
    order.carrier = carrier
    order.save(update_fields=["tracking_code", "carrier"])
    _confirmed_by_shipping(order)
    # The note is written in the language of whoever ships (staff read it on the order).
    _set_status(order, SHIPPED, " ".join(filter(None, [_("Shipped"), carrier, tracking_code])))
    emails.send_on_commit(order, "shipped")
    return order


def _confirmed_by_shipping(order):
    """A cash-on-delivery order handed to the carrier is past confirming: it must not
    expire with some of its lines on the road."""
    if order.payment_method == Method.COD and order.cod_confirmed_at is None:
        order.cod_confirmed_at = timezone.now()
        order.save(update_fields=["cod_confirmed_at"])
        order.notes.create(message="Cash on delivery confirmed by shipping.", note_type="System")


class NotYourLineError(Exception):
    pass


@transaction.atomic
def ship_lines(user, lines, *, tracking_code, carrier=""):
    """A cooperative hands over its own lines of an order (one parcel, one tracking
    code). Only lines ``user`` owns (cooperatives.access) and not yet shipped; their
    allocation becomes a sale. When every line is shipped the order is Shipped and the
    buyer is told. Returns the ShippingEvent."""
    from cooperatives import access

    line_ids = sorted({getattr(line, "pk", line) for line in lines})
    if not line_ids:
        raise OrderStateError("no lines to ship")
    if not tracking_code.strip():
        raise OrderStateError("a tracking code is required")
    order_ids = set(Line.objects.filter(pk__in=line_ids).values_list("order_id", flat=True))
    if len(order_ids) != 1:
        raise OrderStateError("lines of exactly one order can be shipped together")
    order = Order.objects.select_for_update().get(pk=order_ids.pop())
    if order.status not in (PAID, PROCESSING):
        raise OrderStateError(f"order {order.number} is {order.status}, not ready to ship")
    owned = access.owned_queryset(user, Line).filter(pk__in=line_ids, order=order)
    lines = list(owned.order_by("pk"))
    if len(lines) != len(line_ids):
        raise NotYourLineError("some of these lines are not yours")
    for line in lines:
        if line.status == SHIPPED or line.allocation_cancelled:
            raise OrderStateError(f"line {line.pk} is {line.status}")
    check_export_permits(lines)
    release_allocation(lines, sold=True, status=SHIPPED)
    _confirmed_by_shipping(order)
    event_type, _ = ShippingEventType.objects.get_or_create(
        code="shipped", defaults={"name": "Shipped"}
    )
    event = ShippingEvent.objects.create(
        order=order,
        event_type=event_type,
        notes=f"{carrier} {tracking_code}".strip()[:1000],
    )
    for line in lines:
        ShippingEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    remaining = order.lines.filter(allocation_cancelled=False).exclude(status=SHIPPED)
    if not remaining.exists():
        old = order.status
        order.status = SHIPPED
        order.save(update_fields=["status"])
        order.status_changes.create(old_status=old, new_status=SHIPPED)
        emails.send_on_commit(order, "shipped")
    return event


def cancel_expired_orders(now=None):
    """Cancel every unpaid order past its payment deadline, and every cash-on-delivery
    order not confirmed in time (SHOP_COD_CONFIRM_HOURS). Safe to run again and
    alongside itself: each order is re-checked under its lock. A card order's Stripe
    session is ended first (outside any lock): if Stripe says it completed meanwhile,
    the order is left for the webhook."""
    now = now or timezone.now()
    unpaid = Order.objects.filter(status=PENDING, payment_due_at__lt=now)
    unconfirmed = Order.objects.filter(
        status=PROCESSING,
        payment_method=Method.COD,
        cod_confirmed_at__isnull=True,
        cod_confirm_by__lt=now,
    )
    numbers = list((unpaid | unconfirmed).order_by("pk").values_list("number", flat=True))
    cancelled = []
    for number in numbers:
        order = Order.objects.get(number=number)
        if order.payment_method == Method.CARD and not _expire_card_sessions(order):
            continue
        with transaction.atomic():
            _lock_payments(number)
            order = _locked(number)
            if _is_unpaid_past_due(order, now):
                cancel_order(order, reason="Not paid in time")
            elif _is_unconfirmed_past_due(order, now):
                cancel_order(order, reason="Cash on delivery not confirmed in time")
            else:
                continue
            cancelled.append(number)
    return cancelled


def _is_unpaid_past_due(order, now):
    return order.status == PENDING and order.payment_due_at and order.payment_due_at < now


def _is_unconfirmed_past_due(order, now):
    return (
        order.status == PROCESSING
        and order.payment_method == Method.COD
        and order.cod_confirmed_at is None
        and order.cod_confirm_by is not None
        and order.cod_confirm_by < now
    )


@transaction.atomic
def confirm_cod_order(order_or_number, *, by_staff=None, note=""):
    """The buyer (by the signed link) or staff (after calling them) confirm a
    cash-on-delivery order: it is no longer cancelled when SHOP_COD_CONFIRM_HOURS pass.
    Confirming twice changes nothing. A cancelled or non-COD order raises
    OrderStateError."""
    _lock_payments(order_or_number)
    order = _locked(order_or_number)
    if order.payment_method != Method.COD:
        raise OrderStateError(f"order {order.number} is not cash on delivery")
    if order.cod_confirmed_at is not None:
        return order
    if order.status != PROCESSING:
        raise OrderStateError(f"order {order.number} is {order.status}")
    order.cod_confirmed_at = timezone.now()
    order.save(update_fields=["cod_confirmed_at"])
    who = (
        f"by staff ({by_staff.get_username()}) after a phone call"
        if by_staff is not None
        else "by the buyer's link"
    )
    order.notes.create(
        message=f"Cash on delivery confirmed {who}. {note}".strip()[:1000],
        note_type="System",
        user=by_staff if getattr(by_staff, "pk", None) else None,
    )
    return order


def _expire_card_sessions(order):
    from payments import stripe_gateway

    for payment in payment_services.payments_for(PAYMENT_PURPOSE, order.number).filter(
        method=Method.CARD, status=PaymentStatus.PENDING
    ):
        if payment.provider_id and stripe_gateway.is_configured():
            try:
                stripe_gateway.expire_checkout_session(payment.provider_id)
            except Exception:  # noqa: BLE001 - already ended, or Stripe is down
                try:
                    session = stripe_gateway.retrieve_checkout_session(payment.provider_id)
                except Exception:  # noqa: BLE001
                    session = None
                if session is None or session.status != "expired":
                    logger.warning("order %s: Stripe session not expired", order.number)
                    return False
    return True


@transaction.atomic
def record_manual_payment(order_or_number, *, note="", user=None):
    """Staff say the money is in (cash, or a transfer matched by eye): the pending
    payment is marked paid, which marks the order paid through the usual callback."""
    _lock_payments(order_or_number)
    order = _locked(order_or_number)
    payment = (
        payment_services.payments_for(PAYMENT_PURPOSE, order.number)
        .filter(status=PaymentStatus.PENDING)
        .first()
    )
    if payment is None:
        payment = payment_services.create_payment(
            purpose=PAYMENT_PURPOSE,
            reference=order.number,
            amount=int(order.total_incl_tax),
            method=order.payment_method or Method.VIETQR,
        )
    payment_services.mark_paid_by_staff(payment, user=user, note=note)
    return order


# ---------------------------------------------------------------- payment callbacks
def on_payment_paid(payment):
    mark_order_paid(payment.reference, note=f"Payment {payment.pk} ({payment.method}) received")


def on_payment_cancelled(payment):
    cancel_order(payment.reference, reason=f"Payment {payment.pk} ended without payment")


def buyers_of_lots(lots):
    """Order lines for the stock records of the given packed lots, newest first."""
    stockrecord_ids = [pk for pk in lots.values_list("stockrecord_id", flat=True) if pk]
    return (
        Line.objects.filter(stockrecord_id__in=stockrecord_ids)
        .select_related("order", "order__user", "order__shipping_address", "product")
        .order_by("-order__date_placed")
    )


def buyers_of_area(area):
    """Order lines for every packed lot from this growing area (provenance says which
    lots an area affects; the shop knows who bought them)."""
    from provenance.services import affected_packed_lots

    return buyers_of_lots(affected_packed_lots(area))
