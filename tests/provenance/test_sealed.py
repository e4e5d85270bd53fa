"""The hash covers what the trace page shows (issue 9): each event seals its lots,
inputs, quantities, certificate digests and results, and a row changed beside the chain
is found by ``verify_provenance`` and on the trace page. Runs on SQLite and PostgreSQL
(set DATABASE_URL)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from provenance import services
from provenance.models import EventLot, LabResult, LabTest, Lot, ProvenanceEvent
from tests.provenance.factories import LabFactory, build_chain, passing_results
from tests.provenance.tamper import drop_triggers, execute

pytestmark = pytest.mark.django_db


def ancestor(lot, kind):
    return Lot.objects.get(pk__in=lot.ancestor_ids, kind=kind)


def trace_html(client, lot):
    return client.get(
        f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()


def test_each_event_seals_its_lots_inputs_quantities_and_results():
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    harvest = ancestor(packed, Lot.Kind.HARVEST)
    making = ProvenanceEvent.objects.get(content__step="processing", lots__lot=processed)
    (state,) = making.content["state"]["lots"]
    assert state["id"] == processed.pk and state["quantity"] == "60"
    assert state["inputs"] == [[harvest.pk, "200"]]
    assert state["cooperative"] == processed.cooperative_id
    lab = ProvenanceEvent.objects.get(content__step="lab_test")
    sealed = lab.content["state"]["labTest"]
    assert sealed["lot"] == processed.pk and sealed["passed"] is True
    assert {r["analyte"] for r in sealed["results"]} == {"Majonoside R2", "Pb", "Chlorpyrifos"}
    packing = ProvenanceEvent.objects.get(content__step="packing")
    assert packing.content["state"]["lots"][0]["gtin"] == packed.gtin
    assert packing.content["state"]["lots"][0]["released"] is True


def test_the_certificate_file_digest_is_sealed_and_checked(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    packed = build_chain()
    test = services.record_lab_test(
        lot=ancestor(packed, Lot.Kind.PROCESSED),
        lab=LabFactory(),
        certificate_number="KQ-FILE",
        sampled_on=datetime.date(2025, 9, 22),
        tested_on=datetime.date(2025, 9, 25),
        results=passing_results(),
        certificate=SimpleUploadedFile("kq.pdf", b"%PDF-1.4 the real certificate"),
    )
    event = ProvenanceEvent.objects.order_by("pk").last()
    digest = event.content["state"]["labTest"]["certificateSha256"]
    assert len(digest) == 64 and event.content["documents"][0]["sha256"] == digest
    assert services.verify_chains().ok
    # the file is swapped on the storage for a friendlier one
    storage = test.certificate.storage
    name = test.certificate.name
    storage.delete(name)
    storage.save(name, ContentFile(b"%PDF-1.4 a friendlier certificate"))
    result = services.verify_chains()
    assert not result.ok
    assert [(m.kind, m.label, m.field) for m in result.mismatches] == [
        ("lab_test", "KQ-FILE", "certificateSha256")
    ]


def test_an_extra_event_link_puts_another_lab_test_on_the_page_and_is_found(client, wagtail_root):
    """Cooperative B's lab test shown on cooperative A's trace page by one EventLot row."""
    lot_a = build_chain(with_lab=False, product_form=Lot.Form.FRESH)
    lot_b = build_chain()
    processed_b = ancestor(lot_b, Lot.Kind.PROCESSED)
    harvest_a = ancestor(lot_a, Lot.Kind.HARVEST)
    b_test = ProvenanceEvent.objects.get(content__step="lab_test", lots__lot=processed_b)
    assert "Verified" in trace_html(client, lot_a)
    drop_triggers()  # no trigger stops an INSERT anyway
    execute(
        "INSERT INTO provenance_eventlot (event_id, lot_id, role) VALUES (%s, %s, 'object')",
        [b_test.pk, harvest_a.pk],
    )
    html = trace_html(client, lot_a)
    assert "KQ-" in html  # B's certificate is now on A's page ...
    assert "Verified:" not in html  # ... but the page no longer says it is verified
    assert "Verification failed." in html
    assert f"Event (id {b_test.pk}) is linked to lot {harvest_a.code}" in html
    result = services.verify_chains()
    assert not result.ok
    assert ("event_lot", harvest_a.code, "object") in [
        (m.kind, m.label, m.field) for m in result.mismatches
    ]
    with pytest.raises(CommandError, match=f"event_lot {harvest_a.code}"):
        call_command("verify_provenance")


def test_a_raw_edit_of_an_input_is_found(client, wagtail_root):
    """Re-pointing a lot's input with SQL (away from a recalled area) is named."""
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    clean = build_chain()
    clean_harvest = ancestor(clean, Lot.Kind.HARVEST)
    services.recall_area(ancestor(packed, Lot.Kind.HARVEST).growing_area, reason="lead")
    execute(
        "UPDATE provenance_lotinput SET source_id = %s WHERE lot_id = %s",
        [clean_harvest.pk, processed.pk],
    )
    # and the stored ancestry with it, as the intruder would
    ids = sorted({*clean_harvest.ancestor_ids, clean_harvest.pk})
    Lot.objects.filter(pk=processed.pk).update(ancestor_ids=ids)
    result = services.verify_chains()
    assert not result.ok
    assert ("lot", processed.code, "inputs") in [
        (m.kind, m.label, m.field) for m in result.mismatches
    ]
    assert "Verified:" not in trace_html(client, packed)
    # the intruder rewrites the pack's stored ancestry too and has the caches recomputed:
    # the pack stays off sale, as it is made from a lot that differs from its seal
    ids = sorted({*ids, processed.pk})
    Lot.objects.filter(pk=packed.pk).update(ancestor_ids=ids)
    call_command("refresh_provenance")
    packed.refresh_from_db()
    assert not packed.is_sellable
    assert {"code": "seal_mismatch", "lots": processed.code} in packed.sale_blockers


