"""Staff enter data through the admin; bad input gets a clear error."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from provenance.forms import GrowingAreaForm, LabTestForm, LotForm
from provenance.models import GrowingArea, LabTest, Lot, ProvenanceEvent
from provenance.validators import validate_certificate_file, validate_growing_area_code
from tests.factories import PartnerFactory, png_bytes
from tests.provenance.factories import LabFactory, build_chain


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English messages (the site's default language is Vietnamese)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def area_data(partner, **overrides):
    data = {
        "code": "VN-LCPT-0042",
        "name": "Vùng trồng thử",
        "commune": "Dào San",
        "cooperative": partner.pk,
        "hectares": "2.5",
        "land_type": "forest_canopy",
        "altitude_m": "1700",
        "boundary": '{"type": "Polygon", "coordinates": [[[103.1, 22.5], [103.2, 22.5], [103.2, 22.6], [103.1, 22.5]]]}',
    }
    data.update(overrides)
    return data


def test_growing_area_code_follows_the_pattern_setting(settings):
    partner = PartnerFactory()
    assert GrowingAreaForm(data=area_data(partner)).is_valid()
    form = GrowingAreaForm(data=area_data(partner, code="LC-123"))
    assert not form.is_valid()
    assert "not a valid growing-area code" in str(form.errors["code"])
    settings.PROVENANCE_GROWING_AREA_CODE_PATTERN = r"^LC-\d{3}$"
    validate_growing_area_code("LC-123")
    with pytest.raises(ValidationError):
        validate_growing_area_code("VN-LCPT-0042")


def test_boundary_must_be_a_polygon():
    form = GrowingAreaForm(
        data=area_data(PartnerFactory(), boundary='{"type": "Point", "coordinates": [1, 2]}')
    )
    assert not form.is_valid()
    assert "GeoJSON" in str(form.errors["boundary"])


def test_status_change_needs_a_reason():
    form = GrowingAreaForm(data=area_data(PartnerFactory(), new_status="suspended"))
    assert not form.is_valid() and "status_reason_input" in form.errors


def test_certificates_must_be_pdf_or_images():
    validate_certificate_file(SimpleUploadedFile("c.pdf", b"%PDF-1.4 ..."))
    validate_certificate_file(SimpleUploadedFile("c.png", png_bytes()))
    for upload in (
        SimpleUploadedFile("c.txt", b"hello"),
        SimpleUploadedFile("c.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("c.exe", b"%PDF"),
    ):
        with pytest.raises(ValidationError, match="PDF, PNG or JPEG"):
            validate_certificate_file(upload)


def test_lab_test_form_rejects_a_text_certificate():
    lot = build_chain()
    form = LabTestForm(
        data={
            "lab": LabFactory().pk,
            "lot": lot.pk,
            "certificate_number": "X-1",
            "sampled_on": "2025-10-01",
            "tested_on": "2025-10-02",
        },
        files={"certificate": SimpleUploadedFile("result.txt", b"all fine")},
    )
    assert not form.is_valid() and "certificate" in form.errors


def test_lot_form_rejects_a_bad_gtin_and_a_too_heavy_harvest():
    lot = build_chain()
    area = GrowingArea.objects.first()
    data = {
        "code": "PK-NEW",
        "kind": "packed",
        "cooperative": lot.cooperative_id,
        "produced_on": "2025-10-01",
        "quantity": "10",
        "unit": "EA",
        "product_form": "processed",
        "gtin": "08936000000012",
        "lot_number": "NEW1",
    }
    form = LotForm(data=data)
    assert not form.is_valid()
    assert "check digit" in str(form.errors["gtin"])
    harvest = {
        "code": "HV-NEW",
        "kind": "harvest",
        "cooperative": lot.cooperative_id,
        "growing_area": area.pk,
        "produced_on": "2025-10-01",
        "quantity": "900",
        "unit": "KGM",
        "area_ha": "1",
    }
    form = LotForm(data=harvest)
    assert not form.is_valid()
    assert "heavier than the planting allows" in str(form.errors["quantity"])


def test_admin_pages_render_and_a_lab_test_entered_there_is_chained(admin_client):
    lot = build_chain()
    for model in (
        "cooperative",
        "seedsource",
        "growingarea",
        "lot",
        "lab",
        "labtest",
        "provenanceevent",
        "scanrecord",
    ):
        assert admin_client.get(f"/django-admin/provenance/{model}/").status_code == 200
        assert admin_client.get(f"/django-admin/provenance/{model}/?q=x").status_code == 200
    assert admin_client.get(f"/django-admin/provenance/lot/{lot.pk}/change/").status_code == 200
    event = ProvenanceEvent.objects.first()
    assert (
        admin_client.get(f"/django-admin/provenance/provenanceevent/{event.pk}/change/").status_code
        == 200
    )
    assert (
        admin_client.post(
            f"/django-admin/provenance/provenanceevent/{event.pk}/delete/"
        ).status_code
        == 403
    )

    before = ProvenanceEvent.objects.count()
    source = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PROCESSED)
    response = admin_client.post(
        "/django-admin/provenance/labtest/add/",
        {
            "lab": LabFactory().pk,
            "lot": source.pk,
            "certificate_number": "ADM-1",
            "sampled_on": "2025-10-01",
            "tested_on": "2025-10-03",
            "certificate": SimpleUploadedFile("c.pdf", b"%PDF-1.4 test"),
            "results-TOTAL_FORMS": "1",
            "results-INITIAL_FORMS": "0",
            "results-0-category": "heavy_metal",
            "results-0-analyte": "Pb",
            "results-0-value": "20",
            "results-0-unit": "mg/kg",
            "results-0-limit_kind": "max",
            "results-0-limit": "10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    test = LabTest.objects.get(certificate_number="ADM-1")
    assert not test.passed
    assert ProvenanceEvent.objects.count() == before + 1
    lot.refresh_from_db()
    assert {"code": "lab_failed", "certificate": "ADM-1"} in lot.sale_blockers


def test_admin_status_change_recalls_the_area(admin_client):
    lot = build_chain()
    area = GrowingArea.objects.get(lots__pk__in=lot.ancestor_ids, lots__kind="harvest")
    data = area_data(
        area.cooperative, code=area.code, new_status="recalled", status_reason_input="flood"
    )
    data["gacp_valid_from"] = datetime.date(2024, 1, 1).isoformat()
    data.update({"status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0"})
    response = admin_client.post(f"/django-admin/provenance/growingarea/{area.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    area.refresh_from_db()
    assert area.status == "recalled" and area.status_reason == "flood"
    lot.refresh_from_db()
    assert not lot.is_sellable


def test_a_harvest_entered_in_the_admin_is_chained_and_checked(admin_client):
    lot = build_chain()
    planting = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.PLANTING)
    data = {
        "code": "HV-ADMIN",
        "kind": "harvest",
        "cooperative": planting.cooperative_id,
        "growing_area": planting.growing_area_id,
        "produced_on": "2026-09-01",
        "quantity": "120",
        "unit": "KGM",
        "area_ha": "0.4",
        "process": "",
        "inputs-TOTAL_FORMS": "1",
        "inputs-INITIAL_FORMS": "0",
        "inputs-0-source": planting.pk,
        "inputs-0-quantity": str(planting.quantity * 2),  # more plants than were planted
        "serials-TOTAL_FORMS": "0",
        "serials-INITIAL_FORMS": "0",
    }
    response = admin_client.post(
        "/django-admin/provenance/lot/add/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "left" in response.content.decode()
    data["inputs-0-quantity"] = "100"
    response = admin_client.post("/django-admin/provenance/lot/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    harvest = Lot.objects.get(code="HV-ADMIN")
    assert planting.pk in harvest.ancestor_ids
    event = ProvenanceEvent.objects.get(lots__lot=harvest)
    assert event.content["step"] == "harvest"
    assert event.content["where"]["code"] == planting.growing_area.code
    assert event.content["inputs"][0]["lot"] == planting.code
