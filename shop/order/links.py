"""Signed links to an order's status page, for buyers without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "shop.order.status"


def _token(order, salt):
    return signing.dumps({"n": order.number}, salt=salt, compress=True)


def _number(token, salt, max_age_days):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    return data.get("n")


def status_token(order):
    return _token(order, SALT)


def number_from_token(token, max_age_days=365):
    return _number(token, SALT, max_age_days)


def status_path(order, language=None):
    with translation.override(language or order.language or settings.LANGUAGE_CODE):
        return reverse("checkout:order-status", kwargs={"token": status_token(order)})


def status_url(order, language=None):
    return settings.SITE_URL.rstrip("/") + status_path(order, language)


COD_SALT = "shop.order.cod-confirm"


def cod_confirm_token(order):
    return _token(order, COD_SALT)


def number_from_cod_token(token, max_age_days=30):
    return _number(token, COD_SALT, max_age_days)


def cod_confirm_path(order, language=None):
    with translation.override(language or order.language or settings.LANGUAGE_CODE):
        return reverse("checkout:order-confirm-cod", kwargs={"token": cod_confirm_token(order)})


def cod_confirm_url(order, language=None):
    return settings.SITE_URL.rstrip("/") + cod_confirm_path(order, language)
