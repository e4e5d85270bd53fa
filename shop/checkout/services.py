"""Placing an order: stock first, money after.

Oscar's stock checkout asks for payment and only then allocates, without checking
(django-oscar #1811, #4524). Here ``place_order`` locks the basket, then the stock
records in pk order, checks every line, allocates and writes the order in ONE
transaction; only a placed order is ever shown a way to pay.
"""

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_class, get_model

from payments import intl_transfer, stripe_gateway
from payments import services as payment_services
from payments.models import Method
from shop.catalogue import destinations
from shop.order import emails
from shop.order.services import PAYMENT_PURPOSE, PENDING, PROCESSING
from shop.order.stock import lock_stockrecords

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shortage:
    title: str
    requested: int
    available: int


class CheckoutError(Exception):
    pass


class OutOfStock(CheckoutError):
    def __init__(self, shortages):
        self.shortages = shortages
        super().__init__("; ".join(f"{s.title}: {s.available}/{s.requested}" for s in shortages))


class PaymentMethodNotAllowed(CheckoutError):
    pass


class HoldLimitReached(CheckoutError):
    """The buyer already holds as much unpaid stock as one buyer may."""


# ------------------------------------------------------------------ holds per buyer
def buyer_session_key(session_key):
    """What an order keeps of the browser session it was placed from (a digest: the
    session key itself is a credential)."""
    if not session_key:
        return ""
    return hashlib.sha256(f"order-buyer:{session_key}".encode()).hexdigest()[:40]


def _buyer_identity(*, email, phone, user, session):
    identity = []
    if email:
        identity.append(("email", email.strip().lower()))
    if phone:
        identity.append(("phone", phone))
    if user is not None and getattr(user, "pk", None):
        identity.append(("user", str(user.pk)))
    if session:
        identity.append(("session", session))
    return identity


def unpaid_orders_of(identity):
    """Orders of this buyer (same e-mail, phone, account or browser session) that hold
    stock without money: awaiting payment, or cash on delivery not yet delivered."""
    match = Q()
    for kind, value in identity:
        if kind == "email":
            match |= Q(guest_email__iexact=value) | Q(user__email__iexact=value)
        elif kind == "phone":
            match |= Q(shipping_address__phone_number=value)
        elif kind == "user":
            match |= Q(user_id=int(value))
        elif kind == "session":
            match |= Q(buyer_session=value)
    if not match:
        return Order.objects.none()
    return Order.objects.filter(match).filter(
        Q(status=PENDING) | Q(status=PROCESSING, payment_method=Method.COD)
    )


def _lock_buyer(identity):
    """Serialise one buyer's checkouts (PostgreSQL advisory locks, released at commit),
    in a fixed order. Other databases serialise writers anyway."""
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        int.from_bytes(hashlib.sha256(f"{k}:{v}".encode()).digest()[:8], "big", signed=True)
        for k, v in identity
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def check_open_orders(identity):
    limit = settings.SHOP_MAX_OPEN_ORDERS_PER_BUYER
    count = unpaid_orders_of(identity).distinct().count()
    if limit and count >= limit:
        raise HoldLimitReached(
            ngettext(
                "You already have %(count)d order waiting for payment or delivery. Please "
                "pay for it or wait for it to arrive before ordering again, or call us.",
                "You already have %(count)d orders waiting for payment or delivery. Please "
                "pay for them or wait for them to arrive before ordering again, or call us.",
                count,
            )
            % {"count": count}
        )


def check_unpaid_units(identity, lines):
    """Each product: what this basket asks for plus what the buyer's unpaid orders
    already hold must stay within SHOP_MAX_UNPAID_UNITS_PER_PRODUCT."""
    limit = settings.SHOP_MAX_UNPAID_UNITS_PER_PRODUCT
    if not limit:
        return
    wanted = defaultdict(int)
    titles = {}
    for line in lines:
        wanted[line.product_id] += line.quantity
        titles[line.product_id] = line.product.get_title()
    orders = unpaid_orders_of(identity).values("pk")
    held = dict(
        Line.objects.filter(order__in=orders, product_id__in=list(wanted))
        .values("product_id")
        .annotate(total=Sum("quantity"))
        .values_list("product_id", "total")
    )
    for product_id, quantity in wanted.items():
        already = held.get(product_id) or 0
        if already + quantity > limit:
            raise HoldLimitReached(
                _(
                    "%(title)s: one buyer may have at most %(limit)d waiting for payment or "
                    "delivery (your open orders hold %(held)d, this basket %(wanted)d). Please "
                    "pay for your open order first, or contact us for a larger order."
                )
                % {"title": titles[product_id], "limit": limit, "held": already, "wanted": quantity}
            )


class DestinationNotAllowed(CheckoutError):
    """Some basket line may not be sent to the shipping address's country."""


def available_payment_methods(*, country_code, total):
    """What the buyer may choose: VietQR always, cash on delivery in Vietnam up to a
    ceiling, cards only when Stripe is configured."""
    methods = [Method.VIETQR]
    if country_code == "VN" and total <= settings.SHOP_COD_MAX_VND:
        methods.append(Method.COD)
    if stripe_gateway.is_configured():
        methods.append(Method.CARD)
    if country_code and country_code != "VN" and intl_transfer.is_configured():
        # Abroad: a SWIFT transfer from any bank, offered first (VietQR needs a
        # Vietnamese banking app).
        methods.insert(0, Method.INTL_TRANSFER)
    return methods


