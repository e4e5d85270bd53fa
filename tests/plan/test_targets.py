"""Targets: the plan's, edited by staff with every earlier version kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plan import services
from plan.models import PlanTarget
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_plans_targets_are_there_with_their_sources():
    targets = {t.key: t for t in PlanTarget.objects.all()}
    assert (targets["area_ha"].value, targets["area_ha"].unit) == (Decimal("750"), "ha")
    assert (targets["harvest_t"].value, targets["harvest_t"].unit) == (Decimal("5"), "t_fresh")
    assert (targets["harvest_ha"].value, targets["harvest_ha"].unit) == (Decimal("25"), "ha_year")
    assert targets["coded_share"].value == targets["gi_share"].value == Decimal("100")
    assert targets["seed_qualified"].value == Decimal("1")
    assert {t.year for t in targets.values()} == {2030}
    assert "750 ha" in targets["area_ha"].source_quote
    assert "5 tấn/năm" in targets["harvest_t"].source_quote


def test_a_change_keeps_the_version_it_replaces():
    user = UserFactory(is_staff=True)
    target = PlanTarget.objects.get(key="area_ha")
    services.update_target(target, user=user, value=Decimal("800"), reason="Nghị quyết mới")
    services.update_target(target, user=user, year=2035, reason="Tầm nhìn 2035")
    target.refresh_from_db()
    assert (target.value, target.year, target.updated_by) == (Decimal("800"), 2035, user)
    history = list(target.revisions.order_by("pk").values_list("value", "year", "reason"))
    assert history == [
        (Decimal("750"), 2030, "Nghị quyết mới"),
        (Decimal("800"), 2030, "Tầm nhìn 2035"),
    ]


def test_a_change_needs_a_reason_and_no_change_writes_nothing():
    target = PlanTarget.objects.get(key="area_ha")
    with pytest.raises(ValidationError):
        services.update_target(target, value=Decimal("800"), reason=" ")
    services.update_target(target, value=Decimal("750.00"), reason="same")
    assert target.revisions.count() == 0


def test_staff_edit_a_target_in_the_admin_with_a_reason(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    target = PlanTarget.objects.get(key="harvest_t")
    url = reverse("admin:plan_plantarget_change", args=[target.pk])
    form = {
        "label_vi": target.label_vi,
        "label_en": target.label_en,
        "value": "6",
        "unit": target.unit,
        "year": "2030",
        "source": target.source,
        "source_quote": target.source_quote,
        "change_reason": "",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 200  # refused: no reason
    target.refresh_from_db()
    assert target.value == Decimal("5")
    form["change_reason"] = "Điều chỉnh theo báo cáo giữa kỳ"
    response = client.post(url, form)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("6")
    revision = target.revisions.get()
    assert (revision.value, revision.reason) == (Decimal("5"), "Điều chỉnh theo báo cáo giữa kỳ")
    page = client.get(url).content.decode()
    assert "Điều chỉnh theo báo cáo giữa kỳ" in page
