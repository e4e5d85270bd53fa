"""Security headers: a Content-Security-Policy whose scripts need our origin or the
request's nonce (no 'unsafe-inline' outside the admin paths), every inline script of
our layout carries that nonce; HSTS of a year with subdomains and preload in
production, and `check --deploy` finds nothing."""

import os
import re
import subprocess
import sys

import pytest

from tests.factories import ProductFactory

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/vi/", "/en/shop/catalogue/", "product", "/en/no-such-page/"])
def test_public_pages_allow_only_nonced_or_own_scripts(client, bilingual_site, path):
    if path == "product":
        product = ProductFactory(stock=2)
        path = f"/vi/shop/catalogue/{product.slug}_{product.pk}/"
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    nonces = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" in tag or "application/ld+json" in tag or "application/json" in tag:
            continue
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\son(click|load|change|submit)=", html)


@pytest.mark.django_db
def test_nonce_differs_per_request(client, bilingual_site):
    first = client.get("/vi/")["Content-Security-Policy"]
    second = client.get("/vi/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/django-admin/login/", "/cms-admin/login/"])
def test_admin_paths_get_a_looser_policy(client, wagtail_root, path):
    policy = directives(client.get(path)["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "ci-" + "0123456789abcdef" * 4,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "example.org",
    "SITE_URL": "https://example.org",
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
}


def run_production(*args):
    from tests.core.test_settings import signing_key_file

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION_ENV, PROVENANCE_SIGNING_KEY=signing_key_file())
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = run_production("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True"]


def test_check_deploy_finds_nothing():
    result = run_production("manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues" in output, output


def test_production_runs_tasks_in_a_worker_not_in_the_request():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.TASKS['default']['BACKEND'])"
    )
    result = run_production("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend"]
