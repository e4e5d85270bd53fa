"""Counting requests per client in the cache (shared by every app server when the
cache is Redis): fixed windows, no in-process state."""

from django.core.cache import cache


def client_ip(request):
    """The client's address, by the one rule of the site (TRUSTED_PROXY_COUNT)."""
    from core.throttling import client_ip as trusted_client_ip

    return (trusted_client_ip(request) or "unknown")[:64]


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
