"""Bad input in the cooperative dashboard is a form error or a message, never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from provenance.models import Lot
from tests.cooperatives.conftest import line_of
from tests.cooperatives.test_dashboard_access import (
    OPEN_TO_COOPERATIVES,
    SKIP,
    kwargs_for,
    objects_of,
)
from tests.cooperatives.urlwalk import patterns_in

Product = get_model("catalogue", "Product")


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"dashboard:{name}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_deleting_a_product_a_lot_points_at_is_a_message(client, coop_a, language):
    product = coop_a.product
    assert Lot.objects.filter(product=product).exists()
    client.force_login(coop_a.user)
    with translation.override(language):
        target = reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk})
    response = client.post(target, follow=True)
    assert response.status_code == 200
    assert Product.objects.filter(pk=product.pk).exists()
    text = " ".join(str(m) for m in response.context["messages"])
    expected = {
        "en": "lots record where it came from",
        "vi": "lô hàng ghi nguồn gốc",
    }[language]
    assert expected in text


@pytest.mark.django_db
def test_posting_the_product_form_without_its_formsets_is_a_form_error(client, coop_a):
    client.force_login(coop_a.user)
    response = client.post(
        url("catalogue-product", pk=coop_a.product.pk), {"title_vi": "Sâm", "title_en": "x"}
    )
    assert response.status_code == 200
    assert "reload the page" in " ".join(response.context["form"].non_field_errors())
    assert Product.objects.get(pk=coop_a.product.pk).title_en != "x"
    create = url(
        "catalogue-product-create",
        product_class_slug=coop_a.product.get_product_class().slug,
    )
    before = Product.objects.count()
    response = client.post(create, {"title_vi": "Sâm", "title_en": "x"})
    assert response.status_code == 200
    assert Product.objects.count() == before


@pytest.mark.django_db
def test_harvest_accepts_its_own_minimum(client, coop_a):
    planting = Lot.objects.filter(cooperative=coop_a.partner, kind=Lot.Kind.PLANTING).first()
    client.force_login(coop_a.user)
    data = {"code": "HV-MIN-1", "kg": "0.001", "area_ha": "0.01", "harvested_on": "2026-09-01"}
    response = client.post(url("cooperative-harvest", pk=planting.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    lot = Lot.objects.get(code="HV-MIN-1")
    assert str(lot.quantity) in ("0.001", "0.0010", "0.00100")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["kg_used", "quantity"])
def test_processing_accepts_its_own_minimum(client, coop_a, field):
    from cooperatives.dashboard.provenance_forms import PackForm, ProcessingForm

    harvest = Lot.objects.filter(cooperative=coop_a.partner, kind=Lot.Kind.HARVEST).first()
    form = ProcessingForm(
        {
            "code": "PR-MIN-1",
            "kg_used": "0.001",
            "process": [c for c in Lot.Process.values if c][0],
            "quantity": "0.001",
            "processed_on": "2026-09-02",
        },
        lot=harvest,
        user=coop_a.user,
    )
    form.is_valid()
    assert field not in form.errors
    pack = PackForm({"used": "0.001"}, lot=harvest, user=coop_a.user)
    pack.is_valid()
    assert "used" not in pack.errors


JUNK = [
    {},
    {"action": "junk", "pk": "x", "selected_product": ["x", "999999"], "quantity": "-1"},
    {
        "title": "x" * 5000,
        "kg": "1e400",
        "area_ha": "NaN",
        "harvested_on": "31/31/2026",
        "code": "\x00",
        "form-TOTAL_FORMS": "9999999",
        "form-INITIAL_FORMS": "x",
        "results-TOTAL_FORMS": "abc",
        "stockrecords-TOTAL_FORMS": "1",
        "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-0-price": "-1e99",
        "stockrecords-0-partner": "999999",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "used": "Infinity",
        "units": "99999999999999999999999",
        "kg_used": "-0",
        "quantity": "0.0000001",
        "processed_on": "2026-02-30",
        "line_ids": ["x", "999999"],
        "line_action": "change_line_statuses",
        "order_action": "change_order_status",
        "new_status": "Shipped",
        "tracking_code": "x" * 1000,
        "message": "",
        "story_vi": "<script>" * 100,
    },
]


@pytest.mark.django_db
@pytest.mark.parametrize("junk", range(len(JUNK)))
def test_junk_posts_to_every_cooperative_dashboard_url_are_not_500s(
    client, coop_a, coop_b, mixed_order, junk
):
    client.raise_request_exception = False
    note = mixed_order.notes.create(message="A's note", note_type="Info")
    client.force_login(coop_a.user)
    objects = objects_of(coop_a, mixed_order, line_of(mixed_order, coop_a), note)
    failures = {}
    with translation.override("en"):
        for name, params, view_class in patterns_in("dashboard"):
            if name in SKIP or name not in OPEN_TO_COOPERATIVES:
                continue
            target = reverse(
                f"dashboard:{name}", kwargs=kwargs_for(name, params, view_class, objects)
            )
            response = client.post(target, JUNK[junk])
            if response.status_code >= 500:
                failures[name] = response.status_code
    assert failures == {}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_staff_deleting_a_partner_with_lots_is_a_message(client, admin_user, coop_a, language):
    client.force_login(admin_user)
    with translation.override(language):
        target = reverse("dashboard:partner-delete", kwargs={"pk": coop_a.partner.pk})
    response = client.post(target, follow=True)
    assert response.status_code == 200
    text = " ".join(str(m) for m in response.context["messages"])
    assert {"en": "cannot be deleted while", "vi": "Không thể xoá"}[language] in text
    assert type(coop_a.partner).objects.filter(pk=coop_a.partner.pk).exists()


@pytest.mark.django_db
def test_staff_junk_and_delete_posts_to_every_dashboard_url_are_not_500s(
    client, admin_user, coop_a, coop_b, mixed_order
):
    client.raise_request_exception = False
    note = mixed_order.notes.create(message="A's note", note_type="Info")
    client.force_login(admin_user)
    objects = objects_of(coop_a, mixed_order, line_of(mixed_order, coop_a), note)
    failures = {}
    with translation.override("en"):
        names = patterns_in("dashboard")
        # Deletes last: they may remove what the other pages are given.
        names.sort(key=lambda row: "delete" in row[0])
        for name, params, view_class in names:
            if name in SKIP:
                continue
            target = reverse(
                f"dashboard:{name}", kwargs=kwargs_for(name, params, view_class, objects)
            )
            response = client.post(target, JUNK[2])
            if response.status_code >= 500:
                failures[name] = response.status_code
    assert failures == {}
