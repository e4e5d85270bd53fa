from tests.cooperatives.conftest import coop_a, coop_b  # noqa: F401  (two cooperatives)
