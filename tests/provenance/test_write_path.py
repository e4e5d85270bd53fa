"""One write path (issue 9): staff edits in the Lot admin go through the services, which
append a correction event saying what changed and why; re-pointing an input refreshes
the stored ancestry of everything made from the lot; the rules are written once."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cooperatives.dashboard.provenance_forms import LabTestForm as DashboardLabTestForm
from provenance import services
from provenance.forms import LotForm
from provenance.models import GrowingArea, Lot, LotInput, ProvenanceEvent
from tests.factories import PartnerFactory
from tests.provenance.factories import LabFactory, build_chain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def ancestor(lot, kind):
    return Lot.objects.get(pk__in=lot.ancestor_ids, kind=kind)


def lot_change_data(lot, inputs=None, **overrides):
    """What the admin's change form posts for ``lot`` (its current values)."""

    def value(v):
        return "" if v is None else str(v)

    data = {
        "cooperative": lot.cooperative_id,
        "seed_source": value(lot.seed_source_id),
        "growing_area": value(lot.growing_area_id),
        "produced_on": lot.produced_on.isoformat(),
        "quantity": str(lot.quantity),
        "unit": lot.unit,
        "area_ha": value(lot.area_ha),
        "process": lot.process,
        "notes": lot.notes,
        "product_form": lot.product_form,
        "gtin": lot.gtin,
        "lot_number": lot.lot_number,
        "product": value(lot.product_id),
        "stockrecord": value(lot.stockrecord_id),
        "best_before": lot.best_before.isoformat() if lot.best_before else "",
        "serials-TOTAL_FORMS": str(lot.serials.count()),
        "serials-INITIAL_FORMS": str(lot.serials.count()),
    }
    if lot.released:
        data["released"] = "on"
    links = list(lot.inputs.order_by("pk"))
    rows = inputs if inputs is not None else [(link.source_id, link.quantity) for link in links]
    data["inputs-TOTAL_FORMS"] = str(len(rows))
    data["inputs-INITIAL_FORMS"] = str(len(links))
    for i, (source, quantity) in enumerate(rows):
        data[f"inputs-{i}-lot"] = lot.pk
        data[f"inputs-{i}-source"] = source
        data[f"inputs-{i}-quantity"] = str(quantity)
        if i < len(links):
            data[f"inputs-{i}-id"] = links[i].pk
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def recalled_harvest():
    """A harvest (with 100 kg left) from an area that has been recalled."""
    other = build_chain()
    harvest = ancestor(other, Lot.Kind.HARVEST)
    services.recall_area(harvest.growing_area, reason="cadmium above the limit")
    return harvest


