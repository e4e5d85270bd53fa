"""The public summary is kept in the shared cache and cleared, once the change commits,
whenever a record it is made from changes: one test per kind of record
(plan.signals.WATCHED), and one that a rolled-back change keeps it."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from plan import services
from plan.models import PlanTarget
from plan.signals import WATCHED
from provenance import services as provenance
from tests.plan import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    found = data.build()
    services.get_public_summary()
    assert cache.get(services.PUBLIC_CACHE_KEY) is not None
    return found


def cleared():
    return cache.get(services.PUBLIC_CACHE_KEY) is None


def change_area(known):
    area = known["areas"][0]
    area.hectares = Decimal("11")
    area.save()


def change_status(known):
    provenance.suspend_area(known["areas"][0], reason="kiểm tra")


def record_harvest(known):
    data.harvest(
        known["areas"][0], known["nursery"], kg=100, ha=1, on=data.local(2026, 3, 1).date()
    )


def change_cooperative(known):
    cooperative = known["partners"][0].cooperative
    cooperative.address = "Bản Sì Choang"
    cooperative.save()


def sign_checkpoint(known):
    from provenance.services.checkpoints import create_checkpoint

    create_checkpoint()


def change_order(known):
    order = get_model("order", "Order").objects.filter(status="Pending payment").first()
    order.status = "Paid"
    order.save()


def change_line(known):
    line = get_model("order", "Line").objects.first()
    line.status = "Cancelled"
    line.save()


def change_target(known):
    target = PlanTarget.objects.get(key="area_ha")
    services.update_target(target, value=Decimal("800"), reason="điều chỉnh")


CHANGES = {
    ("provenance", "GrowingArea"): change_area,
    ("provenance", "GrowingAreaStatusChange"): change_status,
    ("provenance", "Lot"): record_harvest,
    ("provenance", "Cooperative"): change_cooperative,
    ("provenance", "ChainCheckpoint"): sign_checkpoint,
    ("order", "Order"): change_order,
    ("order", "Line"): change_line,
    ("plan", "PlanTarget"): change_target,
}


def test_every_watched_model_has_a_test():
    assert set(CHANGES) == set(WATCHED)


@pytest.mark.parametrize("model", list(CHANGES), ids=lambda m: ".".join(m))
def test_a_change_clears_the_summary_when_it_commits(
    model, known, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CHANGES[model](known)
    assert not cleared()  # not before the commit
    for callback in callbacks:
        callback()
    assert cleared()


def test_a_rolled_back_change_keeps_the_summary(known, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                change_area(known)
                raise RuntimeError("undo")
        except RuntimeError:
            pass
    assert not cleared()


def test_the_public_page_shows_the_change_once_committed(
    client, known, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        url = reverse("plan:transparency")
    assert 'data-key="figure:coded_share" data-value="58.3"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        provenance.suspend_area(known["areas"][2], reason="kiểm tra")  # B1, 60 ha
    assert 'data-key="figure:coded_share" data-value="8.3"' in client.get(url).content.decode()
