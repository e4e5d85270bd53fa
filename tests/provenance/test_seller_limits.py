"""What a seller may certify (issue 9, first attack): a cooperative cannot certify itself.

Lab results are judged against the lab's own limits (kept by staff), never the seller's;
a test without its certificate file, or with an analyte the lab has no limit for, awaits
review and its lot cannot be sold. Packing respects mass balance. A GTIN belongs to the
cooperative holding its GS1 company prefix; a lot number is unique per GTIN and owner."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from provenance import services
from provenance.models import CompanyPrefix, LabLimit, LabTest, Lot, ProvenanceEvent
from tests.factories import StockRecordFactory
from tests.provenance.factories import (
    CooperativeFactory,
    LabFactory,
    build_chain,
    certificate_file,
    gtin_for,
    register_prefix,
    set_net_weight,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def processed_of(packed):
    return Lot.objects.get(pk__in=packed.ancestor_ids, kind=Lot.Kind.PROCESSED)


def lead(value, seller_limit):
    return {
        "category": "heavy_metal",
        "analyte": "Pb",
        "value": Decimal(value),
        "unit": "mg/kg",
        "limit": Decimal(seller_limit),
        "limit_kind": "max",
    }


def record(lot, lab, results, certificate=True, number="KQ-A"):
    return services.record_lab_test(
        lot=lot,
        lab=lab,
        certificate=certificate_file() if certificate else None,
        certificate_number=number,
        sampled_on=datetime.date(2025, 9, 22),
        tested_on=datetime.date(2025, 9, 25),
        results=results,
    )


@pytest.fixture
def two_coops(wagtail_root):
    """Cooperative A (the dishonest seller) and B, each with a packed lot on sale."""
    a = build_chain(serials=())
    b = build_chain(serials=())
    assert a.cooperative_id != b.cooperative_id and a.is_sellable and b.is_sellable
    return a, b


# ---------------------------------------------------------------- lab tests


def test_results_are_judged_against_the_labs_limit_not_the_sellers(two_coops):
    packed, _b = two_coops
    lab = LabFactory()  # its own limit for Pb: 10 mg/kg
    test = record(processed_of(packed), lab, [lead("950", "1000")])
    assert test.status == "failed" and not test.passed
    result = test.results.get()
    assert result.limit == Decimal("10") and result.passed is False
    packed.refresh_from_db()
    assert not packed.is_sellable
    assert {"code": "lab_failed", "certificate": "KQ-A"} in packed.sale_blockers
    # the sealed event says so, with the lab's limit
    event = ProvenanceEvent.objects.filter(content__step="lab_test").latest("pk")
    assert event.content["details"]["status"] == "failed"
    assert event.content["details"]["results"][0]["limit"] in ("10", "10.0000", 10)


def test_a_test_without_its_certificate_file_awaits_review(two_coops):
    packed, _b = two_coops
    test = record(processed_of(packed), LabFactory(), [lead("0.2", "10")], certificate=False)
    assert test.status == "awaiting_review" and not test.passed
    assert {"code": "no_certificate_file"} in test.review_reasons
    packed.refresh_from_db()
    assert not packed.is_sellable
    assert {"code": "lab_awaiting_review", "certificate": "KQ-A"} in packed.sale_blockers
    html = Client().get(f"/en/trace/01/{packed.gtin}/10/{packed.lot_number}/").content.decode()
    assert "lab test KQ-A is awaiting review" in html


def test_an_analyte_the_lab_has_no_limit_for_awaits_review_until_staff_add_it(
    two_coops, admin_client
):
    packed, _b = two_coops
    lab = LabFactory()
    mercury = {**lead("0.01", "99"), "analyte": "Hg"}
    test = record(processed_of(packed), lab, [mercury])
    assert test.status == "awaiting_review"
    assert test.review_reasons == [{"code": "no_lab_limit", "analyte": "Hg"}]
    assert test.results.get().limit is None  # the seller's 99 was not kept
    packed.refresh_from_db()
    assert not packed.is_sellable

    # staff enter the lab's limit in the admin: the test is judged again (a new event)
    events = ProvenanceEvent.objects.count()
    limits = list(lab.limits.all())
    data = {
        "name": lab.name,
        "accreditation": lab.accreditation,
        "accreditation_number": lab.accreditation_number,
        "address": "",
        "limits-TOTAL_FORMS": str(len(limits) + 1),
        "limits-INITIAL_FORMS": str(len(limits)),
        "limits-MIN_NUM_FORMS": "0",
        "limits-MAX_NUM_FORMS": "1000",
    }
    for i, limit in enumerate(limits):
        data.update(
            {
                f"limits-{i}-id": limit.pk,
                f"limits-{i}-lab": lab.pk,
                f"limits-{i}-category": limit.category,
                f"limits-{i}-analyte": limit.analyte,
                f"limits-{i}-unit": limit.unit,
                f"limits-{i}-limit_kind": limit.limit_kind,
                f"limits-{i}-limit": limit.limit,
                f"limits-{i}-basis": "",
            }
        )
    n = len(limits)
    data.update(
        {
            f"limits-{n}-lab": lab.pk,
            f"limits-{n}-category": "heavy_metal",
            f"limits-{n}-analyte": "Hg",
            f"limits-{n}-unit": "mg/kg",
            f"limits-{n}-limit_kind": "max",
            f"limits-{n}-limit": "0.1",
            f"limits-{n}-basis": "QCVN 8-2:2011/BYT",
        }
    )
    response = admin_client.post(f"/django-admin/provenance/lab/{lab.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    test.refresh_from_db()
    assert test.status == "passed" and test.results.get().limit == Decimal("0.1")
    assert ProvenanceEvent.objects.count() == events + 1
    packed.refresh_from_db()
    assert packed.is_sellable, packed.sale_blockers


def test_a_lab_that_is_not_accredited_awaits_review(two_coops):
    packed, _b = two_coops
    lab = LabFactory(accreditation="none")
    test = record(processed_of(packed), lab, [lead("0.2", "10")])
    assert test.status == "awaiting_review"
    assert {"code": "lab_not_accredited"} in test.review_reasons


def test_a_unit_other_than_the_labs_awaits_review(two_coops):
    packed, _b = two_coops
    test = record(processed_of(packed), LabFactory(), [{**lead("200", "1000"), "unit": "µg/kg"}])
    assert test.status == "awaiting_review"
    assert test.review_reasons[0]["code"] == "unit_mismatch"


def test_the_dashboard_form_has_no_limit_fields():
    from cooperatives.dashboard.provenance_forms import LabResultForm

    assert set(LabResultForm().fields) == {"category", "analyte", "value", "unit"}


# ---------------------------------------------------------------- mass balance


def test_100000_packs_from_2_grams_are_refused(two_coops):
    packed, _b = two_coops
    source = processed_of(packed)
    partner = packed.cooperative
    with pytest.raises(
        ValidationError, match="100000 packs of 10 g hold 1000 kg, but only 0.002 kg"
    ):
        services.pack_lot(
            source=source,
            used=Decimal("0.002"),
            code="PK-MANY",
            units=100_000,
            gtin=gtin_for(partner, 77),
            lot_number="MANY1",
            net_weight_g=10,
        )
    assert not Lot.objects.filter(code="PK-MANY").exists()


@pytest.mark.parametrize(("grams", "ok"), [(100, True), (102, True), (103, False)])
def test_packing_tolerance_is_two_percent(two_coops, grams, ok):
    packed, _b = two_coops
    source = processed_of(packed)
    kwargs = {
        "source": source,
        "used": Decimal("1"),
        "code": f"PK-TOL-{grams}",
        "units": 10,
        "gtin": gtin_for(packed.cooperative, 78),
        "lot_number": f"TOL{grams}",
        "net_weight_g": grams,
    }
    if ok:
        assert services.pack_lot(**kwargs).quantity == 10
    else:
        with pytest.raises(ValidationError, match="2% tolerance"):
            services.pack_lot(**kwargs)


def test_the_net_weight_is_the_products_own(two_coops):
    packed, _b = two_coops
    source = processed_of(packed)
    set_net_weight(packed.product, 500)
    kwargs = {
        "source": source,
        "used": Decimal("1"),
        "code": "PK-NET",
        "product": packed.product,
        "units": 10,
        "gtin": gtin_for(packed.cooperative, 79),
        "lot_number": "NET1",
    }
    with pytest.raises(ValidationError, match="The product's net weight is 500 g, not 1 g"):
        services.pack_lot(**kwargs, net_weight_g=1)
    with pytest.raises(ValidationError, match="hold 5 kg, but only 1 kg"):
        services.pack_lot(**kwargs)
    assert services.pack_lot(**{**kwargs, "units": 2}).quantity == 2


# ---------------------------------------------------------------- GTINs and lot numbers


def test_a_cooperative_cannot_pack_under_another_cooperatives_gtin(two_coops):
    a, b = two_coops
    with pytest.raises(ValidationError, match="company prefix of another cooperative"):
        services.pack_lot(
            source=processed_of(a),
            used=Decimal("1"),
            code="PK-A-AS-B",
            units=10,
            gtin=b.gtin,
            lot_number="NEW1",
            net_weight_g=100,
        )
    with pytest.raises(ValidationError, match="is not registered"):
        services.pack_lot(
            source=processed_of(a),
            used=Decimal("1"),
            code="PK-A-NOPREFIX",
            units=10,
            gtin="04006381333931",
            lot_number="NEW1",
            net_weight_g=100,
        )


def test_the_dashboard_refuses_another_cooperatives_gtin(client, two_coops):
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    from tests.factories import UserFactory

    a, b = two_coops
    user = UserFactory(is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    a.cooperative.users.add(user)
    client.force_login(user)
    source = processed_of(a)
    set_net_weight(a.product, 100)
    with translation.override("en"):
        url = reverse("dashboard:cooperative-pack", kwargs={"pk": source.pk})
    response = client.post(
        url,
        {
            "stockrecord": a.stockrecord.pk,
            "code": "PK-DASH",
            "used": "1",
            "units": "10",
            "gtin": b.gtin,
            "lot_number": "DASH1",
            "best_before": "2030-01-01",
            "packed_on": "2025-10-02",
        },
    )
    assert response.status_code == 200
    assert "company prefix of another cooperative" in response.content.decode()
    assert not Lot.objects.filter(code="PK-DASH").exists()


def test_a_lot_under_anothers_gtin_is_not_shown_nor_sold_and_the_owner_keeps_its_number(
    two_coops, client
):
    """Data from before the rule: A's lot under B's GTIN and B's next lot number."""
    a, b = two_coops
    intruder = Lot.objects.create(
        code="PK-A-UNDER-B",
        kind=Lot.Kind.PACKED,
        cooperative=a.cooperative,
        quantity=100_000,
        unit=Lot.Unit.PIECE,
        product_form=Lot.Form.PROCESSED,
        gtin=b.gtin,
        lot_number="B-NEXT",
        product=a.product,
        released=True,
    )
    services.refresh_sellability([intruder])
    intruder.refresh_from_db()
    assert not intruder.is_sellable
    assert {"code": "gtin_not_owned", "gtin": b.gtin} in intruder.sale_blockers
    # the code does not show A's lot under B's GTIN
    response = client.get(f"/01/{b.gtin}/10/B-NEXT", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    # B can still use its lot number
    mine = services.pack_lot(
        source=processed_of(b),
        used=Decimal("1"),
        code="PK-B-NEXT",
        units=10,
        gtin=b.gtin,
        lot_number="B-NEXT",
        net_weight_g=100,
    )
    response = client.get(f"/01/{b.gtin}/10/B-NEXT", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b.cooperative.cooperative.legal_name in response.content.decode()
    assert mine.is_sellable or mine.sale_blockers  # chain rules apply as usual
    # but twice for the same owner is refused
    with pytest.raises(ValidationError, match="already used"):
        services.pack_lot(
            source=processed_of(b),
            used=Decimal("1"),
            code="PK-B-NEXT-2",
            units=10,
            gtin=b.gtin,
            lot_number="B-NEXT",
            net_weight_g=100,
        )


def test_staff_register_prefixes_in_the_admin_and_overlaps_are_refused(admin_client, db):
    a = CooperativeFactory().partner
    b = CooperativeFactory().partner
    url = "/django-admin/provenance/companyprefix/add/"
    response = admin_client.post(url, {"prefix": "893612345", "cooperative": a.pk})
    assert response.status_code == 302
    assert CompanyPrefix.objects.get().cooperative == a
    for prefix in ("8936123", "8936123456", "893612345"):
        response = admin_client.post(url, {"prefix": prefix, "cooperative": b.pk})
        assert response.status_code == 200
        assert CompanyPrefix.objects.count() == 1
    response = admin_client.post(url, {"prefix": "12ab", "cooperative": b.pk})
    assert response.status_code == 200 and CompanyPrefix.objects.count() == 1


def test_registering_a_prefix_rechecks_lots_under_it(two_coops):
    a, _b = two_coops
    stray = StockRecordFactory(traceable=False)
    CooperativeFactory(partner=stray.partner)
    register_prefix(stray.partner, "893699")
    assert LabLimit.objects.exists() and LabTest.objects.exists()
    with pytest.raises(ValidationError, match="overlaps"):
        services.register_company_prefix(prefix="89369912", cooperative=a.cooperative)


def test_the_whole_attack_leaves_nothing_on_sale(two_coops):
    """A: a passing test with its own limits and no certificate, then 100,000 packs
    from 2 g under B's GTIN. Each step is refused or held back."""
    a, b = two_coops
    lab = LabFactory()
    processed = processed_of(a)
    test = record(processed, lab, [lead("950", "1000")], certificate=False, number="SELF")
    assert test.status == "failed"
    with pytest.raises(ValidationError):
        services.pack_lot(
            source=processed,
            used=Decimal("0.002"),
            code="PK-ATTACK",
            units=100_000,
            gtin=b.gtin,
            lot_number="ATTACK1",
            net_weight_g=10,
        )
    a.refresh_from_db()
    assert not a.is_sellable
    assert not Lot.objects.filter(code="PK-ATTACK").exists()
