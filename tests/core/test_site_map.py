"""The people's site map, /favicon.ico, and a Wagtail admin that calls no outside host."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "story", "about"),
    [
        ("vi", "Sơ đồ trang", "/vi/cau-chuyen/hanh-trinh/", "/vi/gioi-thieu/"),
        ("en", "Site map", "/en/stories/journey/", "/en/about/"),
    ],
)
def test_site_map_lists_pages_of_its_language(
    client, bilingual_site, language, heading, story, about
):
    response = client.get(f"/{language}/site-map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'href="{story}"' in html and f'href="{about}"' in html
    assert f'href="/{language}/shop/catalogue/"' in html
    other = "en" if language == "vi" else "vi"
    assert f'href="/{other}/stories/' not in html and f'href="/{other}/cau-chuyen/' not in html


def test_footer_links_the_site_map_not_the_xml(client, bilingual_site):
    html = client.get("/en/").content.decode()
    assert 'href="/en/site-map/"' in html
    assert 'href="/sitemap.xml"' not in html


def test_favicon_ico(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # ICO header
    assert "max-age" in response["Cache-Control"]


def test_wagtail_admin_makes_no_outside_calls():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_wagtail_admin_pages_name_no_outside_host(admin_client, bilingual_site):
    html = admin_client.get("/cms-admin/").content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html and "latest.txt" not in html
