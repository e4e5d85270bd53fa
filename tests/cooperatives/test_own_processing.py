"""A cooperative records processing, a lab test and packing of its own lots through
the provenance services staff use; another cooperative's lots and stock records are
out of reach, and the chain still verifies."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from provenance import gs1, services
from provenance.models import LabTest, Lot
from tests.provenance.factories import LabFactory, register_prefix, set_net_weight

PDF = b"%PDF-1.4\n%fake lab certificate\n"


def lot_of(coop, kind):
    return Lot.objects.filter(cooperative=coop.partner, kind=kind).order_by("pk").first()


def url(name, lot):
    with translation.override("en"):
        return reverse(f"dashboard:{name}", kwargs={"pk": lot.pk})


def processing_data(**extra):
    return {
        "code": "PR-OWN-1",
        "kg_used": "50",
        "process": "dried",
        "quantity": "15",
        "processed_on": "2026-09-10",
        **extra,
    }


def lab_data(lab, **extra):
    rows = [
        ("active", "Majonoside R2", "5.1", "%", "3", "min"),
        ("heavy_metal", "Pb", "0.3", "mg/kg", "10", "max"),
    ]
    data = {
        "lab": lab.pk,
        "certificate_number": "KQ-OWN-1",
        "sampled_on": "2026-09-11",
        "tested_on": "2026-09-14",
        "results-TOTAL_FORMS": "2",
        "results-INITIAL_FORMS": "0",
        "results-MIN_NUM_FORMS": "0",
        "results-MAX_NUM_FORMS": "1000",
    }
    for i, (category, analyte, value, unit, limit, kind) in enumerate(rows):
        data.update(
            {
                f"results-{i}-category": category,
                f"results-{i}-analyte": analyte,
                f"results-{i}-value": value,
                f"results-{i}-unit": unit,
                f"results-{i}-limit": limit,
                f"results-{i}-limit_kind": kind,
            }
        )
    data.update(extra)
    return data


def pack_data(stockrecord, **extra):
    return {
        "stockrecord": stockrecord.pk,
        "code": "PK-OWN-1",
        "used": "10",
        "units": "20",
        "gtin": gs1.with_check_digit("0893600999001"),
        "lot_number": "OWN001",
        "best_before": "2028-09-01",
        "packed_on": "2026-09-20",
        **extra,
    }


@pytest.mark.django_db
def test_cooperative_processes_tests_and_packs_its_own_lots(client, coop_a, coop_b):
    client.force_login(coop_a.user)
    harvest = lot_of(coop_a, Lot.Kind.HARVEST)
    left = services.remaining(harvest)

    response = client.post(url("cooperative-processing", harvest), processing_data())
    assert response.status_code == 302
    processed = Lot.objects.get(code="PR-OWN-1")
    assert processed.kind == Lot.Kind.PROCESSED and processed.cooperative == coop_a.partner
    assert processed.produced_on == datetime.date(2026, 9, 10)
    assert services.remaining(harvest) == left - 50
    assert list(processed.inputs.values_list("source", "quantity")) == [(harvest.pk, 50)]

    lab = LabFactory()
    certificate = SimpleUploadedFile("kq.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url("cooperative-lab-test", processed), {**lab_data(lab), "certificate": certificate}
    )
    assert response.status_code == 302
    test = LabTest.objects.get(certificate_number="KQ-OWN-1")
    assert test.lot == processed and test.lab == lab and test.passed
    assert test.results.count() == 2 and test.certificate.name.endswith(".pdf")

    # staff registered A's GS1 company prefix; the product's net weight is 500 g
    register_prefix(coop_a.partner, "893600999")
    set_net_weight(coop_a.product, 500)
    response = client.post(url("cooperative-pack", processed), pack_data(coop_a.stockrecord))
    assert response.status_code == 302
    packed = Lot.objects.get(code="PK-OWN-1")
    assert packed.kind == Lot.Kind.PACKED and packed.stockrecord == coop_a.stockrecord
    assert packed.product == coop_a.product and packed.lot_number == "OWN001"
    assert packed.best_before == datetime.date(2028, 9, 1)
    assert packed.is_sellable, packed.sale_blockers

    assert services.verify_chains().ok
    with translation.override("en"):
        listing = client.get(reverse("dashboard:cooperative-lots")).content.decode()
    assert "PR-OWN-1" in listing and "PK-OWN-1" in listing


@pytest.mark.django_db
def test_another_cooperatives_lots_and_stock_records_are_out_of_reach(client, coop_a, coop_b):
    client.force_login(coop_a.user)
    lab = LabFactory()
    b_harvest = lot_of(coop_b, Lot.Kind.HARVEST)
    b_processed = lot_of(coop_b, Lot.Kind.PROCESSED)
    before = Lot.objects.count(), LabTest.objects.count()
    for name, lot, data in (
        ("cooperative-processing", b_harvest, processing_data()),
        ("cooperative-lab-test", b_processed, lab_data(lab)),
        ("cooperative-pack", b_processed, pack_data(coop_a.stockrecord)),
    ):
        assert client.get(url(name, lot)).status_code == 404
        assert client.post(url(name, lot), data).status_code == 404

    # Packing A's own lot into B's stock record is refused: B's record is not a choice.
    a_processed = lot_of(coop_a, Lot.Kind.PROCESSED)
    response = client.post(url("cooperative-pack", a_processed), pack_data(coop_b.stockrecord))
    assert response.status_code == 200 and "stockrecord" in response.context["form"].errors
    # Another cooperative's harvest cannot be slipped in as an extra input either.
    a_harvest = lot_of(coop_a, Lot.Kind.HARVEST)
    response = client.post(
        url("cooperative-processing", a_harvest),
        processing_data(other_harvests=[b_harvest.pk]),
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert (Lot.objects.count(), LabTest.objects.count()) == before


@pytest.mark.django_db
def test_wrong_entries_are_refused_with_messages(client, coop_a):
    client.force_login(coop_a.user)
    harvest = lot_of(coop_a, Lot.Kind.HARVEST)
    processed = lot_of(coop_a, Lot.Kind.PROCESSED)
    before = Lot.objects.count()
    # More than is left of the harvest: the service's rule, shown on the form.
    response = client.post(url("cooperative-processing", harvest), processing_data(kg_used="5000"))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    # A GTIN with a wrong check digit.
    bad = gs1.with_check_digit("0893600999001")
    bad = bad[:-1] + str((int(bad[-1]) + 1) % 10)
    response = client.post(
        url("cooperative-pack", processed), pack_data(coop_a.stockrecord, gtin=bad)
    )
    assert response.status_code == 200 and "gtin" in response.context["form"].errors
    assert Lot.objects.count() == before

    # A certificate that is not a PDF or an image; then a failing result is recorded as failed.
    lab = LabFactory()
    text = SimpleUploadedFile("kq.txt", b"hello", content_type="text/plain")
    response = client.post(
        url("cooperative-lab-test", processed), {**lab_data(lab), "certificate": text}
    )
    assert response.status_code == 200 and "certificate" in response.context["form"].errors
    data = lab_data(lab, **{"results-1-value": "12"})
    assert client.post(url("cooperative-lab-test", processed), data).status_code == 302
    assert LabTest.objects.get(certificate_number="KQ-OWN-1").passed is False
    assert services.verify_chains().ok
