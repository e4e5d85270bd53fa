"""The site's URLs plus two views that fail, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from config import urls as site_urls
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401


def boom(request):
    raise RuntimeError("boom")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    *i18n_patterns(path("boom/", boom), path("forbidden/", forbidden)),
    *site_urls.urlpatterns,
]
