"""A lot's document pack: one ZIP a buyer can forward to customs or an importer.

Why a ZIP and not one PDF: the lab's and the certifier's own files go in byte for byte
(a PDF re-drawn by us would be our word, not the lab's), the signed checkpoint goes in
as the exact JSON that verifies with the published Ed25519 key (a signature printed in a
PDF cannot be checked by a machine), and the summary is a self-contained HTML page
(print or save as PDF in any browser; the site has no PDF library and loads nothing
from another host). ``manifest.json`` lists every file with its SHA-256.

Contents::

    summary.html        lot, product, cooperative and facility codes, growing areas
                        (code, status, GACP-WHO and GI), lab tests, the chain's verdict
    manifest.json       the same facts as data, and the files with their SHA-256
    checkpoint.json     the latest signed checkpoint of the lot's chains, the public
                        key (PEM) and how to verify
    epcis.jsonld        the lot's EPCIS 2.0 events
    lab/…, gacp/…       the certificate files as uploaded
"""

import hashlib
import io
import json
import posixpath
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from provenance import epcis, signing, trace
from provenance.models import ProvenanceEvent
from provenance.services import checkpoints


def _safe_name(name):
    base = posixpath.basename(name or "")
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in base)[:80] or "file"


def _read(field):
    try:
        with field.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def pack_name(lot):
    return f"{lot.gtin}-{_safe_name(lot.lot_number)}-documents.zip"


def build_pack(lot, language=None):
    """The pack of a packed lot, as bytes (in ``language``, default the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        return _build(lot, language)


def _build(lot, language):
    context = trace.build_trace(lot)
    verification = context["verification"]
    events = verification.events if verification is not None else []
    chains = sorted({e.chain for e in events})
    latest = checkpoints.latest_checkpoint()
    covered = latest is not None and bool(set(chains) & set(latest.heads))
    files = {}
    lab_files = []
    for test in context["lab_tests"]:
        entry = None
        if test.certificate:
            data = _read(test.certificate)
            if data is not None:
                entry = (
                    f"lab/{_safe_name(test.certificate_number)}-{_safe_name(test.certificate.name)}"
                )
                files[entry] = data
        lab_files.append((test, entry))
    area_files = []
    for row in context["areas"]:
        area = row["area"]
        entry = None
        if area.gacp_certificate:
            data = _read(area.gacp_certificate)
            if data is not None:
                entry = f"gacp/{_safe_name(area.code)}-{_safe_name(area.gacp_certificate.name)}"
                files[entry] = data
        area_files.append((row, entry))
    facilities = []
    for item in context["lineage"].lots.values():
        coop = getattr(item.cooperative, "cooperative", None)
        if coop is not None and coop.facility_code:
            facilities.append({"name": coop.legal_name, "code": coop.facility_code})
    for source in context["seed_sources"]:
        facilities.append({"name": source.name, "code": source.facility_code})
    facilities = [dict(t) for t in sorted({tuple(sorted(f.items())) for f in facilities})]
    verdict = {
        "ok": bool(verification and verification.ok),
        "eventsChecked": verification.checked if verification else 0,
        "problems": [str(p) for p in verification.failures] if verification else [],
        "checkpoint": latest.pk if covered else None,
    }
    checkpoint_doc = {
        "format": checkpoints.FORMAT,
        "algorithm": "Ed25519",
        "publicKey": signing.public_key_pem(),
        "keyId": signing.key_id(),
        "howToVerify": (
            "Verify 'signature' (base64) over the UTF-8 bytes of 'signedText' with the "
            "Ed25519 public key 'publicKey'; the lot's chains are listed in 'lotChains' and "
            "their heads in 'heads'. The same key is published at "
            + settings.SITE_URL.rstrip("/")
            + "/en/trace/checkpoints.json"
        ),
        "lotChains": chains,
        "checkpoint": checkpoints.checkpoint_document(latest, set(chains)) if covered else None,
    }
    epcis_doc = epcis.epcis_document(
        (
            (e.content, e.hash, e.recorded_at.isoformat())
            for e in ProvenanceEvent.objects.for_lots(list(context["lineage"].lots)).order_by(
                "event_time", "pk"
            )
        ),
        settings.SITE_URL,
        timezone.now().isoformat(),
        checkpoint=checkpoint_doc["checkpoint"],
    )
    files["checkpoint.json"] = _json(checkpoint_doc)
    files["epcis.jsonld"] = _json(epcis_doc)
    summary = render_to_string(
        "provenance/docpack_summary.html",
        {
            **context,
            "lab_files": lab_files,
            "area_files": area_files,
            "facilities": facilities,
            "verdict": verdict,
            "checkpoint": latest if covered else None,
            "key_id": signing.key_id(),
            "LANGUAGE_CODE": language,
            "generated_at": timezone.now(),
            "trace_url": settings.SITE_URL.rstrip("/") + lot.get_trace_url(),
        },
    )
    files["summary.html"] = summary.encode("utf-8")
    manifest = {
        "lot": {
            "gtin": lot.gtin,
            "lotNumber": lot.lot_number,
            "product": lot.product.get_title() if lot.product_id else "",
            "bestBefore": lot.best_before.isoformat() if lot.best_before else None,
            "cooperative": getattr(getattr(lot.cooperative, "cooperative", None), "legal_name", ""),
            "digitalLink": lot.digital_link_uri(),
        },
        "growingAreas": [
            {
                "code": row["area"].code,
                "status": row["area"].status,
                "gacp": {
                    "certificate": row["area"].gacp_certificate_number,
                    "issuer": row["area"].gacp_issuer,
                    "validFrom": _iso(row["area"].gacp_valid_from),
                    "validUntil": _iso(row["area"].gacp_valid_until),
                    "validToday": row["gacp_valid"],
                    "file": entry,
                },
                "geographicalIndication": row["area"].gi_authorisation,
            }
            for row, entry in area_files
        ],
        "facilities": facilities,
        "labTests": [
            {
                "lab": test.lab.name,
                "accreditation": test.lab.accreditation,
                "certificate": test.certificate_number,
                "testedOn": _iso(test.tested_on),
                "status": test.status,
                "file": entry,
            }
            for test, entry in lab_files
        ],
        "verdict": verdict,
        "language": language,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files["manifest.json"] = _json(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["summary.html", "manifest.json", "checkpoint.json", "epcis.jsonld"]:
            archive.writestr(name, files.pop(name))
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    return buffer.getvalue()


def _iso(day):
    return day.isoformat() if day else None


def _json(data):
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
