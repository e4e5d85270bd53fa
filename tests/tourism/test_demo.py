"""The demo has a bookable farm visit, reached from the home page and the community
tourism page, in both languages."""

import pytest
from django.test import Client

from tourism.models import ExperiencePage, Slot

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_farm_visit_is_bookable_from_the_home_page(search_index):
    from demo.loader import DemoLoader
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    DemoLoader(log=lambda message: None).run()
    experience = ExperiencePage.objects.get(locale__language_code="vi")
    assert Slot.objects.filter(experience=experience).count() >= 8
    client = Client()
    home = client.get("/vi/").content.decode()
    assert "/vi/tham-quan-vuon-sam/" in home
    community = client.get("/vi/du-lich-cong-dong/").content.decode()
    assert "/vi/tham-quan-vuon-sam/" in community and "sẽ sớm có" not in community
    for path in ("/vi/tham-quan-vuon-sam/", "/en/farm-visits/"):
        assert client.get(path).status_code == 200, path
    page = client.get(experience.url).content.decode()
    assert page.count("data-slot=") >= 8
    en = client.get("/en/farm-visits/sin-suoi-ho-garden-walk/")
    assert en.status_code == 200
    assert "Dates with free seats" in en.content.decode()
