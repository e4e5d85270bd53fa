"""E-mails about an order, in the language the buyer ordered in, HTML and plain text,
sent by core.mail's task only once the transaction that changed the order has committed
(a mail server outage never undoes or fails a committed order)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from core import mail

KINDS = ("placed", "paid", "shipped", "cancelled")


def send_on_commit(order, kind):
    mail.send_on_commit(order_email, order.pk, kind)


def order_email(order_pk, kind):
    from oscar.core.loading import get_model

    from shop.order.links import cod_confirm_url, status_url

    Order = get_model("order", "Order")
    order = Order.objects.get(pk=order_pk)
    address = order.email
    if not address:
        return None
    with translation.override(order.language or settings.LANGUAGE_CODE):
        context = {
            "order": order,
            "kind": kind,
            "status_url": status_url(order),
            "shop_name": settings.OSCAR_SHOP_NAME,
            "payments": _payments(order),
            "transfer": _transfer(order),
            "cod_confirm_url": cod_confirm_url(order) if _awaits_confirmation(order) else "",
        }
        subject = render_to_string(f"shop/emails/{kind}_subject.txt", context).strip()
        text = render_to_string(f"shop/emails/{kind}.txt", context)
        html = render_to_string(f"shop/emails/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[address],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(html, "text/html")
    return message


def _payments(order):
    from payments.services import payments_for
    from shop.order.services import PAYMENT_PURPOSE

    return list(payments_for(PAYMENT_PURPOSE, order.number))


def _transfer(order):
    """Bank details for a pending VietQR payment, so the e-mail alone is enough to pay."""
    from payments.models import Method, Status
    from payments.services import transfer_message

    for payment in _payments(order):
        if payment.method == Method.VIETQR and payment.status == Status.PENDING:
            return {
                "amount": payment.amount,
                "bank": settings.VIETQR_BANK_NAME,
                "account": settings.VIETQR_ACCOUNT_NUMBER,
                "holder": settings.VIETQR_ACCOUNT_NAME,
                "message": transfer_message(payment),
            }
    return None


def _awaits_confirmation(order):
    from payments.models import Method
    from shop.order.statuses import PROCESSING

    return (
        order.payment_method == Method.COD
        and order.status == PROCESSING
        and order.cod_confirmed_at is None
        and order.cod_confirm_by is not None
    )
