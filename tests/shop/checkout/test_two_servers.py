"""Two app servers behind nginx, sharing PostgreSQL and Redis (`make scale-check`).

Buyers check out at the same time through the load balancer, their requests spread over
both servers: sessions, baskets and the stock lock hold; the shared cache is written by
both and cleared for both when a page is published. Needs nginx, PostgreSQL and Redis
(skipped with a message when one is missing)."""

import os
import socket
import threading
import uuid

import pytest
from django.db import connection
from oscar.core.loading import get_model

from scripts.scale_stack import NGINX, Browser, Stack
from shop.order.stock import stock_problems
from tests.conftest import build_bilingual_site
from tests.factories import ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = [pytest.mark.postgres, pytest.mark.scale, pytest.mark.django_db(transaction=True)]

REDIS_URL = "redis://127.0.0.1:6379/0"
ADDRESS = {
    "first_name": "Lò Thị",
    "last_name": "Mai",
    "country": "VN",
    "state": "Lai Châu",
    "line4": "Xã Sì Lở Lầu",
    "line1": "Bản Sì Choang",
    "postcode": "",
    "phone_number": "",
}


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def stack(settings):
    missing = pytest.fail if os.environ.get("SCALE_CHECK_REQUIRED") else pytest.skip
    if NGINX is None:
        missing("needs nginx (Debian's package: apt-get install nginx)")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        missing("needs Redis on 127.0.0.1:6379")
    prefix = f"scale-{uuid.uuid4().hex[:8]}"
    # This process shares the servers' cache, to publish a page and see what they wrote.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    with Stack(database_url(), REDIS_URL, cache_prefix=prefix) as running:
        yield running
    cache.delete_pattern("*")  # this run's keys only (they carry its prefix)


def buy(stack, product, email, barrier, outcomes):
    buyer = Browser(stack.url)
    try:
        assert buyer.get(product.get_absolute_url()).status == 200
        assert buyer.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1}).status == 302
        gateway = buyer.post("/vi/shop/checkout/", {"username": email, "options": "anonymous"})
        assert gateway.status == 302, gateway.text[:500]
        address = buyer.post("/vi/shop/checkout/shipping-address/", ADDRESS)
        assert address.status == 302, address.text[-2000:]
        preview = buyer.get("/vi/shop/checkout/shipping-method/", follow=True)
        assert "place_order" in preview.text, preview.text[-2000:]
        barrier.wait(timeout=120)
        placed = buyer.post(
            "/vi/shop/checkout/preview/", {"action": "place_order", "payment_method": "vietqr"}
        )
        location = placed.header("location") or ""
        outcomes[email] = ("ordered" if "/checkout/order/" in location else "refused", buyer)
    except Exception as exc:  # noqa: BLE001 - reported by the assertion
        outcomes[email] = (repr(exc), buyer)
        barrier.abort()


def test_two_servers_behind_nginx_share_sessions_baskets_stock_and_cache(stack, countries):
    from django.core.cache import cache

    from cms import models as cms
    from cms.services import add_child_page
    from core.navigation import CACHE_KEY, VERSION_KEY

    site = build_bilingual_site()
    product = ProductFactory(stock=3, stock__price=500_000, title_vi="Sâm Lai Châu tươi")
    both = {f"127.0.0.1:{port}" for port in stack.app_ports}

    # One visitor's basket and session, whichever server answers.
    visitor = Browser(stack.url)
    visitor.get(product.get_absolute_url())
    visitor.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 2})
    for _ in range(4):
        basket = visitor.get("/vi/shop/basket/")
        assert basket.status == 200 and "Sâm Lai Châu tươi" in basket.text
        assert basket.header("x-request-id")
    assert set(visitor.upstreams) == both

    # Six buyers place their orders at the same moment; three are in stock.
    barrier = threading.Barrier(6)
    outcomes = {}
    threads = [
        threading.Thread(
            target=buy, args=(stack, product, f"buyer{n}@example.vn", barrier, outcomes)
        )
        for n in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    results = sorted(result for result, _buyer in outcomes.values())
    assert results == ["ordered"] * 3 + ["refused"] * 3, (results, stack.logs())
    for _result, buyer in outcomes.values():
        assert set(buyer.upstreams) == both  # every checkout crossed both servers
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (3, 3)
    assert Order.objects.count() == 3
    assert stock_problems() == []

    # The menu both servers render comes from the one cache ...
    for _ in range(4):
        assert "Giới thiệu" in visitor.get("/vi/").text
    version = cache.get(VERSION_KEY)
    assert version is not None
    cached = cache.get(CACHE_KEY.format(language="vi", version=version))
    assert [item["title"] for item in cached][:2] == ["Trang chủ", "Giới thiệu"]
    # ... and publishing a page clears it for both.
    add_child_page(
        site["home"],
        cms.StandardPage(title="Tham quan vườn sâm", slug="tham-quan", show_in_menus=True),
    )
    assert cache.get(VERSION_KEY) == version + 1
    visitor.upstreams.clear()
    for _ in range(4):
        assert "Tham quan vườn sâm" in visitor.get("/vi/").text
    assert set(visitor.upstreams) == both
