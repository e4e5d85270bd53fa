"""A lot's document pack (provenance.docpack): one ZIP with the summary, the lab's own
certificate file, GACP and GI status, area and facility codes, the chain's verdict and
the signed checkpoint, whose signature verifies with the published public key."""

import base64
import hashlib
import io
import json
import zipfile

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.core.management import call_command

from provenance import docpack
from provenance.models import LabTest
from tests.provenance.factories import PDF, build_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot(wagtail_root):
    packed = build_chain()
    cooperative = packed.cooperative.cooperative
    cooperative.facility_code = "CS-LC-0042"
    cooperative.save()
    call_command("checkpoint_provenance")
    return packed


def pack_url(lot, language="en"):
    return f"/{language}/trace/01/{lot.gtin}/10/{lot.lot_number}/documents.zip"


def open_pack(client, lot, language="en"):
    response = client.get(pack_url(lot, language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert (
        f'filename="{lot.gtin}-{lot.lot_number}-documents.zip"' in (response["Content-Disposition"])
    )
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_pack_holds_every_document_and_a_checkpoint_that_verifies(client, lot):
    archive = open_pack(client, lot)
    names = archive.namelist()
    assert names[:4] == ["summary.html", "manifest.json", "checkpoint.json", "epcis.jsonld"]
    manifest = json.loads(archive.read("manifest.json"))
    # Every file is listed with its SHA-256.
    for name, digest in manifest["files"].items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    # The lab's own certificate, byte for byte.
    lab_files = [n for n in names if n.startswith("lab/")]
    test = LabTest.objects.get(lot__in=[lot.pk, *lot.ancestor_ids])
    assert len(lab_files) == 1 and archive.read(lab_files[0]) == PDF
    assert manifest["labTests"][0]["certificate"] == test.certificate_number
    assert manifest["labTests"][0]["status"] == "passed"
    # GACP and GI status, area and facility codes.
    area = manifest["growingAreas"][0]
    assert area["code"].startswith("VN-LCPT-") and area["status"] == "active"
    assert area["gacp"]["certificate"] == "GACP-2024-01" and area["gacp"]["validToday"] is True
    assert area["geographicalIndication"] == "QĐ 456/QĐ-SHTT"
    assert any(f["code"] == "CS-LC-0042" for f in manifest["facilities"])
    assert manifest["verdict"]["ok"] is True and manifest["verdict"]["eventsChecked"] > 5
    summary = archive.read("summary.html").decode()
    assert area["code"] in summary and "CS-LC-0042" in summary and "GACP-2024-01" in summary
    assert 'data-verdict="ok"' in summary
    # The signed checkpoint verifies with the key it carries, which is the published one.
    checkpoint = json.loads(archive.read("checkpoint.json"))
    published = client.get("/en/trace/checkpoints.json").json()
    assert checkpoint["publicKey"] == published["publicKey"]
    key = load_pem_public_key(checkpoint["publicKey"].encode())
    signed = checkpoint["checkpoint"]
    key.verify(base64.b64decode(signed["signature"]), signed["signedText"].encode("utf-8"))
    heads = json.loads(signed["signedText"])["heads"]
    assert set(checkpoint["lotChains"]) <= set(heads)
    # A changed byte no longer verifies.
    with pytest.raises(InvalidSignature):
        key.verify(
            base64.b64decode(signed["signature"]),
            signed["signedText"].replace('"sequence":', '"sequence": ', 1).encode(),
        )
    epcis = json.loads(archive.read("epcis.jsonld"))
    assert epcis["type"] == "EPCISDocument"


def test_the_pack_speaks_the_visitors_language(client, lot):
    summary = open_pack(client, lot, "vi").read("summary.html").decode()
    assert '<html lang="vi">' in summary and "Mã số vùng trồng" in summary


def test_the_trace_page_links_to_its_pack(client, lot):
    page = client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/").content.decode()
    assert pack_url(lot) in page


def test_an_unknown_lot_has_no_pack(client, lot):
    assert client.get(f"/en/trace/01/{lot.gtin}/10/NOLOT/documents.zip").status_code == 404


def test_building_a_pack_writes_nothing(lot):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        docpack.build_pack(lot, "en")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
