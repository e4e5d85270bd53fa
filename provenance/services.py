"""Provenance business rules as plain functions.

Every write runs inside ``transaction.atomic`` and takes its row locks first (the
cooperative's chain, then the lots, in primary-key order); side effects that leave the
database (cache, logs) run ``on_commit``. A cooperative-restricted dashboard can call
these same functions.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from provenance import gs1
from provenance.hashing import (
    GENESIS,
    ChainRecord,
    ChainVerdict,
    event_hash,
    normalise,
    verify_records,
)
from provenance.models import (
    AreaStatus,
    EventLot,
    GrowingArea,
    GrowingAreaStatusChange,
    LabResult,
    LabTest,
    Lot,
    LotInput,
    ProvenanceEvent,
    UnitSerial,
)

logger = logging.getLogger(__name__)
Partner = get_model("partner", "Partner")

Step = ProvenanceEvent.Step
Type = ProvenanceEvent.Type

# Output may weigh at most this share of the input weight, by process (None: no limit,
# because honey, wine or water is added).
MAX_OUTPUT_RATIO = {
    "": Decimal("1"),
    "washed": Decimal("1"),
    "dried": Decimal("1"),
    "sliced": Decimal("1"),
    "honey": None,
    "wine": None,
    "tea": None,
}


def max_yield_kg_per_ha():
    return Decimal(str(getattr(settings, "PROVENANCE_MAX_YIELD_KG_PER_HA", 400)))


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


# ------------------------------------------------------------------ the chain


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


# ------------------------------------------------------------------ lots


def _used(lot, exclude_lot=None):
    uses = lot.uses.all()
    if exclude_lot is not None:
        uses = uses.exclude(lot=exclude_lot)
    return sum((u.quantity for u in uses), Decimal("0"))


def remaining(lot) -> Decimal:
    return lot.quantity - _used(lot)


def check_inputs(inputs, output_quantity=None, output_unit=None, process="", exclude_lot=None):
    """Raise ValidationError when an input is over-used or the output is heavier than
    its inputs allow."""
    errors = []
    total = Decimal("0")
    for source, quantity in inputs:
        quantity = Decimal(quantity)
        available = source.quantity - _used(source, exclude_lot)
        if quantity > available:
            errors.append(
                _("Lot %(lot)s has only %(available)s %(unit)s left; %(quantity)s asked.")
                % {
                    "lot": source.code,
                    "available": available.normalize(),
                    "unit": source.get_unit_display(),
                    "quantity": quantity.normalize(),
                }
            )
        if source.unit == Lot.Unit.KG:
            total += quantity
    ratio = MAX_OUTPUT_RATIO.get(process or "", Decimal("1"))
    if (
        output_quantity is not None
        and output_unit == Lot.Unit.KG
        and ratio is not None
        and total
        and Decimal(output_quantity) > total * ratio
    ):
        errors.append(
            _("The output (%(out)s kg) is heavier than its inputs allow (%(max)s kg).")
            % {"out": Decimal(output_quantity).normalize(), "max": (total * ratio).normalize()}
        )
    if errors:
        raise ValidationError(errors)


def check_harvest(planting, kg, area_ha):
    errors = []
    kg, area_ha = Decimal(kg), Decimal(area_ha)
    if planting.area_ha is not None and area_ha > planting.area_ha:
        errors.append(
            _("Only %(ha)s ha were planted in this lot.") % {"ha": planting.area_ha.normalize()}
        )
    limit = max_yield_kg_per_ha() * area_ha
    if kg > limit:
        errors.append(
            _(
                "A harvest of %(kg)s kg from %(ha)s ha is heavier than the planting allows "
                "(at most %(max)s kg at %(yield)s kg/ha)."
            )
            % {
                "kg": kg.normalize(),
                "ha": area_ha.normalize(),
                "max": limit.normalize(),
                "yield": max_yield_kg_per_ha().normalize(),
            }
        )
    if errors:
        raise ValidationError(errors)


def _check_area_active(area):
    # Read the status afresh: the caller's copy may predate a recall.
    area.status = GrowingArea.objects.filter(pk=area.pk).values_list("status", flat=True).get()
    if area.status != AreaStatus.ACTIVE:
        raise ValidationError(
            _("Growing area %(code)s is %(status)s: nothing can be recorded from it.")
            % {"code": area.code, "status": area.get_status_display().lower()}
        )


def _link_inputs(lot, inputs):
    for source, quantity in sorted(inputs, key=lambda row: row[0].pk):
        LotInput.objects.create(lot=lot, source=source, quantity=Decimal(quantity))
    refresh_lineage(lot)


def refresh_lineage(lot):
    ids = set()
    for link in LotInput.objects.filter(lot=lot).select_related("source"):
        ids.add(link.source_id)
        ids.update(link.source.ancestor_ids or [])
    lot.ancestor_ids = sorted(ids)
    Lot.objects.filter(pk=lot.pk).update(ancestor_ids=lot.ancestor_ids)


def _lock_lots(lots):
    """Row-lock the given lots, in pk order (the same order everywhere: no deadlock)."""
    list(
        Lot.objects.select_for_update()
        .filter(pk__in=sorted({lot.pk for lot in lots}))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _save_transformation(lot, inputs, *, biz_step, step, where, details, user, growing_area=None):
    """Save ``lot`` as made from ``inputs`` (``[(source_lot, quantity), ...]``, in each
    source's unit), link the inputs and append the TransformationEvent. Runs inside the
    caller's transaction, after it has locked and checked the inputs."""
    lot.save()
    _link_inputs(lot, inputs)
    append_event(
        cooperative=lot.cooperative,
        event_type=Type.TRANSFORMATION,
        biz_step=biz_step,
        step=step,
        event_time=lot.produced_on,
        where=where,
        growing_area=growing_area,
        inputs=[(source, Decimal(quantity), source.unit) for source, quantity in inputs],
        outputs=[(lot, None, None)],
        details=details,
        user=user,
    )
    return lot


def record_seedlings(*, seed_source, cooperative, code, plants, produced_on=None, user=None):
    with transaction.atomic():
        lot = Lot.objects.create(
            code=code,
            kind=Lot.Kind.SEEDLING,
            cooperative=cooperative,
            seed_source=seed_source,
            produced_on=produced_on or timezone.localdate(),
            quantity=Decimal(plants),
            unit=Lot.Unit.PLANT,
        )
        append_event(
            cooperative=cooperative,
            event_type=Type.OBJECT,
            action="ADD",
            biz_step=Step.COMMISSIONING,
            step="seedlings",
            event_time=lot.produced_on,
            where=_where_facility(seed_source.facility_code, seed_source.name, seed_source.commune),
            objects=[(lot, None, None)],
            details={
                "seedSource": seed_source.facility_code,
                "recognition": seed_source.recognition,
            },
            user=user,
        )
    return lot


def record_planting(*, seedlings, growing_area, code, plants, area_ha, planted_on=None, user=None):
    _check_area_active(growing_area)
    if Decimal(area_ha) > growing_area.hectares:
        raise ValidationError(
            _("Growing area %(code)s has only %(ha)s ha.")
            % {"code": growing_area.code, "ha": growing_area.hectares.normalize()}
        )
    with transaction.atomic():
        _lock_lots([seedlings])
        check_inputs([(seedlings, plants)])
        lot = Lot(
            code=code,
            kind=Lot.Kind.PLANTING,
            cooperative=growing_area.cooperative,
            growing_area=growing_area,
            produced_on=planted_on or timezone.localdate(),
            quantity=Decimal(plants),
            unit=Lot.Unit.PLANT,
            area_ha=Decimal(area_ha),
        )
        _save_transformation(
            lot,
            [(seedlings, plants)],
            biz_step=Step.COMMISSIONING,
            step="planting",
            where=_where_area(growing_area),
            growing_area=growing_area,
            details={"areaHa": area_ha},
            user=user,
        )
    return lot


def record_harvest(*, planting, code, kg, area_ha, harvested_on=None, user=None):
    area = planting.growing_area
    _check_area_active(area)
    check_harvest(planting, kg, area_ha)
    with transaction.atomic():
        _lock_lots([planting])
        plants = planting.quantity * Decimal(area_ha) / (planting.area_ha or Decimal(area_ha))
        plants = min(plants.quantize(Decimal("1")), remaining(planting))
        if plants <= 0:
            raise ValidationError(_("Everything in this planting has been harvested already."))
        lot = Lot(
            code=code,
            kind=Lot.Kind.HARVEST,
            cooperative=planting.cooperative,
            growing_area=area,
            produced_on=harvested_on or timezone.localdate(),
            quantity=Decimal(kg),
            unit=Lot.Unit.KG,
            area_ha=Decimal(area_ha),
        )
        _save_transformation(
            lot,
            [(planting, plants)],
            biz_step=Step.COMMISSIONING,
            step="harvest",
            where=_where_area(area),
            growing_area=area,
            details={"areaHa": area_ha},
            user=user,
        )
    return lot


def record_processing(
    *,
    inputs,
    code,
    process,
    quantity,
    unit=Lot.Unit.KG,
    processed_on=None,
    facility_code="",
    cooperative=None,
    user=None,
):
    """``inputs``: ``[(harvest_lot, kg_used), ...]``."""
    if not inputs:
        raise ValidationError(_("Processing needs at least one input lot."))
    for source, _quantity in inputs:
        if source.growing_area_id:
            _check_area_active(source.growing_area)
    cooperative = cooperative or inputs[0][0].cooperative
    with transaction.atomic():
        _lock_lots([source for source, _quantity in inputs])
        check_inputs(inputs, quantity, unit, process)
        lot = Lot(
            code=code,
            kind=Lot.Kind.PROCESSED,
            cooperative=cooperative,
            produced_on=processed_on or timezone.localdate(),
            quantity=Decimal(quantity),
            unit=unit,
            process=process,
        )
        facility = facility_code or getattr(
            getattr(cooperative, "cooperative", None), "facility_code", ""
        )
        _save_transformation(
            lot,
            inputs,
            biz_step=Step.TRANSFORMING,
            step="processing",
            where=_where_facility(facility or cooperative.code, cooperative.name),
            details={"process": process},
            user=user,
        )
    return lot


def pack_lot(
    *,
    source,
    used,
    code,
    units,
    gtin,
    lot_number,
    product=None,
    stockrecord=None,
    best_before=None,
    product_form=Lot.Form.PROCESSED,
    serials=(),
    packed_on=None,
    release=True,
    user=None,
):
    """Pack ``used`` (in the source's unit) of ``source`` into ``units`` packs with a GTIN
    and lot number; ``serials`` are the unit serials (AI 21)."""
    gtin = gs1.normalize_gtin(gtin) if gs1.is_valid_gtin(gtin) else None
    if gtin is None:
        raise ValidationError(_("This GTIN is not valid: wrong length or check digit."))
    if not gs1.is_valid_ai_value(lot_number):
        raise ValidationError(_("This lot number is not valid."))
    if Lot.objects.filter(gtin=gtin, lot_number=lot_number).exists():
        raise ValidationError(_("This GTIN and lot number are already used."))
    for serial in serials:
        if not gs1.is_valid_ai_value(serial):
            raise ValidationError(_("Serial “%(serial)s” is not valid.") % {"serial": serial})
    with transaction.atomic():
        _lock_lots([source])
        check_inputs([(source, used)])
        cooperative = stockrecord.partner if stockrecord else source.cooperative
        lot = Lot(
            code=code,
            kind=Lot.Kind.PACKED,
            cooperative=cooperative,
            produced_on=packed_on or timezone.localdate(),
            quantity=Decimal(units),
            unit=Lot.Unit.PIECE,
            product_form=product_form,
            gtin=gtin,
            lot_number=lot_number,
            product=product or (stockrecord.product if stockrecord else None),
            stockrecord=stockrecord,
            best_before=best_before,
            released=release,
        )
        _save_transformation(
            lot,
            [(source, used)],
            biz_step=Step.PACKING,
            step="packing",
            where=_where_facility(
                getattr(getattr(cooperative, "cooperative", None), "facility_code", "")
                or cooperative.code,
                cooperative.name,
            ),
            details={
                "bestBefore": best_before.isoformat() if best_before else None,
                "serials": list(serials),
                "released": release,
            },
            user=user,
        )
        UnitSerial.objects.bulk_create([UnitSerial(lot=lot, serial=s) for s in serials])
        refresh_sellability([lot])
    return lot


def release_lot(lot, *, user=None):
    with transaction.atomic():
        Lot.objects.filter(pk=lot.pk).update(released=True)
        lot.released = True
        append_event(
            cooperative=lot.cooperative,
            event_type=Type.OBJECT,
            action="OBSERVE",
            biz_step=Step.INSPECTING,
            step="release",
            event_time=timezone.now(),
            objects=[(lot, None, None)],
            disposition="sellable_accessible",
            user=user,
        )
        refresh_sellability([lot])
    return lot


def record_lab_test(
    *, lot, lab, certificate_number, sampled_on, tested_on, results, certificate=None, user=None
):
    """``results``: dicts with category, analyte, value, unit, limit, limit_kind."""
    with transaction.atomic():
        test = LabTest(
            lab=lab,
            lot=lot,
            certificate_number=certificate_number,
            sampled_on=sampled_on,
            tested_on=tested_on,
        )
        if certificate is not None:
            test.certificate = certificate
        test.save()
        for row in results:
            LabResult.objects.create(test=test, **row)
        register_lab_test(test, user=user)
    return test


def register_lab_test(test, *, user=None):
    """After a lab test and its results are saved (by a service or the admin): work out
    pass/fail, append the inspecting event and refresh what depends on the lot."""
    with transaction.atomic():
        results = list(test.results.all())
        test.passed = bool(results) and all(r.passed for r in results)
        LabTest.objects.filter(pk=test.pk).update(passed=test.passed)
        append_event(
            cooperative=test.lot.cooperative,
            event_type=Type.OBJECT,
            action="OBSERVE",
            biz_step=Step.INSPECTING,
            step="lab_test",
            event_time=test.tested_on,
            where=_where_facility(
                test.lab.accreditation_number or f"lab-{test.lab_id}", test.lab.name
            ),
            objects=[(test.lot, None, None)],
            disposition="conformant" if test.passed else "non_conformant",
            documents=[
                {"kind": "lab_certificate", "number": test.certificate_number, "lab": test.lab.name}
            ],
            details={
                "passed": test.passed,
                "results": [
                    {
                        "analyte": r.analyte,
                        "value": r.value,
                        "unit": r.unit,
                        "limit": r.limit,
                        "limitKind": r.limit_kind,
                        "passed": r.passed,
                    }
                    for r in results
                ],
            },
            user=user,
        )
        refresh_dependants([test.lot_id])
    return test


def record_shipment(lot, *, destination, shipped_on=None, user=None):
    return append_event(
        cooperative=lot.cooperative,
        event_type=Type.OBJECT,
        action="OBSERVE",
        biz_step=Step.SHIPPING,
        step="shipping",
        event_time=shipped_on,
        objects=[(lot, None, None)],
        details={"destination": destination},
        user=user,
    )


def record_lot_from_admin(lot, *, user=None):
    """A lot typed in through the admin: refresh its lineage and record its event."""
    refresh_lineage(lot)
    links = list(lot.inputs.select_related("source"))
    step, event_type, biz_step, where = {
        Lot.Kind.SEEDLING: ("seedlings", Type.OBJECT, Step.COMMISSIONING, None),
        Lot.Kind.PLANTING: ("planting", Type.TRANSFORMATION, Step.COMMISSIONING, None),
        Lot.Kind.HARVEST: ("harvest", Type.TRANSFORMATION, Step.COMMISSIONING, None),
        Lot.Kind.PROCESSED: ("processing", Type.TRANSFORMATION, Step.TRANSFORMING, None),
        Lot.Kind.PACKED: ("packing", Type.TRANSFORMATION, Step.PACKING, None),
    }[lot.kind]
    if lot.growing_area_id:
        where = _where_area(lot.growing_area)
    elif lot.seed_source_id:
        s = lot.seed_source
        where = _where_facility(s.facility_code, s.name, s.commune)
    append_event(
        cooperative=lot.cooperative,
        event_type=event_type,
        action="ADD" if event_type == Type.OBJECT else None,
        biz_step=biz_step,
        step=step,
        event_time=lot.produced_on,
        where=where,
        growing_area=lot.growing_area,
        inputs=[(link.source, link.quantity, link.source.unit) for link in links],
        outputs=[(lot, None, None)] if event_type == Type.TRANSFORMATION else [],
        objects=[(lot, None, None)] if event_type == Type.OBJECT else [],
        details={"process": lot.process} if lot.process else {},
        user=user,
    )
    refresh_dependants([lot.pk])


# ------------------------------------------------------------------ growing areas


def change_area_status(area, status, *, reason, user=None):
    """Suspend, recall or reinstate a growing area; its lots leave (or return to) sale
    in the same transaction."""
    if status not in AreaStatus.values:
        raise ValidationError(_("Unknown status."))
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the status change."))
    with transaction.atomic():
        given, area = area, GrowingArea.objects.select_for_update().get(pk=area.pk)
        if area.status == status:
            return area
        now = timezone.now()
        GrowingAreaStatusChange.objects.create(
            area=area,
            from_status=area.status,
            to_status=status,
            reason=reason,
            changed_at=now,
            changed_by=user if getattr(user, "is_authenticated", False) else None,
        )
        area.status, area.status_changed_at, area.status_reason = status, now, reason
        area.save(update_fields=["status", "status_changed_at", "status_reason"])
        given.status, given.status_changed_at, given.status_reason = status, now, reason
        lot_ids = list(area.lots.values_list("pk", flat=True))
        refresh_dependants(lot_ids)
        transaction.on_commit(
            lambda: logger.warning("growing area %s is now %s: %s", area.code, status, reason)
        )
    return area


def suspend_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.SUSPENDED, reason=reason, user=user)


