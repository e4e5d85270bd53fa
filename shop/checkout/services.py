"""Placing an order: stock first, money after.

Oscar's stock checkout asks for payment and only then allocates, without checking
(django-oscar #1811, #4524). Here ``place_order`` locks the basket, then the stock
records in pk order, checks every line, allocates and writes the order in ONE
transaction; only a placed order is ever shown a way to pay.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from payments import services as payment_services
from payments import stripe_gateway
from payments.models import Method
from shop.catalogue import destinations
from shop.order import emails
from shop.order.services import PAYMENT_PURPOSE, PENDING, PROCESSING
from shop.order.stock import lock_stockrecords

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
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
):
    """Place ``basket`` as an order holding its stock. Returns the order.

    Submitting the same basket twice returns the first order. Raises OutOfStock (nothing
    is written) when any line cannot be had in full, PaymentMethodNotAllowed when the
    method is not open to this buyer.
    """
    language = language or settings.LANGUAGE_CODE
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
        if payment_method == Method.COD:
            status, due = PROCESSING, None
        elif payment_method == Method.CARD:
            # A backstop after Stripe's own expiry; the webhook normally ends it first.
            due = stripe_gateway.session_expiry(now) + datetime.timedelta(minutes=15)
            status = PENDING
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
