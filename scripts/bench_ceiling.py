"""The ceiling for `make bench`: a one-file Django project, one view, no middleware.

Served by the same gunicorn as the site (``gunicorn bench_ceiling:application`` from
scripts/), it measures what Django and gunicorn cost on this machine before any page work.
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    USE_I18N=False,
)


def ceiling(request):
    return HttpResponse("<!DOCTYPE html><title>ceiling</title><p>ok</p>")


urlpatterns = [path("", ceiling)]
django.setup()
application = get_wsgi_application()
