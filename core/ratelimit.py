"""Counting requests per client in the cache (shared by every app server when the
cache is Redis): fixed windows, no in-process state."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address. Behind a proxy that sets a trusted header (and strips the
    client's own), name it in ``CLIENT_IP_HEADER``, e.g. ``HTTP_X_REAL_IP``."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    value = value or request.META.get("REMOTE_ADDR", "") or "unknown"
    return value.split(",")[0].strip()[:64]


def count(key):
    return int(cache.get(key) or 0)


def hit(key, window_seconds):
    """Count one more in this window; returns the count."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1
