"""Signed links to an enquiry's page (its quotes, revision and acceptance), for buyers
without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "trade.enquiry"


def token_for(enquiry):
    return signing.dumps({"e": enquiry.reference}, salt=SALT, compress=True)


def reference_from_token(token, max_age_days=730):
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days * 86400)
    except signing.BadSignature:
        return None
    return data.get("e") if isinstance(data, dict) else None


def enquiry_path(enquiry, language=None, name="trade:enquiry"):
    with translation.override(language or enquiry.language or settings.LANGUAGE_CODE):
        return reverse(name, kwargs={"token": token_for(enquiry)})


def enquiry_url(enquiry, language=None, name="trade:enquiry"):
    return settings.SITE_URL.rstrip("/") + enquiry_path(enquiry, language, name)
