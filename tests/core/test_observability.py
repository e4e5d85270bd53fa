"""Past one server: the load balancer's health check, request ids, JSON logs, and errors
reported to the log (never a debug page)."""

import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from core import views as core_views
from core.observability import JsonFormatter, RequestIdFilter, accepted_request_id

pytestmark = pytest.mark.django_db


def test_healthz_checks_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failed", "cache": "ok"}
    assert response.json()["status"] == "unavailable"


def test_healthz_is_503_when_the_cache_fails(client, settings):
    # A Redis cache on a port nothing listens on.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed"}


def test_healthz_is_503_when_the_cache_loses_what_it_was_given(client, monkeypatch):
    monkeypatch.setattr(core_views.cache, "get", lambda key: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"


def test_request_id_is_echoed_or_made(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f2a9c1e"})
    assert response["X-Request-ID"] == "lb-4f2a9c1e"
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz")["X-Request-ID"]
    # Anything that is not a short token is replaced (it would be copied into the logs).
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" injected\\nline'})
    assert forged["X-Request-ID"] != 'x" injected\\nline'
    assert accepted_request_id("a" * 65) != "a" * 65


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def json_log():
    handler = ListHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.lines
    root.removeHandler(handler)


def test_a_server_error_is_logged_as_json_with_its_request_id_not_shown(
    client, settings, bilingual_site, json_log
):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/vi/boom/", headers={"X-Request-ID": "req-0123456789"})

    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-0123456789"
    body = response.content.decode()
    assert "Traceback" not in body
    assert "RuntimeError" not in body
    assert "SECRET_KEY" not in body
    errors = [json.loads(line) for line in json_log if '"ERROR"' in line]
    (entry,) = [e for e in errors if e["logger"] == "django.request"]
    assert entry["request_id"] == "req-0123456789"
    assert entry["status"] == 500 and entry["path"] == "/vi/boom/"
    assert "RuntimeError: boom" in entry["exception"]


def test_log_lines_outside_a_request_have_no_id(json_log):
    logging.getLogger("samlaichau.test").warning("giờ %s", "mở cửa")
    entry = json.loads(json_log[-1])
    assert entry["message"] == "giờ mở cửa"
    assert entry["request_id"] is None and entry["level"] == "WARNING"


def test_production_logs_json_and_searches_in_postgresql():
    # Production's settings refuse to start without their secrets; give it fakes.
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LOGGING['handlers']['console']['formatter'], "
        "settings.HAYSTACK_CONNECTIONS['default']['ENGINE'], "
        "settings.MIDDLEWARE[0])"
    )
    env = production_env()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        "json",
        "shop.search.backends.postgres.PostgresSearchEngine",
        "core.observability.RequestIdMiddleware",
    ]


def production_env(**extra):
    from provenance.signing import generate_key

    key = Path(tempfile.mkdtemp()) / "key.pem"
    generate_key(key)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SEARCH_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
        "PROVENANCE_SIGNING_KEY": str(key),
    }
    env.update(extra)
    return env
