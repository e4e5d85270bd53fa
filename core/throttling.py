"""Sign-in throttling (django-axes): who is trying (account + client address) and the
backend that refuses a locked-out pair before any password is checked.

Staff unlock an account in /django-admin/ → Axes → Access attempts (delete the rows for
that username), or with ``manage.py axes_reset_username <username>``."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request):
    """The visitor's address. Behind N trusted reverse proxies (TRUSTED_PROXY_COUNT),
    the address the outermost of them saw: the Nth entry from the right of
    X-Forwarded-For (entries further left are the client's to invent)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return forwarded[0] if forwarded else remote
    return forwarded[-count]


def login_username(request, credentials):
    """The account tried, the same however it was typed (case, spaces)."""
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("username") or data.get("login-username")
    return (value or "").strip().lower() or None


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first of AUTHENTICATION_BACKENDS. Every sign-in page passes
    its request (tests/core/test_throttling.py tries each); a call without one (a
    management command, the test client's login()) has no client to throttle."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in the site layout and the visitor's language (HTTP 429)."""
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "429_login.html", context, status=429)
