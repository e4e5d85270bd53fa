"""Run a module's search tests on each search backend the project ships: Whoosh (the
embedded default) and PostgreSQL full-text search (production; skipped without a
PostgreSQL DATABASE_URL)."""

import contextlib

import pytest

POSTGRES = {
    "ENGINE": "shop.search.backends.postgres.PostgresSearchEngine",
    "TABLE": "search_document",
}


@contextlib.contextmanager
def using_search_engine(connection):
    """Haystack's ``default`` connection becomes ``connection`` (None: as configured)."""
    from haystack import connections

    saved = connections.connections_info
    if connection is not None:
        connections.connections_info = {"default": dict(connection)}
    connections.reload("default")
    try:
        yield connections["default"].get_backend()
    finally:
        connections.connections_info = saved
        connections.reload("default")


@pytest.fixture(
    params=["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def search_engine(request):
    """Parametrise a test over both backends (use it before ``search_index``)."""
    if request.param == "postgres":
        request.getfixturevalue("db")
        with using_search_engine(POSTGRES) as backend:
            backend.clear()
            yield request.param
    else:
        yield request.param