def recall_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.RECALLED, reason=reason, user=user)


def reinstate_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.ACTIVE, reason=reason, user=user)


def affected_packed_lots(area):
    lot_ids = list(area.lots.values_list("pk", flat=True))
    return Lot.objects.filter(pk__in=descendant_ids(lot_ids), kind=Lot.Kind.PACKED)


def buyers_of_area(area):
    """Order lines for the stock records of every packed lot from this area."""
    Line = get_model("order", "Line")
    stockrecord_ids = [
        pk for pk in affected_packed_lots(area).values_list("stockrecord_id", flat=True) if pk
    ]
    return (
        Line.objects.filter(stockrecord_id__in=stockrecord_ids)
        .select_related("order", "order__user", "order__shipping_address", "product")
        .order_by("-order__date_placed")
    )


# ------------------------------------------------------------------ sellability


def descendant_ids(lot_ids):
    """Every lot made, directly or not, from these lots (the lots included)."""
    seen = set(lot_ids)
    frontier = set(lot_ids)
    while frontier:
        frontier = (
            set(LotInput.objects.filter(source_id__in=frontier).values_list("lot_id", flat=True))
            - seen
        )
        seen |= frontier
    return seen


def refresh_dependants(lot_ids):
    """Recompute sellability of every packed lot made from these lots."""
    lots = list(
        Lot.objects.filter(pk__in=descendant_ids(lot_ids), kind=Lot.Kind.PACKED).order_by("pk")
    )
    refresh_sellability(lots)


