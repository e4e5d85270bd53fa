import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def import_production(env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SITE_URL"))
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def signing_key_file():
    """provcore: production also needs the provenance checkpoint signing key."""
    from pathlib import Path

    from provenance.signing import generate_key

    path = Path(settings.MEDIA_ROOT) / "prod-check" / "signing-key.pem"
    if not path.exists():
        generate_key(path)
    return str(path)


def test_production_refuses_to_start_without_its_secrets():
    result = import_production({})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr and "REDIS_URL" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = import_production(
        {
            "DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me",
            "DATABASE_URL": "postgres://u@localhost/db",
            "REDIS_URL": "redis://localhost:6379/0",
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "SITE_URL": "https://example.org",
        }
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a long random value" in result.stderr


def test_production_starts_with_its_secrets_and_uses_redis():
    env = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u@localhost/db",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
        "PROVENANCE_SIGNING_KEY": signing_key_file(),
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'], settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_redis.cache.RedisCache", "False"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    """The embedded default: WAL and a busy timeout (checked on the dev settings)."""
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env.pop("DATABASE_URL", None)
    env["VAR_DIR"] = os.path.join(settings.MEDIA_ROOT, "var-wal-check")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    mode, timeout = result.stdout.split()
    assert mode == "wal"
    assert int(timeout) >= 5000


def test_postgres_keeps_connections():
    import dj_database_url

    from config.settings.base import tune_database

    db = tune_database(dj_database_url.parse("postgres://postgres@127.0.0.1:5432/x"))
    assert db["CONN_MAX_AGE"] >= 60
    assert db["CONN_HEALTH_CHECKS"] is True
    sqlite = tune_database(dj_database_url.parse("sqlite:////tmp/x.sqlite3"))
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
