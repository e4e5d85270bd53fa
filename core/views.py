from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /cms-admin/",
        "Disallow: /django-admin/",
        "Disallow: /vi/shop/dashboard/",
        "Disallow: /en/shop/dashboard/",
        "Disallow: /vi/shop/basket/",
        "Disallow: /en/shop/basket/",
        "Disallow: /vi/shop/checkout/",
        "Disallow: /en/shop/checkout/",
        "Disallow: /vi/shop/accounts/",
        "Disallow: /en/shop/accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "debug": settings.DEBUG})


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request):
    """/favicon.ico, for browsers and tools that ask for it before reading the page."""
    path = settings.BASE_DIR / "static" / "favicon.ico"
    return HttpResponse(path.read_bytes(), content_type="image/x-icon")


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
    return render(request, "core/site_map.html", {"site_pages": pages, "categories": categories})
