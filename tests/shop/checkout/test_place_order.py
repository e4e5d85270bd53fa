import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from payments.models import Payment
from shop.checkout import services
from shop.order import services as order_services
from shop.order.stock import stock_problems
from tests.factories import ProductFactory
from tests.shop.checkout.helpers import foreign_address, load_basket, make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def record(product):
    return StockRecord.objects.get(product=product)


def test_order_holds_stock_and_records_payment(countries, django_capture_on_commit_callbacks):
    product = ProductFactory(stock=5, stock__price=500_000)
    basket = make_basket((product, 2))
    with django_capture_on_commit_callbacks(execute=True):
        order = place(basket, language="en")
    assert order.status == "Pending payment"
    assert order.language == "en"
    assert order.payment_method == "vietqr"
    assert order.payment_due_at > timezone.now()
    assert record(product).num_allocated == 2
    payment = Payment.objects.get(reference=order.number)
    assert payment.amount == int(order.total_incl_tax) == 1_000_000 + int(order.shipping_incl_tax)
    assert payment.currency == "VND" and payment.status == "pending"
    assert stock_problems() == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert order.number in message.subject and "Your order" in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert f"SLC{order.number}" in message.body and "0011009999999" in message.body


def test_sold_out_raises_and_writes_nothing(countries):
    product = ProductFactory(stock=1)
    basket = make_basket((product, 2))
    with pytest.raises(services.OutOfStock) as caught:
        place(basket)
    assert caught.value.shortages[0].available == 1
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert record(product).num_allocated in (0, None)
    shortages = services.fit_basket_to_stock(load_basket(basket.pk))
    assert shortages[0].requested == 2
    assert load_basket(basket.pk).all_lines()[0].quantity == 1


def test_double_submit_returns_the_same_order(countries):
    product = ProductFactory(stock=5)
    basket = make_basket((product, 1))
    first = place(basket)
    again = place(load_basket(basket.pk))
    assert again.pk == first.pk
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
    assert record(product).num_allocated == 1


def test_cancel_releases_exactly_once(countries, django_capture_on_commit_callbacks):
    product = ProductFactory(stock=5)
    order = place(make_basket((product, 3)))
    with django_capture_on_commit_callbacks(execute=True):
        assert order_services.cancel_order(order, reason="buyer asked") is True
    assert order_services.cancel_order(order) is False
    assert record(product).num_allocated == 0
    assert Order.objects.get(pk=order.pk).status == "Cancelled"
    assert Payment.objects.get(reference=order.number).status == "cancelled"
    order = Order.objects.get(pk=order.pk)
    with translation.override(order.language):
        expected = gettext("Order %(number)s was cancelled") % {"number": order.number}
    assert expected in [m.subject for m in mail.outbox]
    assert stock_problems() == []


def test_ship_consumes_allocation(countries, django_capture_on_commit_callbacks):
    product = ProductFactory(stock=5)
    order = place(make_basket((product, 2)), method="cod")
    assert order.status == "Processing"
    with django_capture_on_commit_callbacks(execute=True):
        order_services.ship_order(order, tracking_code="VN123456789", carrier="VNPost")
    rec = record(product)
    assert (rec.num_in_stock, rec.num_allocated) == (3, 0)
    assert stock_problems() == []
    shipped = [m for m in mail.outbox if "on its way" in m.subject or "đang" in m.subject]
    assert shipped and "VN123456789" in shipped[0].body
    assert order_services.cancel_order(order) is False  # shipped goods stay sold


def test_payment_marks_order_paid(countries, django_capture_on_commit_callbacks):
    from payments.services import mark_paid

    order = place(make_basket((ProductFactory(stock=2), 1)))
    payment = Payment.objects.get(reference=order.number)
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(payment, note="test")
    assert Order.objects.get(pk=order.pk).status == "Paid"
    assert [c.new_status for c in payment.history.all()] == ["pending", "paid"]


def test_cash_on_delivery_only_in_vietnam_and_under_ceiling(countries, settings):
    product = ProductFactory(stock=5, stock__price=1_000_000)
    with pytest.raises(services.PaymentMethodNotAllowed):
        place(make_basket((product, 1)), method="cod", address=foreign_address())
    settings.SHOP_COD_MAX_VND = 1_500_000
    with pytest.raises(services.PaymentMethodNotAllowed):
        place(make_basket((product, 2)), method="cod")
    assert place(make_basket((product, 1)), method="cod").status == "Processing"


def test_card_hidden_without_stripe_keys(countries, settings):
    settings.STRIPE_SECRET_KEY = ""
    assert "card" not in services.available_payment_methods(country_code="DE", total=1)
    with pytest.raises(services.PaymentMethodNotAllowed):
        place(make_basket((ProductFactory(stock=1), 1)), method="card")


def test_cancel_expired_orders_is_idempotent(countries):
    product = ProductFactory(stock=5)
    late = place(make_basket((product, 2)))
    fresh = place(make_basket((product, 1)))
    Order.objects.filter(pk=late.pk).update(
        payment_due_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("cancel_expired_orders")
    call_command("cancel_expired_orders")
    assert Order.objects.get(pk=late.pk).status == "Cancelled"
    assert Order.objects.get(pk=fresh.pk).status == "Pending payment"
    assert record(product).num_allocated == 1
    call_command("check_stock")


def test_check_stock_reports_drift(countries):
    product = ProductFactory(stock=5)
    place(make_basket((product, 1)))
    StockRecord.objects.filter(product=product).update(num_allocated=4)
    assert stock_problems()
    with pytest.raises(Exception, match="stock problems"):
        call_command("check_stock")


def test_shipping_domestic_free_over_threshold_international_by_weight(countries, settings):
    from shop.shipping.methods import DomesticByWeight, InternationalByWeight

    cheap = ProductFactory(stock=10, stock__price=100_000)
    basket = make_basket((cheap, 1))
    assert DomesticByWeight().charge(basket) == settings.SHOP_DOMESTIC_BASE_VND
    settings.SHOP_FREE_SHIPPING_FROM_VND = 100_000
    assert DomesticByWeight().charge(basket) == 0
    heavy = make_basket((cheap, 5))  # 5 × 300 g default + 200 g packing = 1700 g
    assert InternationalByWeight().charge(heavy) == (
        settings.SHOP_INTERNATIONAL_BASE_VND + 3 * settings.SHOP_INTERNATIONAL_PER_500G_VND
    )
    order = place(make_basket((cheap, 1)), address=foreign_address())
    assert order.shipping_code == "intl-express"


def test_vietnamese_postcode_five_digits_optional(countries):
    from django.core.exceptions import ValidationError

    from tests.shop.checkout.helpers import vn_address

    vn_address().clean()
    vn_address(postcode="39000").clean()
    with pytest.raises(ValidationError):
        vn_address(postcode="390000").clean()
