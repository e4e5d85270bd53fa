"""`make run` served with DEBUG on (debug pages with settings for anyone on the network
with HOST=0.0.0.0). It now serves with DEBUG off unless DEBUG=1 is given, links follow
HOST/PORT, and the embedded default still loads its demo and serves static and media."""

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PRINT_ENV = (
    f"{sys.executable} -c \"import os, sys; print('CALL', *sys.argv[1:], "
    "os.environ.get('DJANGO_DEBUG'), os.environ.get('SITE_URL'))\""
)


def make_run(*args, env=None):
    """`make run` with every manage.py call replaced by one that prints its environment."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SITE_URL", "HOST", "PORT")}
    clean.update(env or {})
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/bin/.installed",
            "run",
            f"MANAGE={PRINT_ENV}",
            *args,
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    calls = {}
    for line in result.stdout.splitlines():
        if line.startswith("CALL "):
            parts = line.split()
            calls[parts[1]] = parts[2:]
    return calls


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@needs_make
def test_make_run_serves_with_debug_off_and_links_on_its_port():
    calls = make_run("PORT=8080")
    assert calls["runserver"] == ["127.0.0.1:8080", "0", "http://127.0.0.1:8080"]
    # The demo is loaded and the Site synced (migrate) with the same SITE_URL.
    assert calls["load_demo"][-2:] == ["0", "http://127.0.0.1:8080"]
    assert calls["migrate"][-2:] == ["0", "http://127.0.0.1:8080"]


@needs_make
def test_make_run_debug_only_when_asked_and_site_url_wins():
    assert make_run("DEBUG=1", "HOST=0.0.0.0")["runserver"] == [
        "0.0.0.0:8000",
        "1",
        "http://127.0.0.1:8000",
    ]
    given = make_run(env={"SITE_URL": "https://shop.example.vn"})
    assert given["runserver"][-1] == "https://shop.example.vn"


DEV_CHECK = """
import os, django
django.setup()
from django.conf import settings
from django.test import Client
os.makedirs(settings.MEDIA_ROOT / "images", exist_ok=True)
(settings.MEDIA_ROOT / "images" / "probe.txt").write_text("media")
c = Client(HTTP_HOST="127.0.0.1")
print(settings.DEBUG, settings.DEMO_ALLOWED,
      c.get("/static/css/site.css").status_code,
      c.get("/media/images/probe.txt").status_code)
"""


@pytest.mark.parametrize("debug,expected", [(None, "False"), ("1", "True")])
def test_embedded_default_serves_static_and_media_with_debug_off(tmp_path, debug, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", VAR_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    if debug:
        env["DJANGO_DEBUG"] = debug
    result = subprocess.run(
        [sys.executable, "-c", DEV_CHECK],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [expected, "True", "200", "200"]
