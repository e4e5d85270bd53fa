"""The site's main menu: the home page's children marked "show in menus", per
language. Cached, and cleared whenever a page is published, moved or deleted."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "main-menu:{language}:{version}"
VERSION_KEY = "cms-tree-version"


def tree_version():
    """A number that changes whenever a page is published, unpublished, moved or deleted;
    cache keys that depend on the page tree include it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def main_menu(language):
    key = CACHE_KEY.format(language=language, version=tree_version())
    items = cache.get(key)
    if items is None:
        items = _build_menu(language)
        cache.set(key, items, 3600)
    return items


def _build_menu(language):
    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        return []
    home = Page.objects.filter(depth=2, locale=locale).live().first()
    if home is None:
        return []
    items = [{"title": home.title, "url": home.url, "is_home": True}]
    for child in home.get_children().live().public().in_menu():
        items.append({"title": child.title, "url": child.url, "is_home": False})
    return items


def clear_menu_cache(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(clear_menu_cache, dispatch_uid=f"menu-{signal!r}")


@receiver(post_delete, sender=Page, dispatch_uid="menu-page-deleted")
def _page_deleted(**kwargs):
    clear_menu_cache()


# The pages a buyer agrees to or looks for before buying, found by their slug in each
# language (settings.POLICY_PAGE_SLUGS: key -> slugs in any language).
POLICY_KEY = "policy-links:{language}:{version}"


def policy_links(language):
    """``{key: {"title", "url"}}`` for the policy pages live in ``language``; cached
    with the page tree's version. A page that does not exist is simply left out."""
    from django.conf import settings

    key = POLICY_KEY.format(language=language, version=tree_version())
    links = cache.get(key)
    if links is None:
        links = _build_policy_links(language, settings.POLICY_PAGE_SLUGS)
        cache.set(key, links, 3600)
    return links


def _build_policy_links(language, slugs_by_key):
    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        return {}
    wanted = {slug: key for key, slugs in slugs_by_key.items() for slug in slugs}
    pages = Page.objects.live().public().filter(locale=locale, slug__in=wanted, depth__gte=3)
    links = {}
    for page in pages.order_by("depth", "path"):
        key = wanted[page.slug]
        if key not in links:
            links[key] = {"title": page.title, "url": page.url}
    return {key: links[key] for key in slugs_by_key if key in links}
