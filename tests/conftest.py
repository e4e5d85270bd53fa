import os
import shutil

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def ensure_wagtail_tree():
    """Wagtail's root page, locales and default Site come from data migrations, which a
    transactional test flushes. Recreate them (idempotent)."""
    from wagtail.models import Locale, Page, Site

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    return root


@pytest.fixture
def wagtail_root(db):
    return ensure_wagtail_tree()


@pytest.fixture
def search_index(settings):
    """A clean Whoosh index for this test; products saved in it are indexed as they
    are saved (Haystack's realtime signal processor)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture
def rebuild_index(search_index):
    from shop.search.indexing import rebuild_product_index

    return rebuild_product_index


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _media_root():
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need real row locks and concurrent connections."""
    if request.node.get_closest_marker("postgres") is None:
        return
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")
