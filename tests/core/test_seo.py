import json
import re

import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_pages_and_products_in_both_languages(client, bilingual_site):
    product = ProductFactory(stock=2)
    hidden = ProductFactory(stock=2, is_public=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in [
        "/vi/",
        "/en/",
        "/vi/cau-chuyen/hanh-trinh/",
        "/en/stories/journey/",
        "/vi/van-hoa/nguoi-ha-nhi/",
        "/en/about/",
    ]:
        assert f"<loc>http://localhost{path}</loc>" in xml, path
    assert f"<loc>http://localhost/vi/shop/catalogue/{product.slug}_{product.pk}/</loc>" in xml
    assert f"<loc>http://localhost/en/shop/catalogue/{product.slug}_{product.pk}/</loc>" in xml
    assert "example.com" not in xml
    assert f"_{hidden.pk}/" not in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /cms-admin/" in body


def test_product_page_has_schema_org_product_and_open_graph(client, wagtail_root):
    product = ProductFactory(stock=4, stock__price=1_234_567, image=True)
    html = client.get(f"/en/shop/catalogue/{product.slug}_{product.pk}/").content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    data = json.loads(match.group(1))
    assert data["@type"] == "Product"
    assert data["name"] == product.title_en
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["price"] == "1234567"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["image"].startswith("http://testserver/media/cache/")
    assert '<meta property="og:type" content="product">' in html
    assert f'<meta property="og:title" content="{product.title_en}">' in html
    assert '<meta property="og:image" content="http://testserver/media/cache/' in html


def test_out_of_stock_product_says_so_in_structured_data(client, wagtail_root):
    product = ProductFactory(stock=0)
    html = client.get(f"/vi/shop/catalogue/{product.slug}_{product.pk}/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_no_asset_is_loaded_from_another_host(client, bilingual_site):
    ProductFactory(stock=1, image=True)
    for url in ["/vi/", "/en/shop/catalogue/", "/en/stories/journey/"]:
        html = client.get(url).content.decode()
        for attr in re.findall(r'(?:src|href)="(https?:)?//([^"/]+)', html):
            host = attr[1]
            assert host == "testserver", f"{url} loads from {host}"
