from decimal import Decimal

import pytest

from payments.models import ExchangeRate
from tests.cooperatives.conftest import make_coop


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
