"""Keeping the search index in step with what was committed.

Haystack's realtime processor writes to the index the moment a row is saved, inside the
transaction: when that transaction rolls back (a refused checkout, a failed import), the
index keeps an entry for a row that never existed, or a change that never happened. This
processor waits for the commit, then enqueues the index work as a task
(shop/search/tasks.py, django_tasks); a deletion remembers the row's identifier, because
the instance has lost its primary key by then.
"""

from functools import partial

from django.db import models, transaction
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from haystack.utils import get_identifier


class OnCommitSignalProcessor(BaseSignalProcessor):
    def setup(self):
        models.signals.post_save.connect(self.handle_save)
        models.signals.post_delete.connect(self.handle_delete)

    def teardown(self):
        models.signals.post_save.disconnect(self.handle_save)
        models.signals.post_delete.disconnect(self.handle_delete)

    def _indexes(self, sender, instance):
        for using in self.connection_router.for_write(instance=instance):
            try:
                yield using, self.connections[using].get_unified_index().get_index(sender)
            except NotHandled:
                continue

    def handle_save(self, sender, instance, **kwargs):
        from shop.search.tasks import update_index_entry

        label, pk = sender._meta.label_lower, instance.pk
        for using, _index in self._indexes(sender, instance):
            transaction.on_commit(
                partial(update_index_entry.enqueue, label, pk, using), robust=True
            )

    def handle_delete(self, sender, instance, **kwargs):
        from shop.search.tasks import remove_index_entry

        label, identifier = sender._meta.label_lower, get_identifier(instance)
        for using, _index in self._indexes(sender, instance):
            transaction.on_commit(
                partial(remove_index_entry.enqueue, label, identifier, using), robust=True
            )
