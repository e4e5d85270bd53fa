"""A cooperative records a harvest from its own planting through the provenance
services staff use; another cooperative's planting is out of reach."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from provenance.models import Lot, ProvenanceEvent


def planting_of(coop):
    return Lot.objects.filter(cooperative=coop.partner, kind=Lot.Kind.PLANTING).first()


def harvest_url(lot):
    with translation.override("en"):
        return reverse("dashboard:cooperative-harvest", kwargs={"pk": lot.pk})


@pytest.mark.django_db
def test_cooperative_records_a_harvest_of_its_own_planting(client, coop_a, coop_b):
    client.force_login(coop_a.user)
    planting = planting_of(coop_a)
    events = ProvenanceEvent.objects.count()
    data = {"code": "HV-OWN-1", "kg": "10", "area_ha": "0.2", "harvested_on": "2026-09-01"}
    response = client.post(harvest_url(planting), data)
    assert response.status_code == 302
    lot = Lot.objects.get(code="HV-OWN-1")
    assert lot.cooperative == coop_a.partner and lot.kind == Lot.Kind.HARVEST
    assert lot.produced_on == datetime.date(2026, 9, 1)
    assert ProvenanceEvent.objects.count() == events + 1
    # The same code twice is refused with a message, not an error page.
    response = client.post(harvest_url(planting), data)
    assert response.status_code == 200 and response.context["form"].errors
    with translation.override("en"):
        listing = client.get(reverse("dashboard:cooperative-lots")).content.decode()
    assert "HV-OWN-1" in listing
    assert planting_of(coop_b).code not in listing

    other = planting_of(coop_b)
    response = client.post(harvest_url(other), {**data, "code": "HV-STOLEN"})
    assert response.status_code == 404
    assert not Lot.objects.filter(code="HV-STOLEN").exists()
