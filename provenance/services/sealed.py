"""What an event seals about the rows beside the chain, and the check of those rows.

Every event that makes or changes a lot, a lab test or a growing area's status carries,
in its hashed content, the state it leaves behind (``content["state"]``): the lot's
owner, area, quantities, inputs, GTIN, release; the lab test's lot, lab, dates,
certificate file digest and results. ``check_rows`` compares the rows (``Lot``,
``LotInput``, ``LabTest``, ``LabResult``, ``EventLot``) with the newest sealed state and
names every difference, so a row changed beside the chain is found.
"""

import hashlib
from dataclasses import dataclass

from provenance.hashing import normalise

#: The lot fields an event seals (and a correction may change), in display order.
LOT_FIELDS = (
    "code",
    "kind",
    "cooperative",
    "seed_source",
    "growing_area",
    "produced_on",
    "quantity",
    "unit",
    "area_ha",
    "process",
    "product_form",
    "gtin",
    "lot_number",
    "product",
    "stockrecord",
    "best_before",
    "released",
)
_FOREIGN = {"cooperative", "seed_source", "growing_area", "product", "stockrecord"}


def _value(lot, name):
    return getattr(lot, f"{name}_id") if name in _FOREIGN else getattr(lot, name)


def lot_state(lot, inputs):
    """``inputs``: ``[(source_id, quantity), ...]`` as linked (``LotInput`` rows)."""
    state = {"id": lot.pk}
    for name in LOT_FIELDS:
        state[name] = _value(lot, name)
    state["inputs"] = sorted([int(source), quantity] for source, quantity in inputs)
    return normalise(state)


def file_digest(fieldfile):
    """SHA-256 of a stored file ("" when there is none or it cannot be read)."""
    if not fieldfile:
        return ""
    digest = hashlib.sha256()
    try:
        fieldfile.open("rb")
        try:
            for chunk in fieldfile.chunks():
                digest.update(chunk)
        finally:
            fieldfile.close()
    except (OSError, ValueError):
        return ""
    return digest.hexdigest()


def result_state(result):
    return {
        "category": result.category,
        "analyte": result.analyte,
        "value": result.value,
        "unit": result.unit,
        "limit": result.limit,
        "limitKind": result.limit_kind,
        "passed": result.passed,
    }


def lab_test_state(test, results, digest=None):
    """``digest``: the certificate file's SHA-256 (read from storage when None)."""
    return normalise(
        {
            "id": test.pk,
            "lot": test.lot_id,
            "lab": test.lab_id,
            "certificateNumber": test.certificate_number,
            "sampledOn": test.sampled_on,
            "testedOn": test.tested_on,
            "certificate": test.certificate.name or "",
            "certificateSha256": file_digest(test.certificate) if digest is None else digest,
            "passed": test.passed,
            "status": test.status,
            "results": sorted(
                (result_state(r) for r in results),
                key=lambda r: (r["category"], r["analyte"], r["value"]),
            ),
        }
    )


def area_state(area):
    return normalise(
        {"id": area.pk, "code": area.code, "status": area.status, "reason": area.status_reason}
    )


@dataclass(frozen=True)
class Mismatch:
    """One row that differs from what its newest event sealed."""

    kind: str  # "event_lot", "lot", "lot_unsealed", "lab_test", "lab_test_unsealed", "area"
    label: str  # the lot code, certificate number or area code
    field: str = ""
    sealed: object = None
    stored: object = None
    event: object = None  # the event's pk, for "event_lot"

    def __str__(self):
        where = f"{self.kind} {self.label}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: sealed {self.sealed!r}, stored {self.stored!r}"


def sealed_states(events):
    """The newest sealed state of every lot, lab test and area named by ``events``
    (read in the order given: sequence within a chain, chains by first event)."""
    lots, tests, areas = {}, {}, {}
    for event in sorted(events, key=lambda e: (e.recorded_at, e.pk)):
        state = (event.content or {}).get("state") or {}
        for item in state.get("lots") or ():
            lots[item["id"]] = item
        if state.get("labTest"):
            tests[state["labTest"]["id"]] = state["labTest"]
        if state.get("area"):
            areas[state["area"]["id"]] = state["area"]
    return lots, tests, areas


def expected_links(event):
    """The (lot code, role) pairs an event's content names."""
    content = event.content or {}
    pairs = set()
    for key, role in (("inputs", "input"), ("outputs", "output"), ("objects", "object")):
        for entry in content.get(key) or ():
            pairs.add((entry.get("lot"), role))
    return pairs


def check_links(events, links):
    """``links``: ``(event_id, lot_code, role)`` rows of ``EventLot``."""
    found = []
    by_event = {}
    for event_id, code, role in links:
        by_event.setdefault(event_id, set()).add((code, role))
    for event in events:
        expected = expected_links(event)
        stored = by_event.get(event.pk, set())
        for code, role in sorted(stored - expected):
            found.append(Mismatch("event_lot", code, role, None, event.pk, event=event.pk))
        for code, role in sorted(expected - stored):
            found.append(Mismatch("event_lot", code, role, event.pk, None, event=event.pk))
    return found


def check_lots(lots, edges, sealed):
    """``lots``: Lot rows; ``edges``: LotInput rows (of those lots at least)."""
    inputs = {}
    for edge in edges:
        inputs.setdefault(edge.lot_id, []).append((edge.source_id, edge.quantity))
    found = []
    for lot in lots:
        state = sealed.get(lot.pk)
        if state is None:
            found.append(Mismatch("lot_unsealed", lot.code))
            continue
        stored = lot_state(lot, inputs.get(lot.pk, []))
        for key, value in state.items():
            if stored.get(key) != value:
                found.append(Mismatch("lot", lot.code, key, value, stored.get(key)))
    return found


def check_lab_tests(tests, sealed, read_files=False):
    """``tests``: LabTest rows with their results prefetched."""
    found = []
    for test in tests:
        state = sealed.get(test.pk)
        if state is None:
            found.append(Mismatch("lab_test_unsealed", test.certificate_number))
            continue
        digest = None if read_files else state.get("certificateSha256", "")
        stored = lab_test_state(test, test.results.all(), digest=digest)
        for key, value in state.items():
            if stored.get(key) != value:
                found.append(
                    Mismatch("lab_test", test.certificate_number, key, value, stored.get(key))
                )
    return found


def check_areas(areas, sealed):
    found = []
    for area in areas:
        state = sealed.get(area.pk)
        if state is not None and state.get("status") != area.status:
            found.append(Mismatch("area", area.code, "status", state.get("status"), area.status))
    return found
