"""The page edit screen of each of our page types, on a Vietnamese admin: the panels,
fields, buttons and StreamField choices an editor meets read in Vietnamese (Wagtail's own
catalogue leaves most of them in English; ours supplies them: cms/wagtail_strings.py)."""

import pytest

from tests.core.language_check import other_language_strings

pytestmark = pytest.mark.django_db

# Words Wagtail shows that are the same in both languages, or names.
NAMES = ["Wagtail", "Sâm Lai Châu", "SEO", "URL", "Markdown"]


@pytest.fixture
def editor(client, django_user_model, wagtail_root):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="pw"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return user


def test_page_edit_screens_read_in_vietnamese(client, editor, bilingual_site):
    found = {}
    for key in ("home", "stories", "story", "culture_index", "culture", "about"):
        page = bilingual_site.get(key)
        if page is None:
            continue
        html = client.get(f"/cms-admin/pages/{page.pk}/edit/").content.decode()
        strings = other_language_strings(html, "vi", NAMES)
        if strings:
            found[type(page).__name__] = sorted(set(strings))
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
