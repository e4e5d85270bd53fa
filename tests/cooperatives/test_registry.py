"""Ownership goes through cooperatives.registry: what each app declared in its
AppConfig.ready(), and nothing else."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from cooperatives import access, registry

OrderNote = get_model("order", "OrderNote")


@pytest.fixture
def clean_registry():
    """Put the registry back as the apps left it, whatever a test registered."""
    owned, pages = dict(registry._OWNED), dict(registry._PAGES)
    yield
    registry._OWNED.clear()
    registry._OWNED.update(owned)
    registry._PAGES.clear()
    registry._PAGES.update(pages)


def test_every_registered_model_exists_and_its_path_reaches_a_partners_users(db):
    assert len(registry.owned_models()) == len(registry._OWNED) >= 10
    user = get_user_model()(pk=1)
    for model, path in registry.owned_models().items():
        lookup = f"{path}__users" if path else "users"
        # Builds the query: a wrong path raises FieldError here.
        str(model._default_manager.filter(**{lookup: user}).query)


@pytest.mark.django_db
def test_a_model_registered_at_run_time_is_owned_through_its_path(
    coop_a, coop_b, mixed_order, b_order, clean_registry
):
    a_note = mixed_order.notes.create(message="A's note", note_type="Info")
    b_note = b_order.notes.get()
    # Nobody registered order notes: nobody's.
    assert registry.partner_path(OrderNote) is None
    assert not access.owned_queryset(coop_a.user, OrderNote).exists()

    registry.register_owned("order.OrderNote", "order__lines__partner")
    assert list(access.owned_queryset(coop_a.user, OrderNote)) == [a_note]
    assert set(access.owned_queryset(coop_b.user, OrderNote)) == {a_note, b_note}

    registry.unregister_owned(OrderNote)
    assert not access.owned_queryset(coop_b.user, OrderNote).exists()


@pytest.mark.django_db
def test_unregistering_an_apps_model_denies_it(coop_a, mixed_order, clean_registry):
    Line = get_model("order", "Line")
    assert access.owned_queryset(coop_a.user, Line).exists()
    registry.unregister_owned("order.Line")
    assert not access.owned_queryset(coop_a.user, Line).exists()
