import importlib

import pytest


@pytest.fixture(autouse=True)
def _plan_targets(request):
    """The plan's targets come from a data migration; a test database flushed by a
    transactional test (e.g. a browser test) has lost them, so put them back."""
    if request.node.get_closest_marker("django_db") is None and not {
        "db",
        "transactional_db",
    }.intersection(request.fixturenames):
        return
    request.getfixturevalue("db")
    from django.apps import apps

    migration = importlib.import_module("plan.migrations.0002_plan_targets")
    migration.add_targets(apps, None)
