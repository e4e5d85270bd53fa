"""Index updates are tasks (django_tasks), enqueued when the transaction commits: with
production's queue the request only enqueues, and the worker brings the index in step
with the committed rows, whatever order it runs them in."""

import pytest
from django.db import transaction
from haystack.query import SearchQuerySet

from shop.search.tasks import remove_index_entry, update_index_entry
from tests.factories import ProductFactory
from tests.shop.test_search_signals import indexed_pks, on_commit_indexing  # noqa: F401


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    def tasks(name):
        return [r.args for r in default_task_backend.results if r.task.name == name]

    return tasks


@pytest.mark.django_db(transaction=True)
def test_a_commit_only_enqueues_and_the_task_indexes(on_commit_indexing, queued):  # noqa: F811
    with transaction.atomic():
        product = ProductFactory(title_en="Queued ginseng")
    assert indexed_pks() == set()  # the request did not write the index
    updates = queued("update_index_entry")
    assert ["catalogue.product", product.pk, "default"] in updates
    for args in updates:
        update_index_entry.call(*args)
    assert indexed_pks() == {product.pk}

    pk = product.pk
    with transaction.atomic():
        product.delete()
    assert indexed_pks() == {pk}
    removals = queued("remove_index_entry")
    assert removals == [["catalogue.product", f"catalogue.product.{pk}", "default"]]
    remove_index_entry.call(*removals[0])
    assert indexed_pks() == set()


@pytest.mark.django_db(transaction=True)
def test_an_update_that_runs_after_the_row_is_gone_removes_its_entry(
    on_commit_indexing,  # noqa: F811
    queued,
):
    with transaction.atomic():
        product = ProductFactory(title_en="Short-lived ginseng")
    args = next(a for a in queued("update_index_entry") if a[0] == "catalogue.product")
    update_index_entry.call(*args)
    assert SearchQuerySet().count() == 1
    product.delete()  # its own removal not run yet (the queue is late)
    assert update_index_entry.call(*args) is False
    assert indexed_pks() == set()