@dataclass
class Lineage:
    lot: Lot
    lots: dict
    edges: list
    lab_tests: list

    @property
    def areas(self):
        found = {}
        for lot in self.lots.values():
            if lot.growing_area_id:
                found[lot.growing_area_id] = lot.growing_area
        return list(found.values())


def load_lineage(lot, with_edges=True, with_results=False):
    """The lot with all its ancestors, their links and lab tests (and their results):
    two to four queries whatever the length of the chain."""
    ids = [lot.pk, *(lot.ancestor_ids or [])]
    lots = {
        item.pk: item
        for item in Lot.objects.filter(pk__in=ids).select_related(
            "growing_area", "seed_source", "cooperative", "cooperative__cooperative"
        )
    }
    lots[lot.pk] = lots.get(lot.pk, lot)
    edges = list(LotInput.objects.filter(lot_id__in=ids)) if with_edges else []
    tests = LabTest.objects.filter(lot_id__in=ids).select_related("lab")
    tests = list(tests.prefetch_related("results") if with_results else tests)
    return Lineage(lots[lot.pk], lots, edges, tests)


def compute_blockers(lot, lineage=None):
    """Why this packed lot may not be sold (empty when its chain is complete)."""
    if lot.kind != Lot.Kind.PACKED:
        return [{"code": "not_packed"}]
    lineage = lineage or load_lineage(lot)
    blockers = []
    if not lot.released:
        blockers.append({"code": "not_released"})
    kinds = {item.kind for item in lineage.lots.values()}
    for area in sorted(lineage.areas, key=lambda a: a.code):
        if area.status != AreaStatus.ACTIVE:
            blockers.append({"code": f"area_{area.status}", "area": area.code})
    if lot.product_form in (Lot.Form.FRESH, Lot.Form.PROCESSED, ""):
        if Lot.Kind.HARVEST not in kinds:
            blockers.append({"code": "no_harvest"})
        elif not lineage.areas:
            blockers.append({"code": "no_area"})
    if lot.product_form == Lot.Form.PROCESSED and Lot.Kind.PROCESSED not in kinds:
        blockers.append({"code": "no_processing"})
    if lot.product_form == Lot.Form.SEEDLINGS and not any(
        item.seed_source_id for item in lineage.lots.values()
    ):
        blockers.append({"code": "no_seed_source"})
    failed = [t for t in lineage.lab_tests if not t.passed]
    if failed:
        blockers.append({"code": "lab_failed", "certificate": failed[0].certificate_number})
    elif not lineage.lab_tests:
        blockers.append({"code": "no_lab_test"})
    return blockers


