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
    ProvenanceEvent,
)

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
):
    """Append one event to the cooperative's chain. ``inputs``/``outputs``/``objects``
    are ``(lot, quantity, unit)`` tuples (quantity/unit may be None)."""
    event_time = _as_datetime(event_time)
    with transaction.atomic():
        Partner.objects.select_for_update().filter(pk=cooperative.pk).first()
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
    return event


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


def verify_chains(chains=None) -> Verification:
    """Verify the named chains (all when None) with one query; the first failure wins."""
    queryset = ProvenanceEvent.objects.order_by("chain", "sequence")
    if chains is not None:
        queryset = queryset.filter(chain__in=list(chains))
    by_chain = defaultdict(list)
    for event in queryset:
        by_chain[event.chain].append(event)
    checked = 0
    for chain in sorted(by_chain):
        verdict = verify_events(by_chain[chain])
        checked += verdict.checked
        if not verdict.ok:
            failed = next(e for e in by_chain[chain] if e.pk == verdict.failed_ident)
            return Verification(False, checked, failed, verdict.reason, sorted(by_chain))
    return Verification(True, checked, chains=sorted(by_chain))


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
