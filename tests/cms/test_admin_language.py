"""The Wagtail admin speaks the editor's language: Vietnamese by default, English when
the editor chooses it (account settings: our two languages only); the menu, dashboard
and page listing labels Wagtail leaves untranslated come from our catalogue
(cms/wagtail_strings.py)."""

import re

import pytest
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model, wagtail_root):
    """A superuser signed in to the admin, over a page tree (the admin links to its root;
    a flushed database from a live-server test has none)."""
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="pw"
    )
    client.force_login(user)
    return user


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    "language, expected, absent",
    [
        (
            "vi",
            [
                "Tổng quan trang web",
                "Tìm trong mọi trang…",
                "Thêm trang con",
                "Đồng bộ các trang đã dịch",
            ],
            ["Site summary", "Add child page", "Sort menu order"],
        ),
        (
            "en",
            ["Site summary", "Search all pages…", "Add child page", "Sync translated pages"],
            [],
        ),
    ],
)
def test_admin_pages_in_the_editors_language(
    client, editor, bilingual_site, language, expected, absent
):
    prefer(editor, language)
    dashboard = client.get("/cms-admin/").content.decode()
    listing = client.get(f"/cms-admin/pages/{bilingual_site['home'].pk}/").content.decode()
    assert f'lang="{language}"' in dashboard
    pages = dashboard + listing
    for text in expected:
        assert text in pages, text
    for text in absent:
        assert text not in pages, text


def test_admin_defaults_to_vietnamese_and_offers_our_two_languages(client, editor):
    # No choice made, a browser asking for French: Vietnamese (the site's default).
    dashboard = client.get("/cms-admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="vi"' in dashboard and "Tổng quan trang web" in dashboard
    account = client.get("/cms-admin/account/").content.decode()
    select = re.search(
        r'<select name="[^"]*preferred_language"[^>]*>(.*?)</select>', account, re.DOTALL
    ).group(1)
    choices = set(re.findall(r'<option value="([a-z-]*)"', select))
    assert choices <= {"", "vi", "en"} and {"vi", "en"} <= choices
