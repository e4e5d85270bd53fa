"""One buyer, many checkouts at once, on PostgreSQL: the hold limits stay exact."""

import threading

import pytest
from django.db import close_old_connections, connection
from oscar.core.loading import get_model

from shop.checkout.services import HoldLimitReached
from shop.order.stock import stock_problems
from tests.factories import ProductFactory
from tests.shop.checkout.helpers import load_basket, make_basket, place

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_same_buyer(basket_pks):
    results = {}
    barrier = threading.Barrier(len(basket_pks))

    def buy(pk):
        try:
            basket = load_basket(pk)
            barrier.wait(timeout=30)
            place(basket, email="hoarder@example.com")
            results[pk] = "ok"
        except HoldLimitReached:
            results[pk] = "limit"
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


def test_unpaid_units_per_product_under_concurrency(countries, settings):
    settings.SHOP_MAX_OPEN_ORDERS_PER_BUYER = 0
    settings.SHOP_MAX_UNPAID_UNITS_PER_PRODUCT = 3
    product = ProductFactory(stock=20)
    baskets = [make_basket((product, 1)).pk for _ in range(10)]
    results = run_same_buyer(baskets)
    assert sorted(results.values()).count("ok") == 3, results
    assert sorted(results.values()).count("limit") == 7, results
    assert StockRecord.objects.get(product=product).num_allocated == 3
    assert stock_problems() == []


def test_open_orders_per_buyer_under_concurrency(countries, settings):
    """Different products (no stock lock in common): the buyer lock serialises them."""
    settings.SHOP_MAX_OPEN_ORDERS_PER_BUYER = 3
    settings.SHOP_MAX_UNPAID_UNITS_PER_PRODUCT = 0
    baskets = [make_basket((ProductFactory(stock=5), 1)).pk for _ in range(8)]
    results = run_same_buyer(baskets)
    assert sorted(results.values()).count("ok") == 3, results
    assert Order.objects.count() == 3
    assert stock_problems() == []
