import os
import shutil

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def ensure_wagtail_tree():
    """Wagtail's root page, locales and default Site come from data migrations, which a
    transactional test flushes. Recreate them (idempotent)."""
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    return root


@pytest.fixture
def countries(db):
    """Oscar's country list as the seed migration leaves it (a transactional test earlier on
    the same worker flushes it)."""
    from shop.address.countries import ensure_countries

    ensure_countries()


@pytest.fixture
def wagtail_root(db):
    return ensure_wagtail_tree()


@pytest.fixture
def search_index(settings):
    """A clean Whoosh index for this test; products saved in it are indexed as they
    are saved (the test settings use Haystack's realtime signal processor: a test's
    transaction never commits, so the site's on-commit processor would index nothing)."""
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture(autouse=True)
def _empty_search_index():
    """Every test starts with an empty index. Each test's rows are rolled back (or
    flushed) after it, but the index is a folder on disk: without this, the next test
    would find entries for rows that are gone."""
    from haystack import connections

    connections["default"].get_backend().clear()


@pytest.fixture
def rebuild_index(search_index):
    from shop.search.indexing import rebuild_product_index

    return rebuild_product_index


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever the one before it activated."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


def build_bilingual_site():
    """A small bilingual page tree with one page of every type (vi, translated to en)."""
    import datetime

    from wagtail.images import get_image_model
    from wagtail.models import Site

    from cms import models as cms
    from cms.services import add_child_page, add_translation
    from tests.factories import jpeg_file

    root = ensure_wagtail_tree()
    for page in root.get_children().filter(content_type__model="page"):
        page.delete()
    image = get_image_model().objects.create(title="hero", file=jpeg_file("hero.jpg"))
    home = add_child_page(
        root,
        cms.HomePage(
            title="Trang chủ",
            slug="trang-chu",
            hero_title="Sâm Lai Châu — báu vật của núi rừng",
            hero_text="Mỗi củ sâm mang mã số vùng trồng.",
            hero_image=image,
            hero_image_alt="Núi rừng Phong Thổ",
            search_description="Mô tả trang chủ",
        ),
    )
    # Deleting Wagtail's welcome page took its Site with it.
    site, _ = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    home = cms.HomePage.objects.get(pk=home.pk)
    home_en = add_translation(
        home,
        "en",
        title="Home",
        hero_title="Lai Châu ginseng — treasure of the forest",
        hero_text="Every root carries its growing-area code.",
        hero_image_alt="Phong Thổ forest",
        search_description="Home page description",
    )
    stories = add_child_page(home, cms.StoryIndexPage(title="Câu chuyện", slug="cau-chuyen"))
    add_translation(stories, "en", title="Stories", slug="stories")
    story = add_child_page(
        stories,
        cms.StoryPage(
            title="Hành trình của củ sâm",
            slug="hanh-trinh",
            date=datetime.date(2026, 9, 1),
            introduction="Từ vườn ươm đến tay người mua.",
            hero_image=image,
            hero_image_alt="Vườn sâm",
            body=[
                ("paragraph", "<p>Nội dung câu chuyện.</p>"),
                ("quote", {"text": "Sâm là báu vật.", "attribute_name": "Già làng"}),
            ],
        ),
    )
    story_en = add_translation(
        story,
        "en",
        title="The journey of a root",
        slug="journey",
        introduction="From the nursery to the buyer.",
        hero_image_alt="Ginseng garden",
        body=[("paragraph", "<p>Story text.</p>")],
    )
    culture_index = add_child_page(home, cms.CultureIndexPage(title="Văn hoá", slug="van-hoa"))
    add_translation(culture_index, "en", title="Culture", slug="culture")
    culture = add_child_page(
        culture_index,
        cms.CulturePage(
            title="Người Hà Nhì",
            slug="nguoi-ha-nhi",
            people="Hà Nhì",
            commune="Sì Lở Lầu",
            introduction="Nhà trình tường bên rừng già.",
            hero_image=image,
            hero_image_alt="Bản làng",
        ),
    )
    add_translation(
        culture, "en", title="The Hà Nhì", slug="the-ha-nhi", introduction="Earth houses."
    )
    about = add_child_page(
        home,
        cms.StandardPage(
            title="Giới thiệu", slug="gioi-thieu", introduction="Về chúng tôi.", show_in_menus=True
        ),
    )
    add_translation(about, "en", title="About", slug="about", introduction="About us.")
    return {
        "site": site,
        "home": home,
        "home_en": home_en,
        "story": story,
        "story_en": story_en,
        "stories": stories,
        "culture": culture,
        "culture_index": culture_index,
        "about": about,
    }


@pytest.fixture
def bilingual_site(db):
    return build_bilingual_site()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need real row locks and concurrent connections."""
    if request.node.get_closest_marker("postgres") is None:
        return
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")