def summarise(lineage):
    """What a product page shows of a packed lot's provenance, kept on the lot."""
    harvests = [x.produced_on for x in lineage.lots.values() if x.kind == Lot.Kind.HARVEST]
    tests = sorted(lineage.lab_tests, key=lambda t: (t.tested_on, t.pk))
    return normalise(
        {
            "areas": [
                {
                    "code": a.code,
                    "name": a.name,
                    "commune": a.commune,
                    "land_type": a.land_type,
                    "status": a.status,
                }
                for a in sorted(lineage.areas, key=lambda a: a.code)
            ],
            "harvested_on": max(harvests) if harvests else None,
            "lab_test": {
                "lab": tests[-1].lab.name,
                "certificate": tests[-1].certificate_number,
                "passed": tests[-1].passed,
            }
            if tests
            else None,
        }
    )


def refresh_sellability(lots):
    now = timezone.now()
    for lot in lots:
        lineage = load_lineage(lot, with_edges=False)
        blockers = compute_blockers(lot, lineage)
        summary = summarise(lineage)
        lot.sale_blockers, lot.is_sellable, lot.checked_at = blockers, not blockers, now
        lot.summary = summary
        Lot.objects.filter(pk=lot.pk).update(
            sale_blockers=blockers, is_sellable=not blockers, checked_at=now, summary=summary
        )


