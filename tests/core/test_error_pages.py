"""With DEBUG off, 404, 403, 500 and CSRF-failure pages were Django's bare English
pages, under /vi/ too. They now use the site's layout and the visitor's language."""

import pytest
from django.test import Client

from tests.factories import ProductFactory

CASES = {
    404: ("/{lang}/no-such-page/", "Page not found", "Không tìm thấy trang"),
    403: ("/{lang}/forbidden/", "Access denied", "Không có quyền truy cập"),
    500: ("/{lang}/boom/", "Something went wrong", "Đã có lỗi xảy ra"),
}


@pytest.fixture
def error_urls(settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    settings.DEBUG = False


def in_site_layout(html):
    return 'class="site-footer' in html and 'class="skip-link"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(CASES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_error_pages_use_the_layout_and_language(bilingual_site, error_urls, status, lang):
    client = Client(raise_request_exception=False)
    path, english, vietnamese = CASES[status]
    response = client.get(path.format(lang=lang))
    assert response.status_code == status
    html = response.content.decode()
    assert in_site_layout(html)
    assert f'<html lang="{lang}"' in html
    assert (vietnamese if lang == "vi" else english) in html
    assert (english if lang == "vi" else vietnamese) not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,text", [("vi", "Biểu mẫu đã hết hạn"), ("en", "The form has expired")]
)
def test_csrf_failure_page_uses_the_layout_and_language(bilingual_site, lang, text):
    product = ProductFactory(stock=3)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 403
    html = response.content.decode()
    assert in_site_layout(html)
    assert f'<html lang="{lang}"' in html
    assert text in html
