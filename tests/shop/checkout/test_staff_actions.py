import pytest
from django.core import mail
from oscar.core.loading import get_model

from payments.models import Payment
from shop.order.stock import stock_problems
from tests.factories import ProductFactory
from tests.shop.checkout.helpers import make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def test_dashboard_status_changes_keep_stock_right(countries):
    product = ProductFactory(stock=5)
    cancelled = place(make_basket((product, 2)))
    cancelled.set_status("Cancelled")  # what Oscar's dashboard calls
    paid = place(make_basket((product, 1)))
    paid.set_status("Paid")
    assert Payment.objects.get(reference=paid.number).status == "paid"
    paid.set_status("Shipped")
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (4, 0)
    assert Order.objects.get(pk=cancelled.pk).status == "Cancelled"
    assert stock_problems() == []


def test_admin_ship_action_with_tracking(
    countries, admin_client, django_capture_on_commit_callbacks
):
    product = ProductFactory(stock=5)
    order = place(make_basket((product, 1)), method="cod", language="en")
    url = "/django-admin/order/order/"
    page = admin_client.post(url, {"action": "ship_orders", "_selected_action": [order.pk]})
    assert page.status_code == 200 and b"tracking_code" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(
            url,
            {
                "action": "ship_orders",
                "_selected_action": [order.pk],
                "apply": "1",
                "carrier": "VNPost",
                "tracking_code": "EE123456789VN",
            },
        )
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.status == "Shipped" and order.tracking_code == "EE123456789VN"
    assert any("EE123456789VN" in m.body for m in mail.outbox)
    assert StockRecord.objects.get(product=product).num_in_stock == 4


def test_admin_cancel_and_mark_paid_actions(countries, admin_client):
    product = ProductFactory(stock=5)
    first = place(make_basket((product, 1)))
    second = place(make_basket((product, 1)))
    url = "/django-admin/order/order/"
    admin_client.post(url, {"action": "cancel_orders", "_selected_action": [first.pk]})
    admin_client.post(url, {"action": "mark_orders_paid", "_selected_action": [second.pk]})
    assert Order.objects.get(pk=first.pk).status == "Cancelled"
    assert Order.objects.get(pk=second.pk).status == "Paid"
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert stock_problems() == []
