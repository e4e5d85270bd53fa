"""Public cooperative profiles (vi/en): story, commune, growing areas on a map,
certifications, products; product pages link to their seller."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperatives.models import Profile
from provenance.models import GrowingArea
from tests.factories import ProductFactory, StockRecordFactory


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperatives:{name}", kwargs=kwargs)


@pytest.fixture
def profile_a(coop_a):
    return Profile.objects.create(
        cooperative=coop_a.cooperative,
        slug="htx-alpha",
        story_vi="<p>Câu chuyện của chúng tôi</p><script>alert(1)</script>",
        story_en='<p>Our story</p><img src=x onerror="alert(1)">',
        is_public=True,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,story", [("vi", "Câu chuyện của chúng tôi"), ("en", "Our story")]
)
def test_profile_page(client, coop_a, profile_a, wagtail_root, language, story):
    area = GrowingArea.objects.filter(cooperative=coop_a.partner).first()
    response = client.get(url("detail", language, slug="htx-alpha"))
    assert response.status_code == 200
    page = response.content.decode()
    assert coop_a.cooperative.legal_name in page
    assert story in page
    assert "<script>alert" not in page and "onerror" not in page
    assert area.code in page
    assert "<svg" in page and "<path d=" in page
    assert area.gacp_certificate_number in page
    assert coop_a.product.get_absolute_url() in page


@pytest.mark.django_db
def test_unapproved_profiles_are_hidden(client, coop_a, coop_b, profile_a, wagtail_root):
    Profile.objects.create(cooperative=coop_b.cooperative, slug="htx-bravo", is_public=False)
    assert client.get(url("detail", slug="htx-bravo")).status_code == 404
    index = client.get(url("index")).content.decode()
    assert "htx-alpha" in index and "htx-bravo" not in index
    assert client.get(url("index", "vi")).status_code == 200


@pytest.mark.django_db
def test_product_page_links_to_seller(client, coop_a, profile_a, wagtail_root):
    with translation.override("en"):
        page = client.get(coop_a.product.get_absolute_url()).content.decode()
    assert url("detail", "en", slug="htx-alpha") in page


@pytest.mark.django_db
def test_profile_query_budget(
    client, coop_a, profile_a, wagtail_root, django_assert_max_num_queries
):
    for _ in range(5):
        StockRecordFactory(product=ProductFactory(), partner=coop_a.partner)
    target = url("detail", slug="htx-alpha")
    client.get(target)  # warm caches shared by every page (site, menus)
    with django_assert_max_num_queries(15):
        response = client.get(target)
    assert response.status_code == 200
