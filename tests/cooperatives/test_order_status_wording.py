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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, waiting, shipped, prepared",
    [
        ("vi", "Chờ thanh toán", "Đã gửi hàng", "Đang chuẩn bị (thanh toán khi nhận hàng)"),
        ("en", "Awaiting payment", "Shipped", "Being prepared (cash on delivery)"),
    ],
)
def test_staff_dashboard_says_the_same_words(
    client, coop_a, countries, lang, waiting, shipped, prepared
):
    from tests.factories import UserFactory

    waiting_order = place(make_basket((coop_a.product, 1)), language=lang)
    cod_order = place(
        make_basket((coop_a.product, 1)), method="cod", language=lang, email="cod@example.vn"
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override(lang):
        listing = client.get(reverse("dashboard:order-list")).content.decode()
        detail = client.get(
            reverse("dashboard:order-detail", kwargs={"number": waiting_order.number})
        ).content.decode()
        cod_detail = client.get(
            reverse("dashboard:order-detail", kwargs={"number": cod_order.number})
        ).content.decode()
    assert waiting in listing and prepared in listing
    assert f'<option value="Shipped">{shipped}</option>' in cod_detail
    assert waiting in detail and prepared in cod_detail
    for page in (listing, detail, cod_detail):
        assert ">Pending payment<" not in page and ">Processing<" not in page


STATUS_MESSAGES = {
    "vi": "Trạng thái đơn hàng đã chuyển từ “Đã thanh toán” sang “Đã gửi hàng”.",
    "en": "Order status changed from “Paid” to “Shipped”.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("where", ["order page", "order list"])
def test_staff_status_change_message_uses_the_status_words(client, coop_a, countries, lang, where):
    """Oscar's message quoted the stored codes ('Paid' to 'Shipped') on a Vietnamese
    page; the message and the order's note say the words staff see elsewhere."""
    from shop.order import services
    from tests.factories import UserFactory

    order = place(make_basket((coop_a.product, 1)), language=lang)
    services.mark_order_paid(order)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override(lang):
        if where == "order page":
            url = reverse("dashboard:order-detail", kwargs={"number": order.number})
            data = {"order_action": "change_order_status", "new_status": "Shipped"}
        else:
            url = reverse("dashboard:order-list")
            data = {
                "action": "change_order_statuses",
                "selected_order": [order.pk],
                "new_status": "Shipped",
            }
        response = client.post(url, data, follow=True)
    order.refresh_from_db()
    assert order.status == "Shipped"
    shown = [str(message) for message in response.context["messages"]]
    assert STATUS_MESSAGES[lang] in shown, shown
    assert STATUS_MESSAGES[lang] in order.notes.values_list("message", flat=True)
    assert "'Paid'" not in response.content.decode()
    if lang == "vi" and where == "order page":
        # The shipping event type the shop records (stored in English) reads in
        # Vietnamese in the line actions too.
        from oscar.core.loading import get_model

        get_model("order", "ShippingEventType").objects.get_or_create(
            code="shipped", defaults={"name": "Shipped"}
        )
        page = client.get(url).content.decode()
        assert '<option value="shipped">Đã gửi hàng</option>' in page
        assert ">Shipped<" not in page


@pytest.mark.django_db
def test_staff_line_status_change_message_uses_the_status_words(client, coop_a, countries):
    from shop.order import services
    from tests.factories import UserFactory

    order = place(make_basket((coop_a.product, 1)))
    services.mark_order_paid(order)
    line = order.lines.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override("vi"):
        url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    response = client.post(
        url,
        {
            "line_action": "change_line_statuses",
            "selected_line": [line.pk],
            f"selected_line_qty_{line.pk}": 1,
            "new_status": "Shipped",
        },
        follow=True,
    )
    line.refresh_from_db()
    assert line.status == "Shipped"
    shown = " ".join(str(message) for message in response.context["messages"])
    assert f"Dòng {line.pk}: trạng thái đã chuyển" in shown and "“Đã gửi hàng”" in shown, shown
