"""Signed links to a booking's page, for tourists without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "tourism.booking"


def token_for(booking):
    return signing.dumps({"b": booking.code}, salt=SALT, compress=True)


def code_from_token(token, max_age_days=400):
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    return data.get("b") if isinstance(data, dict) else None


def booking_path(booking, language=None, name="tourism:booking"):
    with translation.override(language or booking.language or settings.LANGUAGE_CODE):
        return reverse(name, kwargs={"token": token_for(booking)})


def booking_url(booking, language=None, name="tourism:booking"):
    return settings.SITE_URL.rstrip("/") + booking_path(booking, language, name)
