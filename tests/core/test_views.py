import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.mark.parametrize("page_cache", [False, True], ids=["rendered", "page-cache"])
def test_anonymous_page_views_write_nothing(
    client, bilingual_site, django_capture_on_commit_callbacks, settings, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(stock=3, image=True)
    urls = [
        "/vi/",
        "/en/",
        "/vi/shop/catalogue/",
        product.get_absolute_url(),
        "/vi/cau-chuyen/hanh-trinh/",
        "/sitemap.xml",
    ]
    for url in urls:
        client.get(url)  # first view may make image renditions
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], f"{url} wrote: {writes}"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_unknown_page_is_a_translated_404(client, bilingual_site):
    response = client.get("/vi/khong-co-trang-nay/")
    assert response.status_code == 404
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
