import pytest


@pytest.fixture
def countries(db):
    from shop.address.countries import ensure_countries

    ensure_countries()
