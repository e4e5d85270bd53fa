"""Whole-page cache for anonymous visitors (core/pagecache.py, issue 12): what is served
from the cache, what never is, what is never stored, and what drops the stored pages."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from core import pagecache
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.fixture
def product(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ProductFactory(stock=3, stock__price=1_500_000, image=True)


def stored_entries():
    """Every page the cache holds (the test cache is in memory)."""
    return [
        value
        for key, value in ((key, cache.get(key.split(":", 2)[-1])) for key in list(cache._cache))
        if isinstance(value, dict) and "content" in value
    ]


def changes(callbacks, action):
    """Whether ``action`` (run in a transaction that commits) drops the stored pages."""
    before = pagecache.current_generation()
    with callbacks(execute=True):
        with transaction.atomic():
            action()
    return pagecache.current_generation() != before


# --------------------------------------------------------------------------- served
def test_a_second_anonymous_view_is_served_from_the_cache_without_a_query(
    client, bilingual_site, page_cache
):
    first = client.get("/vi/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/vi/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content.count(b"<main") == 1
    assert second["Content-Language"] == "vi"


def test_languages_and_urls_are_kept_apart(client, bilingual_site, page_cache):
    vi = client.get("/vi/")
    en = client.get("/en/")
    assert en["X-Page-Cache"] == "miss"
    assert client.get("/en/")["Content-Language"] == "en"
    assert client.get("/vi/")["Content-Language"] == "vi"
    assert vi.content != en.content
    assert client.get("/vi/?page=2")["X-Page-Cache"] == "miss"


def test_each_hit_carries_its_own_nonce_and_the_cache_none(client, bilingual_site, page_cache):
    nonces = []
    for _ in range(3):
        response = Client().get("/vi/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"'.encode() in response.content
        nonces.append(nonce)
    assert len(set(nonces)) == 3
    for entry in stored_entries():
        assert not any(nonce.encode() in entry["content"] for nonce in nonces)


def test_cached_forms_carry_each_visitors_own_csrf_token(bilingual_site, product, page_cache):
    url = product.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rendered = first.get(url)
    assert rendered["X-Page-Cache"] == "miss"
    served = second.get(url)
    assert served["X-Page-Cache"] == "hit"
    tokens = re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', served.content)
    assert tokens, "the product page has a form"
    assert "private" in served["Cache-Control"]
    # No visitor's token or cookie is in what the cache holds.
    first_secret = first.cookies["csrftoken"].value.encode()
    second_secret = second.cookies["csrftoken"].value.encode()
    assert first_secret != second_secret
    for entry in stored_entries():
        assert first_secret not in entry["content"]
        assert b'name="csrfmiddlewaretoken" value="__PAGECACHE' in entry["content"]
        assert not re.search(rb'csrfmiddlewaretoken" value="[A-Za-z0-9]{32,}"', entry["content"])
    # The token served from the cache is valid for the visitor who got it.
    posted = second.post(
        f"/vi/shop/basket/add/{product.pk}/",
        {"csrfmiddlewaretoken": tokens[0].decode(), "quantity": 1},
    )
    assert posted.status_code != 403


def test_a_page_the_same_for_everyone_can_be_revalidated(rf, page_cache):
    """A page with no nonce and no form is public: ETag, Last-Modified, 304."""
    from django.http import HttpResponse

    middleware = pagecache.PageCacheMiddleware(lambda request: HttpResponse("<p>same</p>"))

    def get(**headers):
        request = rf.get("/vi/same/", **headers)
        request.csp_nonce = "nonce-of-this-request"
        return middleware(request)

    first = get()
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert first["Last-Modified"]
    again = get(HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert get()["ETag"] == first["ETag"]


# --------------------------------------------------------------------------- never
def test_a_signed_in_visitor_gets_their_own_page(client, bilingual_site, page_cache):
    Client().get("/vi/")
    user = UserFactory()
    client.force_login(user)
    response = client.get("/vi/")
    assert "X-Page-Cache" not in response
    assert response.status_code == 200


def test_a_visitor_with_a_basket_gets_their_own_page(bilingual_site, product, page_cache):
    url = product.get_absolute_url()
    Client().get(url)
    visitor = Client()
    visitor.post(f"/vi/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert visitor.cookies.get("oscar_open_basket")
    response = visitor.get(url)
    assert "X-Page-Cache" not in response


def test_a_visitor_with_a_message_gets_their_own_page(client, bilingual_site, page_cache):
    Client().get("/vi/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/vi/")


def test_a_visitor_with_a_session_gets_their_own_page(client, bilingual_site, page_cache):
    """A chosen display currency lives in the session, like everything personal."""
    Client().get("/vi/")
    session = client.session
    session["display_currency"] = "EUR"
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert "X-Page-Cache" not in client.get("/vi/")


def test_what_is_never_stored(client, bilingual_site, product, page_cache):
    client.get("/vi/no-such-page/")  # 404
    client.post("/vi/")  # not a GET
    client.get("/vi/shop/basket/")  # personal paths
    client.get("/vi/jsi18n/")  # not HTML
    assert stored_entries() == []


def test_a_response_setting_a_personal_cookie_is_not_stored(rf, page_cache):
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("<p>hi</p>")
        response.set_cookie("slc_scan", "device")
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    request = rf.get("/vi/anything/")
    request.csp_nonce = "n"
    middleware(request)
    assert stored_entries() == []


# --------------------------------------------------------------------------- invalidation
def test_publishing_a_page_shows_the_new_version(
    client, bilingual_site, page_cache, django_capture_on_commit_callbacks
):
    from cms.models import StoryPage

    url = "/vi/cau-chuyen/hanh-trinh/"
    client.get(url)
    page = StoryPage.objects.get(slug="hanh-trinh")
    page.title = "Hành trình mới của sâm"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Hành trình mới của sâm" in response.content.decode()


def test_unpublishing_a_page_drops_it(
    client, bilingual_site, page_cache, django_capture_on_commit_callbacks
):
    from cms.models import StoryPage

    url = "/vi/cau-chuyen/hanh-trinh/"
    assert client.get(url).status_code == 200
    page = StoryPage.objects.get(slug="hanh-trinh")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert Client().get(url).status_code == 404


def test_a_price_change_shows_at_once(
    client, bilingual_site, product, page_cache, django_capture_on_commit_callbacks
):
    url = product.get_absolute_url()
    assert "1.500.000" in client.get(url).content.decode()
    record = StockRecord.objects.get(product=product)
    record.price = Decimal("2345000")
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    html = Client().get(url).content.decode()
    assert "2.345.000" in html
    assert "1.500.000" not in html


def test_stock_changes_drop_the_pages(product, django_capture_on_commit_callbacks):
    from shop.order.stock import lock_stockrecords

    record = StockRecord.objects.get(product=product)
    assert changes(django_capture_on_commit_callbacks, lambda: lock_stockrecords([record.pk]))

    def sell_out():
        record.num_in_stock = 0
        record.save()

    assert changes(django_capture_on_commit_callbacks, sell_out)


def test_a_recall_drops_the_pages_and_the_product_is_not_for_sale(
    client, bilingual_site, product, page_cache, django_capture_on_commit_callbacks
):
    from provenance.models import GrowingArea
    from provenance.services.areas import recall_area

    url = product.get_absolute_url()
    assert "Not for sale" not in client.get(url.replace("/vi/", "/en/", 1)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for area in GrowingArea.objects.all():
            recall_area(area, reason="test recall")
    html = Client().get(url.replace("/vi/", "/en/", 1)).content.decode()
    assert "Not for sale" in html


def test_lot_status_changes_drop_the_pages(product, django_capture_on_commit_callbacks):
    from provenance.models import Lot
    from provenance.services.sale import refresh_sellability

    lots = list(Lot.objects.filter(kind=Lot.Kind.PACKED))
    assert changes(django_capture_on_commit_callbacks, lambda: refresh_sellability(lots))


def test_a_currency_rate_drops_the_pages(django_capture_on_commit_callbacks):
    from payments.models import ExchangeRate

    assert changes(
        django_capture_on_commit_callbacks,
        lambda: ExchangeRate.objects.create(currency="EUR", vnd_per_unit=27_500),
    )


def test_visit_slots_drop_the_pages(django_capture_on_commit_callbacks, bilingual_site):
    from tests.tourism.factories import make_experience, make_slot

    experience = make_experience()
    assert changes(django_capture_on_commit_callbacks, lambda: make_slot(experience))


def test_what_anonymous_visits_write_drops_nothing(product, django_capture_on_commit_callbacks):
    """A QR scan is logged on every visit: it must not empty the cache."""
    from provenance.models import ScanRecord

    assert "provenance.ScanRecord" in pagecache.settings.PAGE_CACHE_IGNORE
    assert not pagecache._watched(ScanRecord)
    assert pagecache._watched(StockRecord)


def test_a_change_rolled_back_drops_nothing(product, django_capture_on_commit_callbacks):
    record = StockRecord.objects.get(product=product)
    before = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            record.price = Decimal("1")
            record.save()
            transaction.set_rollback(True)
    assert pagecache.current_generation() == before
