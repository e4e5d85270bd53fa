"""Every absolute link in e-mails comes from SITE_URL: the password-reset link pointed
at http://example.com/ (Django's default Site, and Oscar's "http" schema)."""

import re

import pytest
from django.apps import apps
from django.contrib.sites.models import Site
from django.db.models.signals import post_migrate

from tests.factories import UserFactory


def run_post_migrate():
    post_migrate.send(
        sender=apps.get_app_config("core"),
        app_config=apps.get_app_config("core"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=[],
    )


@pytest.mark.django_db
def test_site_follows_site_url_after_migrate(settings):
    settings.SITE_URL = "https://shop.example.vn"
    Site.objects.update(domain="example.com", name="example.com")  # Django's default
    Site.objects.clear_cache()
    run_post_migrate()
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("shop.example.vn", "Sâm Lai Châu")
    settings.SITE_URL = "http://127.0.0.1:8080"
    run_post_migrate()
    assert Site.objects.get_current().domain == "127.0.0.1:8080"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_password_reset_link_is_on_site_url(client, wagtail_root, mailoutbox, settings, language):
    Site.objects.update(domain="example.com", name="example.com")
    Site.objects.clear_cache()
    settings.SITE_URL = "https://shop.example.vn"
    run_post_migrate()
    UserFactory(email="mai@example.vn")
    response = client.post(f"/{language}/shop/password-reset/", {"email": "mai@example.vn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body + "".join(str(a[0]) for a in mailoutbox[0].alternatives)
    assert "example.com" not in body
    links = set(re.findall(r"https?://[^\s\"'<]+", body))
    resets = [link for link in links if "/password-reset/confirm/" in link]
    assert resets and all(
        link.startswith(f"https://shop.example.vn/{language}/shop/password-reset/confirm/")
        for link in resets
    )
    path = "/" + resets[0].split("://", 1)[1].split("/", 1)[1]
    assert client.get(path, follow=True).status_code == 200
