"""Whole-page cache for anonymous visitors (issue 12).

A page is stored in the shared cache (``default``) under its scheme, host, language and
full path, and under the *page generation*: one counter in the cache, bumped after every
commit that changes something a public page shows (a page published or unpublished, a
product, price or stock level, a lot, its chain or status, a recall, a currency rate, a
visit slot or booking; ``PAGE_CACHE_WATCH`` lists the apps and models). A bump makes every
stored page unreachable at once; each entry also expires after ``PAGE_CACHE_SECONDS``, so
what depends on the clock (upcoming events, the next weeks' visit slots) moves on too.

Only these requests are served from or stored in the cache:

- ``GET`` on a path matching ``PAGE_CACHE_PATHS`` and none of ``PAGE_CACHE_SKIP_PATHS``;
- from a visitor with no session, no basket and no pending messages (none of their
  cookies is sent): a signed-in user, a chosen display currency, a basket or a message
  always gets their own page;
- whose answer is a 200 HTML page that sets no cookie but the CSRF one.

Per-visitor parts never enter the cache. The CSP nonce and every CSRF token of the page
are replaced by placeholders before the page is stored, and by this request's own nonce
and token when it is served (the CSRF cookie is set as Django would set it). A page with
neither placeholder is the same for everyone: it gets an ``ETag``, ``Last-Modified`` and a
public ``Cache-Control`` so a browser or a CDN may keep it for ``PAGE_CACHE_MAX_AGE``.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags

GENERATION_KEY = "pagecache:generation"
NONCE_PLACEHOLDER = b"__PAGECACHE_CSP_NONCE__"
CSRF_PLACEHOLDER = b"__PAGECACHE_CSRF_TOKEN__"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Headers added again by the middleware outside this one, or personal to the request.
_DROPPED_HEADERS = {"content-security-policy", "content-security-policy-report-only"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    generation = _cache().get(GENERATION_KEY)
    if generation is None:
        # A fresh counter (or an evicted one): start from the clock, so an old entry
        # stored under a small number can never come back.
        generation = time.time_ns()
        _cache().add(GENERATION_KEY, generation, timeout=None)
        generation = _cache().get(GENERATION_KEY, generation)
    return generation


def bump_generation():
    """Every stored page is stale from now on (the next visitor renders it again)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_pages_on_commit():
    """Bump the generation once the current transaction commits (at once outside one):
    a page rendered before the commit is never stored under the new generation."""
    transaction.on_commit(bump_generation)


# --------------------------------------------------------------------------- signals
def _watched(model):
    meta = model._meta
    label = meta.label
    if label in settings.PAGE_CACHE_IGNORE:
        return False
    return label in settings.PAGE_CACHE_WATCH or meta.app_label in settings.PAGE_CACHE_WATCH


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):
        return
    if _watched(sender):
        invalidate_pages_on_commit()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and _watched(type(instance)):
        invalidate_pages_on_commit()


def _on_publish(sender, **kwargs):
    invalidate_pages_on_commit()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")
    page_published.connect(_on_publish, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_publish, dispatch_uid="pagecache-unpublished")


# --------------------------------------------------------------------------- middleware
class PageCacheMiddleware:
    """Serves anonymous pages from the shared cache (see the module's docstring).

    Placed after WhiteNoise and before the session middleware: a page served from the
    cache costs no session, no user, no URL resolution and no query."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = [re.compile(p) for p in settings.PAGE_CACHE_PATHS]
        self.skip = [re.compile(p) for p in settings.PAGE_CACHE_SKIP_PATHS]
        self.private_cookies = {
            settings.SESSION_COOKIE_NAME,
            getattr(settings, "OSCAR_BASKET_COOKIE_OPEN", "oscar_open_basket"),
            getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
            *settings.PAGE_CACHE_PRIVATE_COOKIES,
        }
        self.csrf = CsrfViewMiddleware(lambda request: None)

    def __call__(self, request):
        key = self.key(request) if settings.PAGE_CACHE_ENABLED else None
        if key is None:
            return self.get_response(request)
        generation = current_generation()
        full_key = f"page:{generation}:{key}"
        entry = _cache().get(full_key)
        if entry is not None:
            return self.serve(request, entry, hit=True)
        response = self.get_response(request)
        entry = self.entry_for(request, response)
        if entry is None:
            return response
        _cache().set(full_key, entry, settings.PAGE_CACHE_SECONDS)
        # The visitor who caused the render gets what any later visitor will get.
        return self.serve(request, entry, hit=False, rendered=response)

    # -- what may be cached
    def key(self, request):
        if request.method != "GET":
            return None
        path = request.path_info
        if not any(p.match(path) for p in self.paths) or any(p.match(path) for p in self.skip):
            return None
        if self.private_cookies.intersection(request.COOKIES):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        language = translation.get_language_from_path(path) or (
            translation.get_language_from_request(request)
        )
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return f"{language}:{request.scheme}:{host}:{digest}"

    def entry_for(self, request, response):
        if response.status_code != 200 or response.streaming:
            return None
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        shared = {settings.CSRF_COOKIE_NAME, *settings.PAGE_CACHE_UNSHOWN_COOKIES}
        if any(name not in shared for name in response.cookies):
            return None  # a session, a basket, a message or a device cookie: personal
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control:
            return None
        storage = getattr(request, "_messages", None)
        if storage is not None and getattr(storage, "_queued_messages", None):
            return None
        content = response.content
        nonce = getattr(request, "csp_nonce", "")
        if nonce:
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
        content = _CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _DROPPED_HEADERS and name.lower() != "content-length"
        ]
        return {
            "content": content,
            "headers": headers,
            "stored": time.time(),
            "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        }

    # -- serving
    def serve(self, request, entry, hit, rendered=None):
        content = entry["content"]
        personal = False
        if NONCE_PLACEHOLDER in content:
            personal = True
            nonce = getattr(request, "csp_nonce", "")
            content = content.replace(NONCE_PLACEHOLDER, nonce.encode())
        needs_csrf = CSRF_PLACEHOLDER in content
        if needs_csrf:
            personal = True
            if "CSRF_COOKIE" not in request.META:
                self.csrf.process_request(request)
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        if (
            not personal
            and hit
            and entry["etag"] in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        ):
            response = HttpResponseNotModified()
            response["ETag"] = entry["etag"]
            return response
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        if rendered is not None:
            for morsel in rendered.cookies.values():
                response.cookies[morsel.key] = morsel
        elif needs_csrf:
            self.csrf.process_response(request, response)
        if personal:
            patch_cache_control(response, no_cache=True, private=True)
        else:
            response["ETag"] = entry["etag"]
            response["Last-Modified"] = http_date(entry["stored"])
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        response["X-Page-Cache"] = "hit" if hit else "miss"
        return response
