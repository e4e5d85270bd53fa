"""A cash-on-delivery order says the same status to its buyer and to its cooperative."""

import pytest
from django.urls import reverse
from django.utils import translation

from shop.order import links
from tests.shop.checkout.helpers import make_basket, place


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, wording",
    [
        ("vi", "Đang chuẩn bị (thanh toán khi nhận hàng)"),
        ("en", "Being prepared (cash on delivery)"),
    ],
)
def test_cod_order_status_is_worded_once(client, coop_a, countries, lang, wording):
    order = place(make_basket((coop_a.product, 1)), method="cod", language=lang)
    assert order.status == "Processing"
    buyer_page = client.get(links.status_path(order, lang)).content.decode()
    assert wording in buyer_page
    client.force_login(coop_a.user)
    with translation.override(lang):
        detail = reverse("dashboard:order-detail", kwargs={"number": order.number})
        listing = reverse("dashboard:order-list")
    coop_page = client.get(detail).content.decode()
    assert wording in coop_page
    assert "Pending payment" not in coop_page and "Chờ thanh toán" not in coop_page
    assert wording in client.get(listing).content.decode()
