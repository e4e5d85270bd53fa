"""Many buyers at once, on PostgreSQL: real row locks, one connection per thread."""

import random
import threading

import pytest
from django.db import close_old_connections, connection
from oscar.core.loading import get_model

from shop.checkout.services import OutOfStock
from shop.order.stock import stock_problems
from tests.factories import ProductFactory
from tests.shop.checkout.helpers import load_basket, make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_buyers(basket_pks):
    results = {}
    barrier = threading.Barrier(len(basket_pks))

    def buy(pk):
        try:
            basket = load_basket(pk)
            barrier.wait(timeout=30)
            place(basket, email=f"buyer{pk}@example.com")
            results[pk] = "ok"
        except OutOfStock:
            results[pk] = "sold out"
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[pk] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(pk,)) for pk in basket_pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def test_twenty_buyers_three_in_stock(countries):
    product = ProductFactory(stock=3)
    baskets = [make_basket((product, 1)).pk for _ in range(20)]
    results = run_buyers(baskets)
    outcomes = sorted(results.values())
    assert outcomes.count("ok") == 3, results
    assert outcomes.count("sold out") == 17, results
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (3, 3)
    assert Order.objects.count() == 3
    assert stock_problems() == []


def test_mixed_products_in_different_orders_no_deadlock(countries):
    products = [ProductFactory(stock=4) for _ in range(4)]
    rng = random.Random(5)
    baskets = []
    for _ in range(16):
        chosen = rng.sample(products, 3)  # each basket lists its lines in its own order
        baskets.append(make_basket(*[(p, 1) for p in chosen]).pk)
    results = run_buyers(baskets)
    assert set(results.values()) <= {"ok", "sold out"}, results
    assert list(results.values()).count("ok") >= 4
    for product in products:
        record = StockRecord.objects.get(product=product)
        assert 0 <= record.num_allocated <= record.num_in_stock
    assert stock_problems() == []


def test_double_submit_in_parallel_makes_one_order(countries):
    product = ProductFactory(stock=5)
    pk = make_basket((product, 2)).pk
    results = run_buyers([pk, pk, pk])
    assert set(results.values()) == {"ok"}, results
    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_payment_and_expiry_racing_on_one_order_do_not_deadlock(countries, settings):
    # Eight orders from one test buyer: the per-buyer hold limits are another test's.
    settings.SHOP_MAX_OPEN_ORDERS_PER_BUYER = 0
    settings.SHOP_MAX_UNPAID_UNITS_PER_PRODUCT = 0
    from payments.models import Payment
    from payments.services import mark_paid
    from shop.order.services import cancel_order

    product = ProductFactory(stock=20)
    numbers = [place(make_basket((product, 1))).number for _ in range(8)]
    errors = []

    def run(fn, number):
        try:
            fn(number)
        except Exception as exc:  # noqa: BLE001 - a deadlock would land here
            errors.append(repr(exc))
        finally:
            connection.close()

    def pay(number):
        mark_paid(Payment.objects.get(reference=number), note="race")

    def expire(number):
        cancel_order(number, reason="race")

    threads = []
    for number in numbers:
        threads += [
            threading.Thread(target=run, args=(pay, number)),
            threading.Thread(target=run, args=(expire, number)),
        ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert errors == []
    for number in numbers:
        order = Order.objects.get(number=number)
        payment = Payment.objects.get(reference=number)
        if order.status == "Paid":
            assert payment.status == "paid" and not payment.needs_attention
        else:
            assert order.status == "Cancelled"
            assert payment.status == "cancelled" or payment.needs_attention
    assert stock_problems() == []
