import pytest

from tests.factories import ProductFactory


@pytest.mark.django_db
def test_product_page_shows_vnd_price_in_both_languages(client, wagtail_root):
    product = ProductFactory(stock=5, stock__price=1234567)
    response = client.get(f"/vi/shop/catalogue/{product.slug}_{product.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1.234.567 ₫" in html
    assert product.title_vi in html
    response = client.get(f"/en/shop/catalogue/{product.slug}_{product.pk}/")
    html = response.content.decode()
    assert "₫1,234,567" in html
    assert product.title_en in html
