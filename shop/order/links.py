"""Signed links to an order's status page, for buyers without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "shop.order.status"


def status_token(order):
    return signing.dumps({"n": order.number}, salt=SALT, compress=True)


def number_from_token(token, max_age_days=365):
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    return data.get("n")


def status_path(order, language=None):
    with translation.override(language or order.language or settings.LANGUAGE_CODE):
        return reverse("checkout:order-status", kwargs={"token": status_token(order)})


def status_url(order, language=None):
    return settings.SITE_URL.rstrip("/") + status_path(order, language)


COD_SALT = "shop.order.cod-confirm"


def cod_confirm_token(order):
    return signing.dumps({"n": order.number}, salt=COD_SALT, compress=True)


def number_from_cod_token(token, max_age_days=30):
    try:
        data = signing.loads(token, salt=COD_SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    return data.get("n")


def cod_confirm_path(order, language=None):
    with translation.override(language or order.language or settings.LANGUAGE_CODE):
        return reverse("checkout:order-confirm-cod", kwargs={"token": cod_confirm_token(order)})


def cod_confirm_url(order, language=None):
    return settings.SITE_URL.rstrip("/") + cod_confirm_path(order, language)
