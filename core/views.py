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