def test_repointing_an_input_in_the_admin_at_a_recalled_area_withdraws_the_lot(admin_client):
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    bad = recalled_harvest()
    assert packed.is_sellable
    before = ProvenanceEvent.objects.count()
    response = admin_client.post(
        f"/django-admin/provenance/lot/{processed.pk}/change/",
        lot_change_data(
            processed, inputs=[(bad.pk, "100")], correction_reason="wrong harvest typed"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(processed.inputs.values_list("source_id", flat=True)) == [bad.pk]
    packed.refresh_from_db()
    assert bad.pk in packed.ancestor_ids  # stored ancestry refreshed down to the pack
    assert not packed.is_sellable
    assert {"code": "area_recalled", "area": bad.growing_area.code} in packed.sale_blockers
    assert ProvenanceEvent.objects.count() == before + 1
    correction = ProvenanceEvent.objects.order_by("pk").last()
    assert correction.content["step"] == "correction"
    assert correction.content["details"]["reason"] == "wrong harvest typed"
    assert correction.content["details"]["changes"]["inputs"]["to"] == [f"{bad.code}: 100"]
    assert correction.corrects is not None
    assert services.verify_chains().ok


def test_the_correction_is_shown_on_the_trace_page(client, admin_client, wagtail_root):
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    admin_client.post(
        f"/django-admin/provenance/lot/{processed.pk}/change/",
        lot_change_data(processed, quantity="55", correction_reason="weighed again"),
    )
    html = client.get(
        f"/en/trace/01/{packed.gtin}/10/{packed.lot_number}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "weighed again" in html
    assert "quantity: 60 → 55" in html
    assert "Verified" in html


def test_a_chained_lot_changes_only_with_a_reason(admin_client):
    packed = build_chain()
    events = ProvenanceEvent.objects.count()
    response = admin_client.post(
        f"/django-admin/provenance/lot/{packed.pk}/change/",
        lot_change_data(packed, released=None),  # unticked, no reason
    )
    assert response.status_code == 200
    assert "correction_reason" in response.context["adminform"].form.errors
    packed.refresh_from_db()
    assert packed.released and ProvenanceEvent.objects.count() == events
    assert admin_client.post(f"/django-admin/provenance/lot/{packed.pk}/delete/").status_code == 403


def test_changing_released_in_the_admin_appends_an_event(admin_client):
    packed = build_chain()
    events = ProvenanceEvent.objects.count()
    response = admin_client.post(
        f"/django-admin/provenance/lot/{packed.pk}/change/",
        lot_change_data(packed, released=None, correction_reason="label misprinted"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    packed.refresh_from_db()
    assert not packed.released and not packed.is_sellable
    assert ProvenanceEvent.objects.count() == events + 1
    event = ProvenanceEvent.objects.order_by("pk").last()
    assert event.content["details"]["changes"]["released"] == {"from": True, "to": False}
    assert event.content["state"]["lots"][0]["released"] is False
    assert services.verify_chains().ok


def test_changing_the_owner_appends_an_event():
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    buyer = PartnerFactory(name="HTX Sâm Tả Phìn")
    # a packed lot stays with the holder of its GTIN's company prefix (provseller)
    with pytest.raises(ValidationError, match="company prefix of another cooperative"):
        services.correct_lot(packed, changes={"cooperative": buyer}, reason="sold on")
    events = ProvenanceEvent.objects.count()
    services.correct_lot(processed, changes={"cooperative": buyer}, reason="sold on to Tả Phìn")
    processed.refresh_from_db()
    assert processed.cooperative == buyer
    assert ProvenanceEvent.objects.count() == events + 1
    event = ProvenanceEvent.objects.order_by("pk").last()
    assert event.content["details"]["changes"]["cooperative"]["to"] == str(buyer)
    assert event.content["state"]["lots"][0]["cooperative"] == buyer.pk
    assert services.verify_chains().ok


def test_a_correction_needs_a_reason_and_known_fields():
    packed = build_chain()
    with pytest.raises(ValidationError, match="reason"):
        services.correct_lot(packed, changes={"released": False}, reason=" ")
    with pytest.raises(ValidationError, match="cannot be corrected"):
        services.correct_lot(packed, changes={"code": "X"}, reason="typo")
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    harvest = ancestor(packed, Lot.Kind.HARVEST)
    with pytest.raises(ValidationError, match="is made from this lot"):
        services.correct_lot(harvest, inputs=[(processed, 1)], reason="loop")


def test_the_admin_form_gives_the_services_yield_and_area_errors(settings):
    """The yield and area rules are written once, in the services."""
    packed = build_chain()
    planting = ancestor(packed, Lot.Kind.PLANTING)
    area = planting.growing_area
    settings.PROVENANCE_MAX_YIELD_KG_PER_HA = 100
    with pytest.raises(ValidationError) as service_error:
        services.check_harvest(planting, Decimal("1500"), Decimal("9"))
    form = LotForm(
        data={
            "code": "HV-FORM",
            "kind": "harvest",
            "cooperative": planting.cooperative_id,
            "growing_area": area.pk,
            "produced_on": "2026-09-01",
            "quantity": "1500",
            "unit": "KGM",
            "area_ha": "9",
        }
    )
    assert not form.is_valid()
    assert form.errors["quantity"] == [m for m in service_error.value.messages if "heavier" in m]
    assert "at most 900 kg at 100 kg/ha" in form.errors["quantity"][0]
    with pytest.raises(ValidationError) as planting_error:
        services.record_planting(
            seedlings=ancestor(packed, Lot.Kind.SEEDLING),
            growing_area=area,
            code="PL-X",
            plants=1,
            area_ha=Decimal("9"),
        )
    assert form.errors["area_ha"] == planting_error.value.messages


@pytest.mark.parametrize("form_class", [DashboardLabTestForm, "admin"])
def test_the_lab_date_rule_is_the_services(form_class):
    packed = build_chain()
    lab = LabFactory()
    data = {
        "lab": lab.pk,
        "lot": packed.pk,
        "certificate_number": "KQ-D",
        "sampled_on": "2026-09-10",
        "tested_on": "2026-09-01",
    }
    if form_class == "admin":
        from provenance.forms import LabTestForm

        form = LabTestForm(data=data)
    else:
        form = form_class(data=data, lot=packed, user=None)
    assert not form.is_valid()
    assert form.errors["tested_on"] == ["A sample is tested after it is taken."]
    with pytest.raises(ValidationError, match="tested after it is taken"):
        services.record_lab_test(
            lot=packed,
            lab=lab,
            certificate_number="KQ-D",
            sampled_on=datetime.date(2026, 9, 10),
            tested_on=datetime.date(2026, 9, 1),
            results=[],
        )


def test_an_area_status_change_appends_an_event():
    packed = build_chain()
    area = GrowingArea.objects.get(lots__pk__in=packed.ancestor_ids, lots__kind="harvest")
    events = ProvenanceEvent.objects.count()
    services.suspend_area(area, reason="inspection")
    assert ProvenanceEvent.objects.count() == events + 1
    event = ProvenanceEvent.objects.order_by("pk").last()
    assert event.content["step"] == "area_status"
    assert event.content["state"]["area"]["status"] == "suspended"
    assert {e["lot"] for e in event.content["objects"]} == set(
        area.lots.values_list("code", flat=True)
    )
    assert services.verify_chains().ok


def test_lab_tests_are_read_only_in_the_admin(admin_client):
    packed = build_chain()
    test = ancestor(packed, Lot.Kind.PROCESSED).lab_tests.get()
    response = admin_client.post(
        f"/django-admin/provenance/labtest/{test.pk}/change/",
        {"lab": test.lab_id, "lot": test.lot_id, "certificate_number": "EDITED"},
    )
    assert response.status_code == 403
    test.refresh_from_db()
    assert test.certificate_number != "EDITED"
    assert LotInput.objects.exists()
