"""Fast, isolated settings for the test suite."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, HAYSTACK_CONNECTIONS, env

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# Every test process writes its media and search index in its own temporary folder.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
_tmp = tempfile.mkdtemp(prefix=f"samlaichau-test-{_worker}-")
MEDIA_ROOT = env("TEST_MEDIA_ROOT", os.path.join(_tmp, "media"))
HAYSTACK_CONNECTIONS["default"]["PATH"] = os.path.join(_tmp, "whoosh")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # In memory: Django shares the connection with the live server's thread, so browser
    # tests see the same data. No WAL or busy timeout for an in-memory database.
    DATABASES["default"]["OPTIONS"] = {}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# provcore: each test process signs checkpoints with its own generated key.
PROVENANCE_SIGNING_KEY = os.path.join(_tmp, "provenance-signing-key.pem")
# A test's transaction never commits, so the site's on-commit index updates would never
# run; tests index as rows are saved and start from an empty index (tests/conftest.py).
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.RealtimeSignalProcessor"
PAGE_CACHE_ENABLED = False  # issue 12: tests that want it use the page_cache fixture
