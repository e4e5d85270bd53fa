"""Local development: the embedded default (SQLite, local media, console e-mail)."""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env, env_bool

# Off unless asked for (DJANGO_DEBUG=1, or `make run DEBUG=1`): with HOST=0.0.0.0 anyone
# on the network would otherwise see debug pages with the settings.
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
VAR_DIR.mkdir(parents=True, exist_ok=True)

# WhiteNoise serves static files straight from the apps and static/ (no collectstatic),
# so the site also works with DEBUG off (scripts/bench.py) on the embedded default.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The embedded default serves its own local media, DEBUG or not.
SERVE_MEDIA = True
# ... and loads its demo content with DEBUG off (load_demo refuses elsewhere).
DEMO_ALLOWED = True