def place_order(
    basket,
    *,
    user,
    shipping_address,
    shipping_method,
    payment_method,
    email="",
    language=None,
    billing_address=None,
    request=None,
    session_key=None,
):
    """Place ``basket`` as an order holding its stock. Returns the order.

    Submitting the same basket twice returns the first order. Raises OutOfStock (nothing
    is written) when any line cannot be had in full, PaymentMethodNotAllowed when the
    method is not open to this buyer, HoldLimitReached when this buyer (same e-mail,
    phone, account or browser session) already holds as many unpaid orders or units of
    a product as one buyer may. Lock order: basket, buyer, stock records (pk order).
    """
    language = language or settings.LANGUAGE_CODE
    if session_key is None and request is not None and hasattr(request, "session"):
        session_key = request.session.session_key
    buyer = _buyer_identity(
        email=email or getattr(user, "email", ""),
        phone=str(getattr(shipping_address, "phone_number", "") or ""),
        user=user if user is not None and user.is_authenticated else None,
        session=buyer_session_key(session_key),
    )
    with transaction.atomic():
        locked = Basket.objects.select_for_update().get(pk=basket.pk)
        if locked.status == Basket.SUBMITTED:
            existing = Order.objects.filter(basket_id=basket.pk).first()
            if existing is not None:
                return existing
        if basket.is_empty:
            raise CheckoutError(_("Your basket is empty."))
        country = shipping_address.country_id if shipping_address is not None else ""
        problem = destinations.destination_problem(basket, country)
        if problem:
            raise DestinationNotAllowed(problem)

        lines = list(basket.all_lines())
        _lock_buyer(buyer)
        check_open_orders(buyer)
        check_unpaid_units(buyer, lines)
        wanted = defaultdict(int)
        for line in lines:
            if line.product.get_product_class().track_stock:
                wanted[line.stockrecord_id] += line.quantity
        records = lock_stockrecords(wanted)
        shortages = []
        for pk, quantity in wanted.items():
            record = records.get(pk)
            available = 0 if record is None else max(record.net_stock_level, 0)
            if available < quantity:
                title = next(li.product.get_title() for li in lines if li.stockrecord_id == pk)
                shortages.append(Shortage(title=title, requested=quantity, available=available))
        if shortages:
            raise OutOfStock(shortages)

        shipping_charge = shipping_method.calculate(basket)
        total = OrderTotalCalculator(request).calculate(basket, shipping_charge)
        amount = int(total.incl_tax)
        if payment_method not in available_payment_methods(country_code=country, total=amount):
            raise PaymentMethodNotAllowed(_("This payment method is not available for this order."))

        now = timezone.now()
        confirm_by = None
        if payment_method == Method.COD:
            status, due = PROCESSING, None
            confirm_by = now + datetime.timedelta(hours=settings.SHOP_COD_CONFIRM_HOURS)
        elif payment_method == Method.CARD:
            # A backstop after Stripe's own expiry; the webhook normally ends it first.
            due = stripe_gateway.session_expiry(now) + datetime.timedelta(minutes=15)
            status = PENDING
        elif payment_method == Method.INTL_TRANSFER:
            status = PENDING
            due = now + datetime.timedelta(days=settings.INTL_TRANSFER_WINDOW_DAYS)
        else:
            status = PENDING
            due = now + datetime.timedelta(hours=settings.SHOP_TRANSFER_WINDOW_HOURS)

        if shipping_address is not None:
            shipping_address.save()
        if billing_address is not None:
            billing_address.save()
        number = str(OrderNumberGenerator().order_number(basket))
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=shipping_method,
            shipping_charge=shipping_charge,
            user=user if user is not None and user.is_authenticated else None,
            shipping_address=shipping_address,
            billing_address=billing_address,
            order_number=number,
            status=status,
            request=request,
            guest_email=email if not (user and user.is_authenticated) else "",
            language=language[:10],
            payment_method=payment_method,
            payment_due_at=due,
            buyer_session=buyer_session_key(session_key),
            cod_confirm_by=confirm_by,
        )
        mark_export_lines(order, country)
        basket.submit()
        payment_services.create_payment(
            purpose=PAYMENT_PURPOSE,
            reference=order.number,
            amount=amount,
            method=payment_method,
            expires_at=due,
        )
        emails.send_on_commit(order, "placed")
    logger.info("order %s placed (%s, %s ₫)", order.number, payment_method, amount)
    return order


def mark_export_lines(order, country_code):
    """Lines going abroad whose product needs an export permit wait for its reference."""
    for line in order.lines.select_related("product").order_by("pk"):
        if line.product is not None and destinations.export_permit_required(
            line.product, country_code
        ):
            line.export_permit_required = True
            line.save(update_fields=["export_permit_required"])


def fit_basket_to_stock(basket):
    """After a lost race: trim each line to what is left (removing sold-out lines) so the
    basket says what can still be bought. Returns the shortages it applied."""
    changed = []
    with transaction.atomic():
        for line in basket.all_lines():
            record = line.stockrecord
            if record is None or not line.product.get_product_class().track_stock:
                continue
            record.refresh_from_db(fields=["num_in_stock", "num_allocated"])
            available = max(record.net_stock_level, 0)
            if line.quantity > available:
                changed.append(
                    Shortage(line.product.get_title(), requested=line.quantity, available=available)
                )
                if available:
                    line.quantity = available
                    line.save(update_fields=["quantity"])
                else:
                    line.delete()
    basket.reset_offer_applications()
    if hasattr(basket, "_lines"):
        basket._lines = None
    return changed
