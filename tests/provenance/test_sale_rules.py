"""A product is for sale only while its stock's packed lot has a complete chain."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from oscar.core.loading import get_class
from oscar.test import factories as oscar_factories

from provenance import services
from provenance.models import AreaStatus, LabLimit, Lot
from shop.order.services import buyers_of_area
from tests.factories import ProductFactory, StockRecordFactory
from tests.provenance.factories import (
    LabFactory,
    build_chain,
    certificate_file,
    gtin_for,
)


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English messages (the site's default language is Vietnamese)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db
Selector = get_class("partner.strategy", "Selector")


def availability(product):
    product.refresh_from_db()
    return Selector().strategy().fetch_for_product(product).availability


def test_factory_stock_is_traceable_by_default():
    product = ProductFactory(stock=5)
    assert availability(product).is_available_to_buy


def test_complete_chain_is_for_sale():
    lot = build_chain()
    assert lot.is_sellable and lot.sale_blockers == []
    policy = availability(lot.product)
    assert policy.is_available_to_buy
    assert policy.is_purchase_permitted(1)[0]


def test_stock_without_a_lot_is_not_for_sale():
    product = ProductFactory(stock=5, stock__traceable=False)
    policy = availability(product)
    assert not policy.is_available_to_buy
    assert "no traceable lot" in str(policy.message)
    permitted, message = policy.is_purchase_permitted(1)
    assert not permitted and "Not for sale" in str(message)


def test_every_stock_record_must_be_complete():
    lot = build_chain()
    StockRecordFactory(product=lot.product, traceable=False)  # a second seller, no lot
    assert not availability(lot.product).is_available_to_buy


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"lab_pass": False}, "lab_failed"),
        ({"with_lab": False}, "no_lab_test"),
        ({"release": False}, "not_released"),
    ],
)
def test_incomplete_chains_say_why(kwargs, code):
    lot = build_chain(**kwargs)
    assert not lot.is_sellable
    assert code in [b["code"] for b in lot.sale_blockers]
    assert not availability(lot.product).is_available_to_buy


def test_processed_goods_need_a_processing_step():
    # packed straight from the harvest but declared as a processed product
    lot = build_chain(product_form=Lot.Form.FRESH)
    assert lot.is_sellable
    lot.product_form = Lot.Form.PROCESSED
    lot.save()
    services.refresh_sellability([lot])
    assert [b["code"] for b in lot.sale_blockers] == ["no_processing"]


def test_past_best_before_is_not_for_sale():
    lot = build_chain()
    Lot.objects.filter(pk=lot.pk).update(best_before=datetime.date(2020, 1, 1))
    policy = availability(lot.product)
    assert not policy.is_available_to_buy
    assert "best-before" in str(policy.message)


def test_recalling_the_area_withdraws_its_lots_at_once(client, wagtail_root, admin_client):
    lot = build_chain()
    area = next(
        x.growing_area for x in Lot.objects.filter(pk__in=lot.ancestor_ids) if x.growing_area_id
    )
    order_line = oscar_factories.OrderLineFactory(product=lot.product, stockrecord=lot.stockrecord)
    services.recall_area(area, reason="Cadmium over the limit in soil")
    lot.refresh_from_db()
    assert not lot.is_sellable
    assert lot.sale_blockers == [{"code": "area_recalled", "area": area.code}]
    policy = availability(lot.product)
    assert not policy.is_available_to_buy
    assert area.code in str(policy.message)
    area.refresh_from_db()
    assert area.status == AreaStatus.RECALLED
    change = area.status_changes.get()
    assert change.reason == "Cadmium over the limit in soil" and change.to_status == "recalled"

    # the trace page carries a clear notice
    html = client.get(
        f"/01/{lot.gtin}/10/{lot.lot_number}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Recalled" in html and "Cadmium over the limit in soil" in html
    # the product page says why it is not for sale
    html = client.get(lot.product.get_absolute_url()).content.decode()
    assert area.code in html

    # staff list the buyers of those lots
    assert list(buyers_of_area(area)) == [order_line]
    html = admin_client.get(f"/en/trace/staff/areas/{area.pk}/buyers/").content.decode()
    assert order_line.order.number in html
    assert client.get(f"/en/trace/staff/areas/{area.pk}/buyers/").status_code == 302


def test_suspend_then_reinstate():
    lot = build_chain()
    area = next(
        x.growing_area for x in Lot.objects.filter(pk__in=lot.ancestor_ids) if x.growing_area_id
    )
    services.suspend_area(area, reason="GACP audit pending")
    lot.refresh_from_db()
    assert lot.sale_blockers == [{"code": "area_suspended", "area": area.code}]
    services.reinstate_area(area, reason="audit passed")
    lot.refresh_from_db()
    assert lot.is_sellable
    assert area.status_changes.count() == 2
    with pytest.raises(ValidationError):
        services.suspend_area(area, reason=" ")


def test_nothing_can_be_recorded_from_a_recalled_area():
    lot = build_chain()
    planting = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PLANTING)
    services.recall_area(planting.growing_area, reason="recall")
    with pytest.raises(ValidationError):
        services.record_harvest(planting=planting, code="HV-X", kg=10, area_ha=Decimal("0.1"))


def test_a_harvest_heavier_than_the_planting_allows_is_refused(settings):
    settings.PROVENANCE_MAX_YIELD_KG_PER_HA = 400
    lot = build_chain()
    planting = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PLANTING)
    with pytest.raises(ValidationError, match="heavier than the planting allows"):
        services.record_harvest(planting=planting, code="HV-BIG", kg=500, area_ha=Decimal("0.5"))
    with pytest.raises(ValidationError, match="were planted"):
        services.record_harvest(planting=planting, code="HV-WIDE", kg=10, area_ha=Decimal("9"))


def test_processing_cannot_use_more_than_is_left_or_outweigh_its_inputs():
    lot = build_chain()
    harvest = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.HARVEST)
    left = services.remaining(harvest)
    with pytest.raises(ValidationError, match="left"):
        services.record_processing(
            inputs=[(harvest, left + 1)], code="PR-X", process="dried", quantity=1
        )
    with pytest.raises(ValidationError, match="heavier than its inputs allow"):
        services.record_processing(
            inputs=[(harvest, Decimal("10"))], code="PR-Y", process="dried", quantity=11
        )
    # honey adds weight: allowed
    services.record_processing(
        inputs=[(harvest, Decimal("10"))], code="PR-Z", process="honey", quantity=30
    )


def test_pack_lot_refuses_a_bad_gtin():
    lot = build_chain()
    source = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PROCESSED)
    with pytest.raises(ValidationError, match="GTIN"):
        services.pack_lot(
            source=source, used=1, code="PK-BAD", units=1, gtin="08936000000012", lot_number="X1"
        )


def test_a_failed_lab_test_later_withdraws_the_lot():
    lot = build_chain()
    source = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PROCESSED)
    services.record_lab_test(
        lot=source,
        lab=LabFactory(),
        certificate=certificate_file(),
        certificate_number="RE-TEST",
        sampled_on=datetime.date(2025, 11, 1),
        tested_on=datetime.date(2025, 11, 2),
        results=[
            {
                "category": "heavy_metal",
                "analyte": "Pb",
                "value": Decimal("12"),
                "unit": "mg/kg",
                "limit": Decimal("1000"),  # the seller's own limit: ignored
                "limit_kind": "max",
            }
        ],
    )
    lot.refresh_from_db()
    assert lot.sale_blockers == [{"code": "lab_failed", "certificate": "RE-TEST"}]


def test_seedlings_need_a_seed_source_not_a_harvest():
    sr = StockRecordFactory(traceable=False)
    from tests.provenance.factories import CooperativeFactory, SeedSourceFactory

    CooperativeFactory(partner=sr.partner)
    seedlings = services.record_seedlings(
        seed_source=SeedSourceFactory(), cooperative=sr.partner, code="SD-1", plants=100
    )
    lab = LabFactory()
    LabLimit.objects.create(
        lab=lab, category="microbial", analyte="Phytophthora", unit="CFU/g", limit=0
    )
    services.record_lab_test(
        lot=seedlings,
        lab=lab,
        certificate=certificate_file(),
        certificate_number="PHYTO-1",
        sampled_on=datetime.date(2025, 1, 1),
        tested_on=datetime.date(2025, 1, 3),
        results=[
            {
                "category": "microbial",
                "analyte": "Phytophthora",
                "value": 0,
                "unit": "CFU/g",
                "limit": 0,
                "limit_kind": "max",
            }
        ],
    )
    lot = services.pack_lot(
        source=seedlings,
        used=50,
        code="PK-SD-1",
        units=50,
        gtin=gtin_for(sr.partner),
        lot_number="SD1",
        stockrecord=sr,
        product_form=Lot.Form.SEEDLINGS,
    )
    assert lot.is_sellable, lot.sale_blockers


def test_basket_accepts_a_traceable_product_and_refuses_one_without_a_lot(client, wagtail_root):
    good = build_chain().product
    bad = ProductFactory(stock=5, stock__traceable=False)
    response = client.post(f"/en/shop/basket/add/{good.pk}/", {"quantity": 1})
    assert response.status_code == 302
    response = client.post(f"/en/shop/basket/add/{bad.pk}/", {"quantity": 1}, follow=True)
    basket = response.context["request"].basket
    assert [line.product_id for line in basket.all_lines()] == [good.pk]
