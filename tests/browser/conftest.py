"""Playwright driving Debian's Chromium (/usr/bin/chromium): no browser download.

Under CI=true a missing browser fails the run; elsewhere browser tests skip with a
message saying how to get one.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _have_chromium():
    return os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _require_chromium():
    if _have_chromium():
        return
    message = f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


class Watch:
    """Records console errors, page errors and every request's host."""

    def __init__(self, page, allowed_host):
        self.errors = []
        self.foreign_requests = []
        self.allowed_host = allowed_host
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error} ({page.url})"))
        page.on("request", self._request)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({self.page.url})")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.allowed_host:
            self.foreign_requests.append(request.url)

    def assert_clean(self):
        assert self.foreign_requests == [], "requests to other hosts"
        assert self.errors == [], "errors in the browser console"


@pytest.fixture
def watch(page, live_server):
    return Watch(page, urlsplit(live_server.url).netloc)


@pytest.fixture
def browser_site(transactional_db, search_index):
    """Pages and products for a browser test (the live server needs committed data)."""
    from tests.conftest import build_bilingual_site
    from tests.factories import ProductFactory

    site = build_bilingual_site()
    site["products"] = [
        ProductFactory(
            stock=5,
            stock__price=2_500_000,
            image=True,
            title_vi="Củ sâm Lai Châu tươi",
            title_en="Fresh Lai Châu ginseng root",
        ),
        ProductFactory(
            stock=3, stock__price=890_000, title_vi="Trà hoa sâm", title_en="Ginseng flower tea"
        ),
    ]
    return site
