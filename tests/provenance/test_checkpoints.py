"""Signed checkpoints (issue 9): with the triggers dropped, deleting the newest event of a
chain or editing one and re-sealing the rest passes a bare hash-chain check; checked
against the latest signed checkpoint, both are named. Runs on SQLite and PostgreSQL."""

import base64
import json
from pathlib import Path

import jsonschema
import pytest
from cryptography.hazmat.primitives import serialization
from django.core.management import CommandError, call_command

from provenance import signing
from provenance.hashing import event_hash, verify_records
from provenance.models import ChainCheckpoint, ImmutableEventError, ProvenanceEvent
from provenance.services import checkpoints, verify_chains
from provenance.services.chain import verify_chain
from tests.provenance.factories import build_chain
from tests.provenance.tamper import drop_triggers, execute, set_content

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def lot(wagtail_root):
    packed = build_chain()
    call_command("checkpoint_provenance")
    return packed


def chain_events(lot):
    chain = f"coop-{lot.cooperative_id}"
    return list(ProvenanceEvent.objects.filter(chain=chain).order_by("sequence"))


def trace_html(client, lot):
    return client.get(
        f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()


def test_a_checkpoint_signs_every_chain_head_with_the_published_key(lot, client):
    checkpoint = ChainCheckpoint.objects.get()
    events = chain_events(lot)
    assert checkpoint.heads == {
        events[-1].chain: {"sequence": events[-1].sequence, "hash": events[-1].hash}
    }
    document = client.get("/en/trace/checkpoints.json").json()
    published = document["checkpoints"][0]
    # an outside party checks the signature with nothing but the published JSON
    key = serialization.load_pem_public_key(document["publicKey"].encode())
    key.verify(base64.b64decode(published["signature"]), published["signedText"].encode())
    assert json.loads(published["signedText"])["heads"] == checkpoint.heads
    html = client.get("/en/trace/checkpoints/").content.decode()
    assert checkpoint.digest in html and "BEGIN PUBLIC KEY" in html
    assert client.get("/vi/trace/checkpoints/").status_code == 200
    assert (
        client.get(f"/en/trace/checkpoints.json?after={checkpoint.pk}").json()["checkpoints"] == []
    )


def test_the_trace_page_names_the_checkpoint_it_was_verified_against(lot, client):
    checkpoint = ChainCheckpoint.objects.get()
    html = trace_html(client, lot)
    assert "Verified:" in html
    assert f"signed checkpoint #{checkpoint.pk}</a>" in html
    assert f'href="/en/trace/checkpoints/#checkpoint-{checkpoint.pk}"' in html


def test_a_deleted_tail_event_is_named(lot, client):
    events = chain_events(lot)
    tail = events[-1]
    drop_triggers()
    execute("DELETE FROM provenance_eventlot WHERE event_id = %s", [tail.pk])
    execute("DELETE FROM provenance_provenanceevent WHERE id = %s", [tail.pk])
    # the bare hash chain cannot see it ...
    assert verify_chain(tail.chain).ok
    # ... the checkpoint can
    result = verify_chains()
    assert not result.ok
    assert [(p.kind, p.chain, p.sequence, p.found) for p in result.checkpoint_problems] == [
        ("truncated", tail.chain, tail.sequence, tail.sequence - 1)
    ]
    with pytest.raises(CommandError, match=rf"{tail.chain} ends at #{tail.sequence - 1}"):
        call_command("verify_provenance")


def test_a_resealed_chain_is_named(lot, client):
    """An event is edited and every hash after it recomputed: the chain links up."""
    events = chain_events(lot)
    victim = events[2]
    drop_triggers()
    previous = victim.previous_hash
    for event in events[2:]:
        content = dict(event.content)
        if event.pk == victim.pk:
            content["details"] = {**content["details"], "areaHa": "0.1"}
        digest = event_hash(content, previous)
        set_content(event, content, hash_=digest, previous=previous)
        previous = digest
    assert verify_chain(victim.chain).ok  # the bare chain verifies
    result = verify_chains()
    assert not result.ok
    assert [(p.kind, p.chain, p.sequence) for p in result.checkpoint_problems] == [
        ("resealed", victim.chain, events[-1].sequence)
    ]
    html = trace_html(client, lot)
    assert "Verified:" not in html
    assert "was re-sealed" in html


def test_a_forged_or_edited_checkpoint_is_refused(lot):
    checkpoint = ChainCheckpoint.objects.get()
    assert checkpoints.signature_ok(checkpoint)
    drop_triggers()
    heads = {c: {**h, "sequence": h["sequence"] - 1} for c, h in checkpoint.heads.items()}
    import json as _json

    execute(
        "UPDATE provenance_chaincheckpoint SET heads = %s WHERE id = %s",
        [_json.dumps(heads), checkpoint.pk],
    )
    result = verify_chains()
    assert "signature" in {p.kind for p in result.checkpoint_problems}


def test_checkpoints_are_append_only(lot):
    checkpoint = ChainCheckpoint.objects.get()
    with pytest.raises(ImmutableEventError):
        checkpoint.delete()
    with pytest.raises(ImmutableEventError):
        ChainCheckpoint.objects.all().update(digest="x")
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM provenance_chaincheckpoint")


def test_the_epcis_document_carries_the_checkpoint_and_still_validates(lot, client):
    response = client.get(f"/01/{lot.gtin}/10/{lot.lot_number}", {"linkType": "gs1:epcis"})
    document = json.loads(response.content)
    schema = json.loads((DATA / "EPCIS-JSON-Schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(document)
    published = document["epcisHeader"]["slc:checkpoint"]
    checkpoint = ChainCheckpoint.objects.get()
    assert published["digest"] == checkpoint.digest
    assert published["publicKey"].endswith("/trace/checkpoints.json")
    # every event of the document's chains up to the checkpoint verifies against it
    head = published["heads"][f"coop-{lot.cooperative_id}"]
    assert head["hash"] in {e.hash for e in chain_events(lot)}


def test_the_key_is_a_file_outside_the_database(settings, tmp_path):
    settings.PROVENANCE_SIGNING_KEY = str(tmp_path / "key.pem")
    settings.PROVENANCE_SIGNING_KEY_GENERATE = False
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="PROVENANCE_SIGNING_KEY"):
        signing.private_key()
    settings.PROVENANCE_SIGNING_KEY_GENERATE = True
    assert signing.verify(b"x", signing.sign(b"x"))
    assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0


def test_a_bare_chain_check_misses_a_cut_tail():
    """Why checkpoints: the pure verifier accepts any prefix of a chain."""
    build_chain()
    events = list(ProvenanceEvent.objects.order_by("chain", "sequence"))
    from provenance.hashing import ChainRecord

    records = [ChainRecord(e.pk, e.sequence, e.content, e.previous_hash, e.hash) for e in events]
    assert verify_records(records[:-1]).ok


def test_production_refuses_to_start_without_the_signing_key():
    from tests.core.test_settings import import_production

    result = import_production(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u@localhost/db",
            "REDIS_URL": "redis://localhost:6379/0",
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "SITE_URL": "https://example.org",
        }
    )
    assert result.returncode != 0
    assert "PROVENANCE_SIGNING_KEY" in result.stderr


def test_an_append_takes_a_checkpoint_when_the_last_is_older_than_the_interval(
    settings, django_capture_on_commit_callbacks
):
    settings.PROVENANCE_CHECKPOINT_INTERVAL_MINUTES = 60
    with django_capture_on_commit_callbacks(execute=True):
        lot = build_chain()
    first = ChainCheckpoint.objects.get()  # none existed: the first append took one
    assert first.heads[f"coop-{lot.cooperative_id}"]["sequence"] >= 1
    with django_capture_on_commit_callbacks(execute=True):
        build_chain()
    assert ChainCheckpoint.objects.count() == 1  # the last one is fresh
    settings.PROVENANCE_CHECKPOINT_INTERVAL_MINUTES = 0
    assert not checkpoints.checkpoint_due()
    assert verify_chains().ok


def test_a_chain_begun_after_the_checkpoint_says_none_covers_it(lot, client):
    later = build_chain()  # another cooperative's chain, begun after the checkpoint
    html = trace_html(client, later)
    assert "Verified:" in html
    assert "No signed checkpoint covers this chain yet." in html
    assert "signed checkpoint #" not in html
