from tests.cooperatives.conftest import coop_a  # noqa: F401
