"""Production: several app servers, PostgreSQL, Redis, object storage.

Refuses to start without its secrets rather than run with a default.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, STORAGES, env, env_bool, env_list

REQUIRED = ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS", "SITE_URL"]
_missing = [name for name in REQUIRED if not env(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

SECRET_KEY = env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 40 or SECRET_KEY.startswith(("dev-", "test-")):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a long random value.")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool(
    "ALLOW_SQLITE_IN_PRODUCTION"
):
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL to postgres://...")

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        # Several sites (or a check run) may share one Redis: keys start with this.
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", ""),
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media: S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set (base.py), else
# a folder (one server, or a shared mount); DEFAULT_FILE_STORAGE names another backend.
STORAGES = {
    "default": (
        {"BACKEND": env("DEFAULT_FILE_STORAGE")}
        if env("DEFAULT_FILE_STORAGE")
        else STORAGES["default"]
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: a year, subdomains included, eligible for the browsers' preload list.
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))

# --- provcore: the checkpoint signing key is a file outside the database; never generated here.
PROVENANCE_SIGNING_KEY_GENERATE = False
if not env("PROVENANCE_SIGNING_KEY") or not Path(env("PROVENANCE_SIGNING_KEY")).is_file():
    raise ImproperlyConfigured(
        "Production needs PROVENANCE_SIGNING_KEY: the path of the Ed25519 private key (PEM) "
        "that signs provenance checkpoints."
    )

# Tasks run in a worker process (`manage.py db_worker`), never inside a request: the
# queue is a table in the database (django_tasks_db). TASKS_BACKEND may name another.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}

# Search in the shared database (shop/search/backends/postgres.py), not a Whoosh folder
# per server: SEARCH_BACKEND=whoosh keeps Whoosh on a single server.
if env("SEARCH_BACKEND", "postgres") == "postgres":
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "shop.search.backends.postgres.PostgresSearchEngine",
            "TABLE": env("SEARCH_TABLE", "search_document"),
        }
    }

# One JSON object a line, each with the request's id (core/observability.py); errors go
# to the log with their traceback (DEBUG is off: visitors get the site's error page).
# LOG_FORMAT=text for plain lines.
if env("LOG_FORMAT", "json") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
