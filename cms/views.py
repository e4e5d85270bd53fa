"""The people's site map: the CMS's page tree with the shop's categories and the
cooperatives (search engines read /sitemap.xml, assembled in config/urls.py)."""

from django.conf import settings
from django.views.decorators.http import require_GET


@require_GET
def site_map(request):
    """A site map for people: the page tree of this language, the shop's categories,
    the cooperatives. (Search engines read /sitemap.xml.)"""
    from django.apps import apps
    from django.shortcuts import render
    from django.utils.translation import get_language
    from wagtail.models import Locale, Page

    language = get_language() or settings.LANGUAGE_CODE
    pages = []
    locale = Locale.objects.filter(language_code=language).first()
    home = Page.objects.filter(depth=2, locale=locale).live().first() if locale else None
    if home is not None:
        tree = home.get_descendants(inclusive=True).live().public().order_by("path")
        pages = [
            {"title": page.title, "url": page.get_url(request), "level": page.depth - home.depth}
            for page in tree.only("id", "title", "depth", "path", "url_path", "locale_id")
        ]
    Category = apps.get_model("catalogue", "Category")
    categories = [
        {"title": category.name, "url": category.get_absolute_url(), "level": category.depth - 1}
        for category in Category.objects.browsable().order_by("path")
    ]
    return render(request, "cms/site_map.html", {"site_pages": pages, "categories": categories})