def current_lot(stockrecord):
    """The packed lot now on sale for a stock record: its newest (uses a prefetch of
    ``provenance_lots`` when there is one)."""
    lots = list(stockrecord.provenance_lots.all())
    packed = [lot for lot in lots if lot.kind == Lot.Kind.PACKED]
    return max(packed, key=lambda lot: lot.pk) if packed else None


_UNSET = object()


def sale_blockers(stockrecord, today=None, lot=_UNSET):
    """Why a stock record may not be sold now; ``lot`` when the caller has it already."""
    if lot is _UNSET:
        lot = current_lot(stockrecord)
    if lot is None:
        return [{"code": "no_lot"}]
    blockers = list(lot.sale_blockers or [])
    if not lot.is_sellable and not blockers:
        blockers.append({"code": "unchecked"})
    today = today or timezone.localdate()
    if lot.best_before and lot.best_before < today:
        blockers.append({"code": "expired", "date": lot.best_before.isoformat()})
    return blockers


def blocker_message(blocker):
    code = blocker.get("code")
    messages = {
        "no_lot": _("no traceable lot is linked to this stock"),
        "not_packed": _("this lot is not a packed product lot"),
        "not_released": _("the lot has not been released for sale"),
        "area_suspended": _("growing area %(area)s is suspended"),
        "area_recalled": _("growing area %(area)s has been recalled"),
        "no_harvest": _("no harvest is recorded for this lot"),
        "no_area": _("no coded growing area is recorded for this lot"),
        "no_processing": _("no processing step is recorded for this lot"),
        "no_seed_source": _("no recognised seed source is recorded for these seedlings"),
        "lab_failed": _("lab test %(certificate)s failed"),
        "no_lab_test": _("no passing lab test is recorded"),
        "expired": _("the lot is past its best-before date"),
        "unchecked": _("the lot's chain has not been checked yet"),
    }
    template = messages.get(code, _("the lot's traceability is incomplete"))
    try:
        return template % blocker
    except (KeyError, TypeError, ValueError):
        return template
