import datetime
from decimal import Decimal

import pytest

from payments.models import ExchangeRate
from tests.cooperatives.conftest import make_coop
from trade import services


@pytest.fixture(autouse=True)
def _trade_settings(settings):
    # No wait before a form may be sent (tests/trade/test_views.py sets it where it tests it).
    settings.TRADE_ENQUIRY_MIN_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coop_a(db):
    return make_coop("alpha", 1_000_000)


@pytest.fixture
def coop_b(db):
    return make_coop("bravo", 2_500_000)


@pytest.fixture
def rates(db):
    for code, rate in {"USD": "25400", "EUR": "27500", "CNY": "3500", "KRW": "18.5"}.items():
        ExchangeRate.objects.create(currency=code, vnd_per_unit=Decimal(rate))


BUYER = {
    "company": "Hanse Naturwaren GmbH",
    "country": "DE",
    "contact_name": "Anna Schmidt",
    "email": "anna@hanse.example",
    "phone": "+49 40 123456",
    "packaging": "1 kg vacuum bags",
    "wanted_by": datetime.date(2027, 3, 1),
    "incoterm": "CIF",
    "payment_terms": "tt",
    "documents": ["lab_certificate", "phytosanitary"],
    "message": "Please quote CIF Hamburg.",
}


_nonces = iter(range(1, 10**6))


def make_enquiry(*lines, language="en", **overrides):
    """``lines``: (product, quantity) pairs, in kg."""
    fields = {**BUYER, **overrides}
    enquiry, _created = services.submit_enquiry(
        nonce=f"n{next(_nonces)}",
        lines=[(product, Decimal(str(quantity)), "kg") for product, quantity in lines],
        language=language,
        **fields,
    )
    return enquiry


def price_all(quote, user, price=1_000_000, **extra):
    for line in quote.lines.all():
        services.price_line(line, user=user, unit_price=price, quantity=line.quantity, **extra)


def quote_for(enquiry, user, *, price=1_000_000, days=14):
    from django.utils import timezone

    quote = services.start_quote(enquiry, user=user)
    price_all(quote, user, price)
    return services.send_quote(
        quote, user=user, valid_until=timezone.localdate() + datetime.timedelta(days=days)
    )
