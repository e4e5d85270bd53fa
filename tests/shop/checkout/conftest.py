import pytest


@pytest.fixture
def countries(db):
    from core.demo.checkout import ensure_countries

    ensure_countries()
