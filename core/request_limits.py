"""Refuse request bodies that are too large before anything reads them.

The declared ``Content-Length`` is compared with the limit for the path (first matching
prefix in ``settings.REQUEST_BODY_LIMITS``, else ``REQUEST_BODY_DEFAULT_LIMIT``): larger
requests get a 413 page in the site's layout and their body is never read. The body
stream is also wrapped so that no more than the limit can be read from it, whatever
the header said. Put a limit in front of the app server too (nginx
``client_max_body_size``): this one protects the application, not the network.

Under ASGI Django spools the whole body before any middleware runs; serve with WSGI
(gunicorn) or limit in the proxy."""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

DEFAULT_LIMIT = 1024 * 1024


class RequestBodyTooLarge(RequestDataTooBig):
    pass


def limit_for(path):
    for pattern, limit in getattr(settings, "REQUEST_BODY_LIMITS", ()):
        if re.match(pattern, path):
            return int(limit)
    return int(getattr(settings, "REQUEST_BODY_DEFAULT_LIMIT", DEFAULT_LIMIT))


class CappedStream:
    """Reads at most ``limit`` bytes from ``stream``; more raises RequestBodyTooLarge."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.count = stream, limit, 0

    def _account(self, data):
        self.count += len(data)
        if self.count > self.limit:
            raise RequestBodyTooLarge("request body over its limit")
        return data

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.limit + 1 - self.count
        return self._account(self.stream.read(min(size, self.limit + 1 - self.count)))

    def readline(self, size=-1):
        if size is None or size < 0:
            size = self.limit + 1 - self.count
        return self._account(self.stream.readline(min(size, self.limit + 1 - self.count)))

    def __iter__(self):
        return iter(self.readline, b"")


def too_large(request, limit):
    response = render(
        request,
        "413.html",
        {"limit": limit, "limit_display": filesizeformat(limit)},
        status=413,
    )
    response["Connection"] = "close"
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        limit = limit_for(request.path_info)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return too_large(request, limit)
        if hasattr(request, "_stream"):
            request._stream = CappedStream(request._stream, limit)
        request.body_limit = limit
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestBodyTooLarge):
            return too_large(request, getattr(request, "body_limit", limit_for(request.path)))
        return None
