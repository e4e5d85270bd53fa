"""Anti-spam for the enquiry form, without any third-party host: a honeypot field, a
signed token carrying the time the form was shown (and a random nonce that makes a
double submit one enquiry), and a per-address limit counted in the cache."""

import secrets
import time

from django.conf import settings
from django.core import signing

from core import ratelimit

SALT = "trade.enquiry-form"
HOUR = 3600


def new_form_token():
    return signing.dumps({"t": int(time.time()), "n": secrets.token_hex(16)}, salt=SALT)


class TokenProblem(Exception):
    """``kind``: "bad" (forged or missing), "fast" (sent sooner than a person can),
    "stale" (shown too long ago)."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def read_form_token(token, now=None):
    """The nonce of a genuine token shown long enough ago; TokenProblem otherwise."""
    try:
        data = signing.loads(token or "", salt=SALT)
    except signing.BadSignature as exc:
        raise TokenProblem("bad") from exc
    if not isinstance(data, dict) or not isinstance(data.get("t"), int) or not data.get("n"):
        raise TokenProblem("bad")
    age = (now if now is not None else time.time()) - data["t"]
    if age < settings.TRADE_ENQUIRY_MIN_SECONDS:
        raise TokenProblem("fast")
    if age > settings.TRADE_ENQUIRY_MAX_AGE_HOURS * HOUR:
        raise TokenProblem("stale")
    return str(data["n"])[:64]


def _keys(request):
    ip = ratelimit.client_ip(request)
    return f"trade:sent:{ip}", f"trade:tries:{ip}"


def limited(request):
    """Too many posts, or too many enquiries, from this address in the last hour."""
    sent, tries = _keys(request)
    if ratelimit.hit(tries, HOUR) > settings.TRADE_ENQUIRY_TRIES_PER_HOUR:
        return True
    return ratelimit.count(sent) >= settings.TRADE_ENQUIRIES_PER_HOUR


def count_sent(request):
    ratelimit.hit(_keys(request)[0], HOUR)
