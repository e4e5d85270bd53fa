"""Error pages (DEBUG off) in the site's layout and the visitor's language: the language
is the one LocaleMiddleware activated from the URL (/vi/, /en/) or the browser. Should
the layout itself fail (the database is down), a plain page says the same."""

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def _render(request, template, status, context=None):
    try:
        return render(request, template, context or {}, status=status)
    except Exception:
        logger.exception("the %s page could not be rendered in the site layout", status)
        html = render_to_string("errors/plain.html", {"status": status})
        return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _render(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _render(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _render(request, "404.html", 404)


def server_error(request):
    return _render(request, "500.html", 500)


def csrf_failure(request, reason=""):
    return _render(request, "403_csrf.html", 403)
