"""An editor translates a page in the admin with wagtail-localize."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms import models as cms
from cms.services import add_child_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="pw"
    )
    client.force_login(user)
    return user


def test_editor_translates_a_page_in_the_admin(client, editor, bilingual_site):
    page = add_child_page(
        bilingual_site["home"],
        cms.StandardPage(
            title="Vận chuyển", slug="van-chuyen", introduction="Giao hàng trong nước."
        ),
    )
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302
    translated = page.get_translation(english)
    assert translated.specific.introduction == "Giao hàng trong nước."  # ready for the editor
    # The editor then opens the translation editor for the new page.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's editor, not a plain copy
    props = json.loads(unescape(re.search(r'data-props="([^"]*)"', html).group(1)))
    assert "Giao hàng trong nước." in json.dumps(props, ensure_ascii=False)


def test_admin_and_dashboard_open_for_staff(client, editor, bilingual_site):
    assert client.get("/cms-admin/").status_code == 200
    assert client.get("/vi/shop/dashboard/").status_code == 200
    assert client.get(f"/cms-admin/pages/{bilingual_site['home'].pk}/").status_code == 200


def test_bilingual_pages_are_real_localize_translations_and_sync_in_the_admin(
    client, editor, bilingual_site
):
    from wagtail_localize.models import StringTranslation, TranslationSource

    story = bilingual_site["story"]
    story_en = bilingual_site["story_en"]
    source = TranslationSource.objects.get_for_instance_or_none(story)
    assert source is not None
    assert source.translations.filter(target_locale__language_code="en", enabled=True).exists()
    assert StringTranslation.objects.filter(data="The journey of a root").exists()

    # The page listing offers the action the README describes.
    listing = client.get(f"/cms-admin/pages/{bilingual_site['stories'].pk}/").content.decode()
    assert "Sync translated pages" in listing or "Đồng bộ" in listing
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert sync_url in listing

    # An editor changes the Vietnamese page; the sync keeps the English translations and
    # brings the new string over (untranslated until the translator does it).
    story.title = "Hành trình của củ sâm"
    story.introduction = "Từ vườn ươm đến tay người mua, qua mỗi bước."
    story.save_revision().publish()
    assert client.get(sync_url).status_code == 200
    response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    story_en.refresh_from_db()
    assert story_en.title == "The journey of a root"  # translated string kept
    assert story_en.slug == "journey"
    assert (
        story_en.introduction == "Từ vườn ươm đến tay người mua, qua mỗi bước."
    )  # new, to translate
    body = story_en.body.raw_data if hasattr(story_en.body, "raw_data") else story_en.body
    assert "Story text." in str(body) or "Nội dung" in str(body)


def test_sync_keeps_each_language_its_own_tags(client, editor, bilingual_site):
    from wagtail_localize.models import TranslationSource

    story = bilingual_site["story"]
    story.tags.add("thu hoạch")
    story.save_revision().publish()
    source = TranslationSource.objects.get_for_instance_or_none(story)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.post(url, {"publish_translations": "on"}).status_code == 302
    story_en = cms.StoryPage.objects.get(pk=bilingual_site["story_en"].pk)
    assert "thu hoạch" not in [tag.name for tag in story_en.tags.all()]
