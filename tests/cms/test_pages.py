import re

import pytest
from wagtail.models import Page

from cms import models as cms
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PAGE_URLS = [
    ("/vi/", "vi", "Sâm Lai Châu — báu vật của núi rừng"),
    ("/en/", "en", "Lai Châu ginseng — treasure of the forest"),
    ("/vi/cau-chuyen/", "vi", "Câu chuyện"),
    ("/en/stories/", "en", "Stories"),
    ("/vi/cau-chuyen/hanh-trinh/", "vi", "Hành trình của củ sâm"),
    ("/en/stories/journey/", "en", "The journey of a root"),
    ("/vi/van-hoa/", "vi", "Văn hoá"),
    ("/en/culture/", "en", "Culture"),
    ("/vi/van-hoa/nguoi-ha-nhi/", "vi", "Người Hà Nhì"),
    ("/en/culture/the-ha-nhi/", "en", "The Hà Nhì"),
    ("/vi/gioi-thieu/", "vi", "Giới thiệu"),
    ("/en/about/", "en", "About"),
]


@pytest.mark.parametrize(("url", "language", "heading"), PAGE_URLS)
def test_every_page_type_renders_in_its_language(client, bilingual_site, url, language, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html
    # Both alternates and the default are announced.
    assert 'hreflang="vi"' in html and 'hreflang="en"' in html and 'hreflang="x-default"' in html
    assert '<meta property="og:title"' in html
    assert re.search(r'<meta name="description" content="[^"]+"', html)
    # The interface itself is translated, not only the content.
    if language == "vi":
        assert "Bỏ qua, đến nội dung" in html
    else:
        assert "Skip to content" in html


def test_language_switch_points_at_the_translated_page(client, bilingual_site):
    html = client.get("/vi/cau-chuyen/hanh-trinh/").content.decode()
    assert 'href="/en/stories/journey/" hreflang="en"' in html
    response = client.get("/en/stories/journey/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The journey of a root" in html
    assert 'href="/vi/cau-chuyen/hanh-trinh/" hreflang="vi"' in html


def test_language_switch_on_a_shop_page_keeps_the_path(client, bilingual_site):
    product = ProductFactory(stock=3)
    html = client.get(f"/vi/shop/catalogue/{product.slug}_{product.pk}/").content.decode()
    assert '<html lang="vi"' in html
    assert f'href="/en/shop/catalogue/{product.slug}_{product.pk}/"' in html


def test_untranslated_page_switches_to_the_other_home(client, bilingual_site):
    from cms.services import add_child_page

    only_vi = add_child_page(
        bilingual_site["home"], cms.StandardPage(title="Chỉ tiếng Việt", slug="chi-vi")
    )
    html = client.get(only_vi.url).content.decode()
    assert 'href="/en/" hreflang="en"' in html


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("vi-VN,vi;q=0.9", "/vi/"),
        ("fr-FR,fr;q=0.9", "/vi/"),
        ("", "/vi/"),
    ],
)
def test_root_redirects_by_browser_language(client, bilingual_site, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_home_lists_live_products_with_price(client, bilingual_site):
    on_sale = ProductFactory(
        stock=4, stock__price=2_500_000, title_vi="Sâm tươi nổi bật", title_en="Featured fresh root"
    )
    hidden = ProductFactory(stock=4, is_public=False, title_vi="Sâm ẩn", title_en="Hidden root")
    html = client.get("/vi/").content.decode()
    assert "Sâm tươi nổi bật" in html
    assert on_sale.get_absolute_url() in html
    assert "2.500.000 ₫" in html
    assert "Sâm ẩn" not in html
    html = client.get("/en/").content.decode()
    assert "Featured fresh root" in html
    assert "₫2,500,000" in html
    assert hidden.title_en not in html


def test_home_shows_stories_and_a_path_to_shop_and_tourism(client, bilingual_site):
    home = cms.HomePage.objects.get(pk=bilingual_site["home"].pk)
    home.tourism_page = bilingual_site["about"]
    home.save_revision().publish()
    html = client.get("/vi/").content.decode()
    assert "Hành trình của củ sâm" in html
    assert 'href="/vi/shop/catalogue/"' in html
    assert 'href="/vi/gioi-thieu/"' in html


def test_story_index_filters_by_tag(client, bilingual_site):
    story = cms.StoryPage.objects.get(pk=bilingual_site["story"].pk)
    story.tags.add("thu hoạch")
    story.save_revision().publish()
    assert "Hành trình của củ sâm" in client.get("/vi/cau-chuyen/?tag=thu+hoạch").content.decode()
    assert "Hành trình của củ sâm" not in client.get("/vi/cau-chuyen/?tag=khác").content.decode()


def test_page_tree_rules():
    root = Page.get_first_root_node
    assert cms.HomePage.parent_page_types == ["wagtailcore.Page"]
    assert set(cms.HomePage.subpage_types) == {
        "cms.StoryIndexPage",
        "cms.CultureIndexPage",
        "cms.StandardPage",
        "tourism.ExperienceIndexPage",
        "events.EventIndexPage",
    }
    assert cms.StoryPage.parent_page_types == ["cms.StoryIndexPage"]
    assert cms.CulturePage.parent_page_types == ["cms.CultureIndexPage"]
    assert cms.StoryPage.subpage_types == [] and cms.CulturePage.subpage_types == []
    assert root is not None


def test_story_cannot_be_created_under_home(bilingual_site):
    home = bilingual_site["home"]
    assert not cms.StoryPage.can_create_at(home)
    assert cms.StoryPage.can_create_at(bilingual_site["stories"])
    assert not cms.HomePage.can_create_at(home)


def test_images_are_served_as_renditions_not_originals(client, bilingual_site):
    html = client.get("/vi/").content.decode()
    assert "/media/original_images/" not in html
    assert "/media/images/" in html


def test_every_image_has_alt_text(client, bilingual_site):
    ProductFactory(stock=2, image=True)
    for url in ["/vi/", "/en/stories/journey/", "/vi/shop/catalogue/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="', tag), f"{url}: {tag}"
