from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.order import services as order_services
from tests.factories import PartnerFactory, ProductFactory, StockRecordFactory, UserFactory
from tests.provenance.factories import CooperativeFactory
from tests.shop.checkout.helpers import make_basket, place

Line = get_model("order", "Line")


@dataclass
class Coop:
    partner: object
    cooperative: object
    user: object
    product: object
    stockrecord: object


def make_coop(name, price):
    partner = PartnerFactory(name=f"HTX {name}", code=f"htx-{name}")
    cooperative = CooperativeFactory(partner=partner, legal_name=f"Hợp tác xã {name}")
    user = UserFactory(email=f"{name}@coop.example", username=f"coop-{name}", is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    product = ProductFactory(title_en=f"Product of {name}", title_vi=f"Sản phẩm {name}")
    stockrecord = StockRecordFactory(
        product=product, partner=partner, num_in_stock=10, price=Decimal(price)
    )
    return Coop(partner, cooperative, user, product, stockrecord)


@pytest.fixture
def coop_a(db):
    return make_coop("alpha", 1_000_000)


@pytest.fixture
def coop_b(db):
    return make_coop("bravo", 2_500_000)


@pytest.fixture
def mixed_order(coop_a, coop_b, countries):
    """A paid order with one line from each cooperative."""
    order = place(make_basket((coop_a.product, 1), (coop_b.product, 2)))
    order_services.mark_order_paid(order)
    order.refresh_from_db()
    return order


@pytest.fixture
def b_order(coop_b, countries):
    """A paid order with only cooperative B's goods."""
    order = place(make_basket((coop_b.product, 1)))
    order_services.mark_order_paid(order)
    order.refresh_from_db()
    order.notes.create(message="B's note", note_type="Info")
    return order


def line_of(order, coop):
    return order.lines.get(partner=coop.partner)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache: each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
