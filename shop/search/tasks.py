"""Index work done through the task interface (django_tasks): inline in development and
tests, by the worker in production. Each task reads the row as committed, so a queue
that runs late or out of order still leaves the entry as the database says."""

from django.apps import apps
from django_tasks import task
from haystack import connections
from haystack.exceptions import NotHandled


def _index(model, using):
    try:
        return connections[using].get_unified_index().get_index(model)
    except NotHandled:
        return None


@task()
def update_index_entry(model_label, pk, using):
    """Index the row as committed; a row gone by now loses its entry."""
    model = apps.get_model(model_label)
    index = _index(model, using)
    if index is None:
        return False
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        index.remove_object(f"{model._meta.label_lower}.{pk}", using=using)
        return False
    index.update_object(instance, using=using)
    return True


@task()
def remove_index_entry(model_label, identifier, using):
    index = _index(apps.get_model(model_label), using)
    if index is not None:
        index.remove_object(identifier, using=using)
