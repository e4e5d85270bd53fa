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
