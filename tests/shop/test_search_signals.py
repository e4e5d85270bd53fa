"""The site indexes products when their transaction commits, never before."""

import pytest
from django.db import transaction
from haystack.query import SearchQuerySet

from shop.search.signals import OnCommitSignalProcessor
from tests.factories import ProductFactory


@pytest.fixture
def on_commit_indexing(search_index):
    """The site's processor in place of the test settings' realtime one."""
    from django.apps import apps
    from haystack import connection_router, connections

    realtime = apps.get_app_config("haystack").signal_processor
    realtime.teardown()
    processor = OnCommitSignalProcessor(connections, connection_router)
    yield processor
    processor.teardown()
    realtime.setup()


def indexed_pks():
    return {int(result.pk) for result in SearchQuerySet().all()}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_product_never_reaches_the_index(on_commit_indexing):
    with pytest.raises(RuntimeError), transaction.atomic():
        ProductFactory(stock=2, title_en="Rolled back ginseng")
        assert indexed_pks() == set()  # not before the commit either
        raise RuntimeError("refused")

    assert indexed_pks() == set()


@pytest.mark.django_db(transaction=True)
def test_a_committed_product_is_indexed_and_its_deletion_removes_it(on_commit_indexing):
    with transaction.atomic():
        product = ProductFactory(title_en="Committed ginseng")
        assert indexed_pks() == set()
    assert indexed_pks() == {product.pk}

    pk = product.pk
    with transaction.atomic():
        product.delete()
        assert indexed_pks() == {pk}  # still there until the delete commits
    assert indexed_pks() == set()
