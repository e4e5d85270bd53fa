"""The chain: one hash chain per cooperative; append an event, verify, correct."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from provenance.hashing import (
    GENESIS,
    ChainRecord,
    ChainVerdict,
    event_hash,
    normalise,
    verify_records,
)
from provenance.models import (
    EventLot,
    GrowingArea,
    LabTest,
    Lot,
    LotInput,
    ProvenanceEvent,
)
from provenance.services import sealed

Partner = get_model("partner", "Partner")


Step = ProvenanceEvent.Step


Type = ProvenanceEvent.Type


def timezone_offset(moment):
    offset = timezone.localtime(moment).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _as_datetime(day_or_time):
    if day_or_time is None:
        return timezone.now()
    if hasattr(day_or_time, "hour"):
        return day_or_time
    return timezone.make_aware(
        timezone.datetime(day_or_time.year, day_or_time.month, day_or_time.day, 8, 0)
    )


def lock_chains(partners):
    """Row-lock the cooperatives' chains, in pk order. Every write takes its locks in
    one order: chains (partners), then growing areas, then lots (each in pk order)."""
    list(
        Partner.objects.select_for_update()
        .filter(pk__in=sorted({p.pk for p in partners if p is not None}))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def chain_name(partner) -> str:
    return f"coop-{partner.pk}"


def _lot_entry(lot, quantity=None, unit=None):
    entry = {
        "lot": lot.code,
        "kind": lot.kind,
        "quantity": quantity if quantity is not None else lot.quantity,
        "uom": unit or lot.unit,
    }
    if lot.gtin:
        entry["gtin"] = lot.gtin14
        entry["lotNumber"] = lot.lot_number
    return entry


def _where_area(area):
    return {"kind": "growing_area", "code": area.code, "name": area.name, "commune": area.commune}


def _where_facility(code, name="", commune=""):
    return {"kind": "facility", "code": code, "name": name, "commune": commune}


def _who(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return user.get_username()


def append_event(
    *,
    cooperative,
    event_type,
    biz_step,
    step,
    event_time=None,
    action=None,
    where=None,
    growing_area=None,
    inputs=(),
    outputs=(),
    objects=(),
    documents=(),
    details=None,
    user=None,
    corrects=None,
    disposition=None,
    state=None,
):
    """Append one event to the cooperative's chain. ``inputs``/``outputs``/``objects``
    are ``(lot, quantity, unit)`` tuples (quantity/unit may be None); ``state`` is what
    the event leaves behind (``{"lots": [...], "labTest": ..., "area": ...}``, see
    ``services.sealed``), sealed with it."""
    event_time = _as_datetime(event_time)
    with transaction.atomic():
        lock_chains([cooperative])
        chain = chain_name(cooperative)
        last = (
            ProvenanceEvent.objects.filter(chain=chain)
            .order_by("-sequence")
            .values("sequence", "hash")
            .first()
        )
        sequence = (last["sequence"] + 1) if last else 1
        previous = last["hash"] if last else GENESIS
        content = {
            "chain": chain,
            "sequence": sequence,
            "type": event_type,
            "action": action,
            "bizStep": biz_step,
            "disposition": disposition,
            "step": step,
            "eventTime": event_time.isoformat(),
            "eventTimeZoneOffset": timezone_offset(event_time),
            "where": where,
            "inputs": [_lot_entry(*row) for row in inputs],
            "outputs": [_lot_entry(*row) for row in outputs],
            "objects": [_lot_entry(*row) for row in objects],
            "documents": list(documents),
            "details": details or {},
            "recordedBy": _who(user),
            "corrects": corrects.hash if corrects else None,
        }
        if state:
            content["state"] = state
        content = normalise(content)
        event = ProvenanceEvent(
            chain=chain,
            sequence=sequence,
            event_type=event_type,
            biz_step=biz_step,
            event_time=event_time,
            recorded_by=content["recordedBy"],
            growing_area=growing_area,
            corrects=corrects,
            content=content,
            previous_hash=previous,
            hash=event_hash(content, previous),
        )
        event.save()
        links = set()
        for role, rows in (("input", inputs), ("output", outputs), ("object", objects)):
            for row in rows:
                if (row[0].pk, role) not in links:
                    links.add((row[0].pk, role))
                    EventLot.objects.create(event=event, lot=row[0], role=role)
        transaction.on_commit(_schedule_checkpoint)
    return event


def _schedule_checkpoint():
    from provenance.services.checkpoints import schedule_checkpoint

    schedule_checkpoint()


def verify_chain(chain) -> ChainVerdict:
    return verify_events(ProvenanceEvent.objects.filter(chain=chain).order_by("sequence"))


def verify_events(events) -> ChainVerdict:
    """Verify events of one chain (ordered by sequence); also checks that the indexed
    columns agree with the hashed content."""
    events = list(events)
    verdict = verify_records(
        ChainRecord(e.pk, e.sequence, e.content, e.previous_hash, e.hash) for e in events
    )
    for event in events:
        if verdict.failed_ident is not None and event.pk == verdict.failed_ident:
            break
        content = event.content or {}
        if (
            content.get("chain") != event.chain
            or content.get("sequence") != event.sequence
            or content.get("bizStep") != event.biz_step
            or content.get("type") != event.event_type
        ):
            return ChainVerdict(False, verdict.checked, event.pk, "columns")
    return verdict


@dataclass
class Verification:
    ok: bool
    checked: int = 0
    failed_event: ProvenanceEvent | None = None
    reason: str = ""
    chains: list = field(default_factory=list)
    #: rows beside the chain that differ from what was sealed (``sealed.Mismatch``)
    mismatches: list = field(default_factory=list)
    #: the signed checkpoint the chains were checked against, and what disagrees with it
    checkpoint: object = None
    checkpoint_problems: list = field(default_factory=list)
    events: list = field(default_factory=list, repr=False)

    @property
    def failures(self):
        """Every problem found, as text (for the command and logs)."""
        found = []
        if self.failed_event is not None:
            e = self.failed_event
            found.append(f"event {e.pk} ({e.chain}#{e.sequence}, {e.biz_step}): {self.reason}")
        found += [str(m) for m in self.mismatches]
        found += [str(p) for p in self.checkpoint_problems]
        return found


def _verify_hashes(events) -> Verification:
    by_chain = defaultdict(list)
    for event in events:
        by_chain[event.chain].append(event)
    checked = 0
    for chain in sorted(by_chain):
        verdict = verify_events(by_chain[chain])
        checked += verdict.checked
        if not verdict.ok:
            failed = next(e for e in by_chain[chain] if e.pk == verdict.failed_ident)
            return Verification(
                False, checked, failed, verdict.reason, sorted(by_chain), events=events
            )
    return Verification(True, checked, chains=sorted(by_chain), events=events)


def verify_chains(chains=None, *, rows=None, read_files=True, checkpoint=True) -> Verification:
    """Verify the named chains (all when None) with one query; the first broken event
    wins. ``rows`` (default: when verifying every chain) also compares the rows beside
    the chain (lots, inputs, lab tests and results, event links, area status) with
    what the events sealed, reading certificate files when ``read_files``.
    ``checkpoint``: check the chains against the latest signed checkpoint."""
    queryset = ProvenanceEvent.objects.order_by("chain", "sequence")
    if chains is not None:
        queryset = queryset.filter(chain__in=list(chains))
    result = _verify_hashes(list(queryset))
    if rows if rows is not None else chains is None:
        result.mismatches = check_all_rows(result.events, read_files=read_files)
    if checkpoint:
        from provenance.services.checkpoints import check_against_checkpoint

        check_against_checkpoint(result, all_chains=chains is None)
    result.ok = (
        result.failed_event is None and not result.mismatches and not result.checkpoint_problems
    )
    return result


def check_all_rows(events, read_files=True):
    """Every row beside the chain against the newest state the events sealed."""
    lots_sealed, tests_sealed, areas_sealed = sealed.sealed_states(events)
    links = EventLot.objects.values_list("event_id", "lot__code", "role")
    return [
        *sealed.check_links(events, links),
        *sealed.check_lots(Lot.objects.order_by("pk"), LotInput.objects.all(), lots_sealed),
        *sealed.check_lab_tests(
            LabTest.objects.order_by("pk").prefetch_related("results"),
            tests_sealed,
            read_files=read_files,
        ),
        *sealed.check_areas(GrowingArea.objects.order_by("pk"), areas_sealed),
    ]


def verify_lineage(lineage, events):
    """What a trace page shows, checked: the chains of ``events`` (hashes, checkpoint)
    and the rows the page renders (the lineage's lots, inputs, lab tests and results,
    areas, and the events' links to lots) against what was sealed. A few queries,
    whatever the chain's length. None when there are no events."""
    if not events:
        return None
    result = verify_chains({e.chain for e in events}, rows=False)
    lots_sealed, tests_sealed, areas_sealed = sealed.sealed_states(result.events)
    links = EventLot.objects.filter(event_id__in=[e.pk for e in events]).values_list(
        "event_id", "lot__code", "role"
    )
    result.mismatches = [
        *sealed.check_links(events, links),
        *sealed.check_lots(lineage.lots.values(), lineage.edges, lots_sealed),
        *sealed.check_lab_tests(lineage.lab_tests, tests_sealed),
        *sealed.check_areas(lineage.areas, areas_sealed),
    ]
    result.ok = result.ok and not result.mismatches
    return result


def correct_event(event, *, reason, changes, user=None):
    """A correction is a new event pointing at the one it corrects."""
    cooperative = Partner.objects.get(pk=int(event.chain.split("-", 1)[1]))
    return append_event(
        cooperative=cooperative,
        event_type=Type.OBJECT,
        action="OBSERVE",
        biz_step=event.biz_step,
        step="correction",
        where=event.content.get("where"),
        growing_area=event.growing_area,
        objects=[(link.lot, None, None) for link in event.lots.select_related("lot")],
        details={"reason": reason, "changes": changes},
        user=user,
        corrects=event,
    )
