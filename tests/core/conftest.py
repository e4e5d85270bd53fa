from tests.cooperatives.conftest import coop_a, countries  # noqa: F401
