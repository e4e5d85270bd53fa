import pytest


@pytest.fixture
def countries(db):
    from core.demo.countries import ensure_countries

    ensure_countries()
