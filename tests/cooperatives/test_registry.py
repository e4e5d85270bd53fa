"""Ownership goes through cooperatives.registry: what each app declared in its
AppConfig.ready(), and nothing else."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import NoReverseMatch, clear_url_caches, reverse
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


def registry_test_page(request):
    """A throwaway page registered by the test below (a plain function view)."""
    return HttpResponse("registry page")


def rebuild_urls():
    from oscar.apps.dashboard.nav import _dashboard_url_names_to_config

    import config.urls

    clear_url_caches()
    importlib.reload(config.urls)
    clear_url_caches()
    _dashboard_url_names_to_config.cache_clear()  # the menu's URL → app lookup


@pytest.fixture
def rebuilt_urls(clean_registry):
    """Rebuild the URLconf after a test registered pages, and again without them."""
    pages = dict(registry._PAGES)
    yield rebuild_urls
    registry._PAGES.clear()
    registry._PAGES.update(pages)
    rebuild_urls()


@pytest.mark.django_db
def test_a_page_registered_by_an_app_is_mounted_opened_to_cooperatives_and_in_the_menu(
    client, coop_a, django_user_model, rebuilt_urls
):
    with pytest.raises(NoReverseMatch):
        reverse("dashboard:cooperative-registry-test")
    registry.register_dashboard_page(
        "registry-test/",
        "tests.cooperatives.test_registry.registry_test_page",
        "cooperative-registry-test",
        menu_label="Registry test page",
        menu_icon="fas fa-flask",
    )
    rebuilt_urls()
    url = reverse("dashboard:cooperative-registry-test")

    assert client.get(url).status_code == 302  # anonymous: to the login page
    nobody = django_user_model.objects.create_user("nobody", "nobody@example.com", "pw")
    client.force_login(nobody)
    assert client.get(url).status_code in (302, 403)
    client.force_login(coop_a.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == b"registry page"
    # The menu entry sits beside the other registered ones, on every dashboard page.
    sales = client.get(reverse("dashboard:cooperative-sales")).content.decode()
    assert f'href="{url}"' in sales
    assert "Registry test page" in sales
    assert f'href="{reverse("dashboard:cooperative-lots")}"' in sales


def test_pages_of_one_group_share_one_drop_down():
    """The dashboard menu stays one row: pages naming the same group are its children,
    standing where the group's first page would; ungrouped pages stay on their own."""
    from cooperatives import registry

    saved = dict(registry._PAGES)
    try:
        registry._PAGES.clear()
        registry.register_dashboard_page("a/", "x.a", "a", menu_label="A", menu_group="G")
        registry.register_dashboard_page("b/", "x.b", "b", menu_label="B")
        registry.register_dashboard_page("c/", "x.c", "c", menu_label="C", menu_group="G")
        registry.register_dashboard_page("d/", "x.d", "d")  # no menu entry
        menu = registry.dashboard_menu()
    finally:
        registry._PAGES.clear()
        registry._PAGES.update(saved)
    assert [entry["label"] for entry in menu] == ["G", "B"]
    assert [child["url_name"] for child in menu[0]["children"]] == [
        "dashboard:a",
        "dashboard:c",
    ]
    assert menu[1]["url_name"] == "dashboard:b"
