import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


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


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache}


@require_GET
@never_cache
def healthz(request):
    """For the load balancer: 200 when the database and the shared cache answer, 503
    (and the failing check named) when either does not, so the server leaves the pool."""
    checks = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            checks[name] = "ok" if check() else "failed"
        except Exception as exc:  # noqa: BLE001 - any failure takes the server out
            logger.error("health check %s failed: %s", name, exc.__class__.__name__)
            checks[name] = "failed"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks, "debug": settings.DEBUG},
        status=200 if healthy else 503,
    )


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request):
    """/favicon.ico, for browsers and tools that ask for it before reading the page."""
    path = settings.BASE_DIR / "static" / "favicon.ico"
    return HttpResponse(path.read_bytes(), content_type="image/x-icon")
