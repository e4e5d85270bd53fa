from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from payments import qr, services

register = template.Library()


@register.inclusion_tag("payments/vietqr.html")
def vietqr_block(payment):
    payload = services.vietqr_payload(payment)
    return {
        "payment": payment,
        "payload": payload,
        "qr_svg": mark_safe(qr.svg(payload, title=_("VietQR code for this transfer"))),  # noqa: S308
        "bank_name": settings.VIETQR_BANK_NAME,
        "bank_bin": settings.VIETQR_BANK_BIN,
        "account_number": settings.VIETQR_ACCOUNT_NUMBER,
        "account_name": settings.VIETQR_ACCOUNT_NAME,
        "message": services.transfer_message(payment),
    }


@register.inclusion_tag("payments/intl_transfer.html", takes_context=True)
def intl_transfer_block(context, payment, order, proforma_url=""):
    from payments import intl_transfer

    return {
        "payment": payment,
        "order": order,
        "details": intl_transfer.details(payment),
        "proforma_url": proforma_url or context.get("proforma_path", ""),
        "request": context.get("request"),
    }
