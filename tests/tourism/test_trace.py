"""A lot from a growing area a farm visit goes to: its trace page offers the visit, and
the visit's page shows the products grown there."""

import pytest
from django.core.cache import cache

from tests.provenance.factories import build_chain
from tests.tourism.factories import english, make_experience
from tourism.models import ExperiencePage

pytestmark = pytest.mark.django_db


def test_trace_page_offers_the_visit_and_the_visit_shows_the_product(client):
    lot = build_chain(serials=("S0001",))
    area = lot.cooperative.growing_areas.first()
    experience = make_experience()
    trace = f"/vi/trace/01/{lot.gtin}/10/{lot.lot_number}/"
    assert "Visit where this was grown" not in client.get(trace).content.decode()
    assert "Đến thăm nơi trồng" not in client.get(trace).content.decode()
    for page in (experience, english(experience)):
        page.growing_areas.add(area)
        page.save_revision().publish()
    html = client.get(trace).content.decode()
    assert "Đến thăm nơi trồng" in html and experience.url in html
    html_en = client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/").content.decode()
    assert english(experience).url in html_en
    cache.clear()
    page = client.get(ExperiencePage.objects.get(pk=experience.pk).url).content.decode()
    assert lot.product.get_title() in page
