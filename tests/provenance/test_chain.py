"""The event chain is append-only and its verification names the first bad event."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from provenance import services
from provenance.models import EventLot, ImmutableEventError, ProvenanceEvent
from tests.provenance.factories import build_chain
from tests.provenance.tamper import drop_triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot():
    return build_chain()


def test_a_complete_chain_verifies(lot):
    result = services.verify_chains()
    assert result.ok
    assert result.checked == ProvenanceEvent.objects.count() >= 6
    call_command("verify_provenance")


def test_each_event_links_to_the_previous_one(lot):
    events = list(ProvenanceEvent.objects.order_by("chain", "sequence"))
    for before, after in zip(events, events[1:], strict=False):
        if before.chain == after.chain:
            assert after.previous_hash == before.hash
            assert after.sequence == before.sequence + 1


def test_save_on_an_existing_event_raises(lot):
    event = ProvenanceEvent.objects.first()
    event.recorded_by = "mallory"
    with pytest.raises(ImmutableEventError):
        event.save()


def test_delete_raises_on_instance_and_queryset(lot):
    event = ProvenanceEvent.objects.first()
    with pytest.raises(ImmutableEventError):
        event.delete()
    with pytest.raises(ImmutableEventError):
        ProvenanceEvent.objects.all().delete()
    with pytest.raises(ImmutableEventError):
        ProvenanceEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(ImmutableEventError):
        EventLot.objects.all().delete()


def test_update_and_bulk_update_raise(lot):
    event = ProvenanceEvent.objects.first()
    with pytest.raises(ImmutableEventError):
        ProvenanceEvent.objects.filter(pk=event.pk).update(recorded_by="mallory")
    with pytest.raises(ImmutableEventError):
        ProvenanceEvent.objects.bulk_update([event], ["recorded_by"])
    with pytest.raises(ImmutableEventError):
        ProvenanceEvent.objects.bulk_create([ProvenanceEvent()])
    with pytest.raises(ImmutableEventError):
        EventLot.objects.all().update(role="input")


def test_the_admin_cannot_add_change_or_delete_events(lot, rf, admin_user):
    model_admin = admin_site._registry[ProvenanceEvent]
    request = rf.get("/")
    request.user = admin_user
    event = ProvenanceEvent.objects.first()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


@pytest.mark.skipif(connection.vendor not in ("sqlite", "postgresql"), reason="trigger per vendor")
def test_raw_sql_update_is_refused_by_the_database(lot):
    event = ProvenanceEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE provenance_provenanceevent SET recorded_by = 'mallory' WHERE id = %s",
            [event.pk],
        )


def drop_trigger():
    drop_triggers()


def test_tampering_with_a_row_is_caught_and_named(lot):
    """Someone with the database's own rights drops the trigger and edits a harvest."""
    harvest = ProvenanceEvent.objects.get(content__step="harvest")
    drop_trigger()
    content = dict(harvest.content)
    content["details"] = {"areaHa": "0.1"}
    import json

    with connection.cursor() as cursor:
        cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
        cursor.execute(
            f"UPDATE provenance_provenanceevent SET content = {cast} WHERE id = %s",
            [json.dumps(content), harvest.pk],
        )
    result = services.verify_chains()
    assert not result.ok
    assert result.failed_event.pk == harvest.pk
    assert result.reason == "hash"
    with pytest.raises(CommandError, match=rf"event {harvest.pk} \("):
        call_command("verify_provenance")


def test_a_deleted_row_breaks_the_link_after_it(lot):
    events = list(ProvenanceEvent.objects.order_by("sequence"))
    victim, after = events[2], events[3]
    drop_trigger()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM provenance_eventlot WHERE event_id = %s", [victim.pk])
        cursor.execute("DELETE FROM provenance_provenanceevent WHERE id = %s", [victim.pk])
    result = services.verify_chains()
    assert not result.ok and result.failed_event.pk == after.pk


def test_a_correction_is_a_new_event_pointing_at_the_old_one(lot):
    harvest = ProvenanceEvent.objects.get(content__step="harvest")
    before = ProvenanceEvent.objects.count()
    correction = services.correct_event(harvest, reason="weighed again", changes={"kg": "298"})
    assert ProvenanceEvent.objects.count() == before + 1
    assert correction.corrects == harvest
    assert correction.content["corrects"] == harvest.hash
    assert services.verify_chains().ok


def test_the_trace_page_shows_a_broken_chain(client, lot, wagtail_root):
    harvest = ProvenanceEvent.objects.get(content__step="harvest")
    drop_trigger()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE provenance_provenanceevent SET hash = %s WHERE id = %s", ["f" * 64, harvest.pk]
        )
    response = client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/")
    html = response.content.decode()
    assert "Verification failed" in html
    assert f"(id {harvest.pk})" in html


def test_refresh_provenance_recomputes_the_cache(lot):
    from provenance.models import Lot

    Lot.objects.filter(pk=lot.pk).update(is_sellable=False, summary={})
    call_command("refresh_provenance")
    lot.refresh_from_db()
    assert lot.is_sellable and lot.summary["areas"][0]["code"].startswith("VN-LCPT-")
