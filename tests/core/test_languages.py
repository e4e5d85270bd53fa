"""Every page type in each language, walked over the demo site as a shopper and as a
cooperative member: no string of the other language (see tests/core/language_check.py).

One test loads the demo once and walks both languages, so a failure lists every
offending string of every page at once.
"""

import pytest
from babel import Locale
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from demo import content
from demo.loader import cooperative_email
from tests.core.language_check import (
    account_order_pages,
    basket_pages,
    checkout_pages,
    other_language_strings,
    walk,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=False)

Partner = get_model("partner", "Partner")


@pytest.fixture
def demo(settings, search_index):
    settings.DEBUG = True
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    call_command("load_demo", stdout=open("/dev/null", "w"))


def known_names():
    """Names written the same in both languages: communes, cooperatives' legal names,
    and the countries as CLDR names them in each language."""
    names = [*content.COMMUNES, *Partner.objects.values_list("name", flat=True)]
    # The staff member's name, shown in the dashboard's bar (the plan report).
    names += [user.get_full_name() for user in get_user_model().objects.filter(is_staff=True)]
    for code in ("vi", "en"):
        names += Locale.parse(code).territories.values()
    return names


def shopper_seeds(language):
    return [
        f"/{language}/",
        f"/{language}/shop/catalogue/",
        f"/{language}/shop/search/?q=" + ("s%C3%A2m" if language == "vi" else "ginseng"),
        f"/{language}/cooperatives/",
        f"/{language}/cooperatives/apply/",
        f"/{language}/shop/accounts/login/",
    ]


def report(found):
    return "\n".join(
        f"{path}\n" + "\n".join(f"    {text[:160]}" for text in dict.fromkeys(strings))
        for path, strings in found
    )


def place_orders(member):
    """Three orders of the member's goods, one waiting for payment, one cash on delivery
    and one paid, so the dashboard's order pages and statuses are walked too."""
    from oscar.core.loading import get_model

    from shop.order import services as order_services
    from tests.shop.checkout.helpers import make_basket, place

    StockRecord = get_model("partner", "StockRecord")
    record = (
        StockRecord.objects.filter(partner__users=member, num_in_stock__gt=2).order_by("pk").first()
    )
    place(make_basket((record.product, 1)))
    cheapest = (
        StockRecord.objects.filter(partner__users=member, num_in_stock__gt=2)
        .order_by("price", "pk")
        .first()
    )
    place(make_basket((cheapest.product, 1)), method="cod", email="cod@example.vn")
    paid = place(make_basket((record.product, 1)), language="en")
    order_services.mark_order_paid(paid)


def customer_pages(language):
    """A signed-in customer checks out by cash on delivery and by VietQR, the transfer
    arrives, and they look at their orders: checkout, order and account order pages."""
    from shop.order import services as order_services

    Order = get_model("order", "Order")
    customer = Client()
    customer.force_login(UserFactory(email=f"khach-{language}@example.vn"))
    pages, numbers = checkout_pages(customer, language)
    order_services.mark_order_paid(Order.objects.get(number=numbers[-1]))
    pages += account_order_pages(customer, language, numbers)
    return pages


def plan_pages(language):
    """The public transparency page and the staff's plan report (issue 13)."""
    from django.urls import reverse
    from django.utils import translation

    staff = Client()
    staff.force_login(get_user_model().objects.get(email="admin@samlaichau.example"))
    with translation.override(language):
        urls = [
            reverse("plan:transparency"),
            reverse("plan-staff:report"),
            reverse("plan-staff:print"),
        ]
    return [(url, staff.get(url).content.decode()) for url in urls]


def test_no_page_mixes_languages(demo, django_capture_on_commit_callbacks):
    names = known_names()
    member = get_user_model().objects.get(email=cooperative_email("htx-si-lo-lau"))
    with django_capture_on_commit_callbacks(execute=True):
        place_orders(member)
    found, walked = [], 0
    for language in ("vi", "en"):
        pages = customer_pages(language)
        shopper = Client()
        pages += walk(shopper, shopper_seeds(language), language)
        pages += basket_pages(shopper, language)
        cooperative = Client()
        cooperative.force_login(member)
        pages += walk(
            cooperative,
            [f"/{language}/shop/dashboard/", f"/{language}/shop/dashboard/orders/"],
            language,
        )
        pages += plan_pages(language)
        walked += len(pages)
        for path, html in pages:
            strings = other_language_strings(html, language, names)
            if strings:
                found.append((path, strings))
    assert walked > 80, walked
    assert not found, "strings in the other language:\n" + report(found)
