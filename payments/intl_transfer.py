"""International bank transfer (SWIFT): what a buyer abroad needs to send money to our
account, from settings ``INTL_*``. Staff mark the payment paid when it arrives (the
bank's statement shows it with the reference); fees are the buyer's when INTL_CHARGES
is OUR."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CHARGES = {
    "OUR": _("OUR: you pay all bank fees, yours and ours; we must receive the full amount."),
    "SHA": _("SHA: you pay your bank's fees, we pay ours."),
}


def is_configured():
    return bool(settings.INTL_BANK_ACCOUNT and settings.INTL_BANK_SWIFT)


def reference(payment):
    """The reference the buyer quotes (the same prefix as VietQR: one to look for)."""
    return f"{settings.VIETQR_REFERENCE_PREFIX}{payment.reference}"


def details(payment):
    charges = settings.INTL_CHARGES.upper()
    return {
        "beneficiary": settings.INTL_ACCOUNT_NAME,
        "beneficiary_address": settings.INTL_ACCOUNT_ADDRESS,
        "account": settings.INTL_BANK_ACCOUNT,
        "bank": settings.INTL_BANK_NAME,
        "bank_address": settings.INTL_BANK_ADDRESS,
        "swift": settings.INTL_BANK_SWIFT,
        "reference": reference(payment),
        "amount": payment.amount,
        "currency": payment.currency,
        "charges": charges,
        "charges_text": CHARGES.get(charges, charges),
    }