@pytest.mark.parametrize(
    "table, column, value",
    [
        ("provenance_lot", "quantity", "6000"),
        ("provenance_lot", "released", True),
        ("provenance_lot", "cooperative_id", None),
        ("provenance_labresult", "value", "0.001"),
        ("provenance_labtest", "certificate_number", "KQ-FORGED"),
    ],
)
def test_a_raw_edit_of_a_row_beside_the_chain_is_named(table, column, value):
    packed = build_chain(release=False)
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    test = LabTest.objects.get(lot=processed)
    if column == "cooperative_id":
        from tests.factories import PartnerFactory

        value = PartnerFactory().pk
    target = {
        "provenance_lot": packed.pk if column == "released" else processed.pk,
        "provenance_labresult": LabResult.objects.filter(test=test, analyte="Pb").get().pk,
        "provenance_labtest": test.pk,
    }[table]
    execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, target])
    result = services.verify_chains()
    assert not result.ok
    kinds = {m.kind for m in result.mismatches}
    assert kinds <= {"lot", "lab_test"} and kinds


def test_a_lab_test_without_its_event_is_named():
    packed = build_chain()
    processed = ancestor(packed, Lot.Kind.PROCESSED)
    test = LabTest.objects.create(
        lab=LabFactory(),
        lot=processed,
        certificate_number="KQ-SLIPPED-IN",
        sampled_on=datetime.date(2025, 1, 1),
        tested_on=datetime.date(2025, 1, 2),
    )
    LabResult.objects.create(
        test=test,
        category="heavy_metal",
        analyte="Pb",
        value=Decimal("1"),
        unit="mg/kg",
        limit=Decimal("10"),
    )
    result = services.verify_chains()
    assert ("lab_test_unsealed", "KQ-SLIPPED-IN") in [(m.kind, m.label) for m in result.mismatches]


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM provenance_provenanceevent WHERE id = %s",
        "DELETE FROM provenance_eventlot WHERE event_id = %s",
        "UPDATE provenance_eventlot SET role = 'input' WHERE event_id = %s",
    ],
)
def test_the_database_refuses_deletes_and_link_edits(statement):
    build_chain()
    event = ProvenanceEvent.objects.order_by("pk").last()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert EventLot.objects.filter(event=event, role="output").exists()


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_append_only_tables_and_keeps_their_triggers():
    """A transactional test (browser tests) ends with a flush: SQLite empties tables with
    DELETE, which the triggers refuse; the flush lifts them for itself only."""
    build_chain()
    call_command("flush", interactive=False, verbosity=0)
    assert not ProvenanceEvent.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'provenance%'"
            )
            names = {row[0] for row in cursor.fetchall()}
        assert {"provenance_event_no_delete", "provenance_eventlot_no_delete"} <= names
    build_chain()
    event = ProvenanceEvent.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM provenance_provenanceevent WHERE id = %s", [event.pk])
