"""The demo's provenance: every product buyable except the deliberate cases; idempotent."""

import pytest
from oscar.core.loading import get_class, get_model

from demo import content
from demo.loader import DemoLoader
from demo.provenance import ensure_provenance
from provenance import services
from provenance.models import (
    AreaStatus,
    GrowingArea,
    Lot,
    ProvenanceEvent,
    ScanRecord,
    UnknownCodeTally,
)

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


def test_demo_provenance_is_complete_and_idempotent():
    loader = DemoLoader(log=lambda message: None)
    loader.ensure_catalogue()
    ensure_provenance(loader)
    assert loader.created > 0

    strategy = Selector().strategy()
    for row in content.PRODUCTS:
        product = Product.objects.get(upc=row[0])
        assert strategy.fetch_for_product(product).availability.is_available_to_buy, row[0]
    assert (
        Lot.objects.packed().filter(code__in=[f"PK-{r[0]}" for r in content.PRODUCTS]).count() == 26
    )
    communes = set(GrowingArea.objects.values_list("commune", flat=True))
    assert set(content.COMMUNES) <= communes
    assert GrowingArea.objects.filter(status=AreaStatus.RECALLED).count() == 1
    assert Lot.objects.filter(is_sellable=False, kind="packed").count() == 2
    assert ScanRecord.objects.exclude(device="").values("device").distinct().count() >= 9
    assert UnknownCodeTally.objects.filter(last_code__contains="FAKE").exists()
    assert services.verify_chains().ok

    events = ProvenanceEvent.objects.count()
    again = DemoLoader(log=lambda message: None)
    again.ensure_catalogue()
    ensure_provenance(again)
    assert again.created == 0
    assert ProvenanceEvent.objects.count() == events
