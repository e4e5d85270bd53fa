import pytest

from core.sanitize import clean_html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="alert(1)">x</p>',
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
    ],
)
def test_dangerous_markup_is_removed(attack):
    cleaned = clean_html(attack).lower()
    assert "<script" not in cleaned
    assert "onerror" not in cleaned and "onclick" not in cleaned and "onload" not in cleaned
    assert "javascript:" not in cleaned
    assert "<iframe" not in cleaned


def test_harmless_markup_survives():
    html = '<p>Sâm <strong>Lai Châu</strong> <a href="https://example.org">x</a></p>'
    cleaned = clean_html(html)
    assert "<strong>Lai Châu</strong>" in cleaned
    assert 'href="https://example.org"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


@pytest.mark.django_db
def test_product_description_is_sanitised_on_the_product_page(client, wagtail_root):
    from tests.factories import ProductFactory

    product = ProductFactory(
        stock=1, description_vi='<p>Sâm</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'alert("x")' not in html
    assert "onerror=alert" not in html
    assert "<p>Sâm</p>" in html
