"""Lots and their transformations: seedlings, planting, harvest, processing, packing,
release, shipping."""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pagecache import invalidate_pages_on_commit
from provenance import gs1
from provenance.hashing import normalise
from provenance.models import (
    CompanyPrefix,
    EventLot,
    Lot,
    LotInput,
    ProvenanceEvent,
    UnitSerial,
)
from provenance.services.areas import _check_area_active
from provenance.services.chain import (
    Partner,
    Step,
    Type,
    _where_area,
    _where_facility,
    append_event,
    lock_chains,
)
from provenance.services.sale import descendant_ids, refresh_dependants, refresh_sellability
from provenance.services.sealed import LOT_FIELDS, lot_state

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


def _n(number):
    """A quantity as people write it: ``100``, ``0.5`` (never ``1E+2``)."""
    return format(Decimal(number).normalize(), "f")


def max_yield_kg_per_ha():
    return Decimal(str(getattr(settings, "PROVENANCE_MAX_YIELD_KG_PER_HA", 400)))


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
                    "available": _n(available),
                    "unit": source.get_unit_display(),
                    "quantity": _n(quantity),
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
            % {"out": _n(Decimal(output_quantity)), "max": _n(total * ratio)}
        )
    if errors:
        raise ValidationError(errors)


def _yield_error(kg, area_ha):
    kg, area_ha = Decimal(kg), Decimal(area_ha)
    limit = max_yield_kg_per_ha() * area_ha
    if kg <= limit:
        return None
    return _(
        "A harvest of %(kg)s kg from %(ha)s ha is heavier than the planting allows "
        "(at most %(max)s kg at %(yield)s kg/ha)."
    ) % {
        "kg": _n(kg),
        "ha": _n(area_ha),
        "max": _n(limit),
        "yield": _n(max_yield_kg_per_ha()),
    }


def _area_error(area, area_ha):
    if area is None or area_ha is None or Decimal(area_ha) <= area.hectares:
        return None
    return _("Growing area %(code)s has only %(ha)s ha.") % {
        "code": area.code,
        "ha": _n(area.hectares),
    }


def check_harvest(planting, kg, area_ha):
    """The yield rule: a harvest weighs no more than its hectares allow, from no more
    hectares than were planted."""
    errors = []
    if planting.area_ha is not None and Decimal(area_ha) > planting.area_ha:
        errors.append(_("Only %(ha)s ha were planted in this lot.") % {"ha": _n(planting.area_ha)})
    message = _yield_error(kg, area_ha)
    if message:
        errors.append(message)
    if errors:
        raise ValidationError(errors)


def check_lot_fields(
    *,
    kind,
    growing_area=None,
    seed_source=None,
    quantity=None,
    area_ha=None,
    gtin="",
    lot_number="",
    product_form="",
    cooperative=None,
    **_ignored,
):
    """The rules on a lot's own fields (the admin's form and the services call this):
    raise ValidationError naming the fields."""
    errors = defaultdict(list)
    if kind == Lot.Kind.PACKED:
        for name, value in (
            ("gtin", gtin),
            ("lot_number", lot_number),
            ("product_form", product_form),
        ):
            if not value:
                errors[name].append(_("A packed lot needs this."))
        if gtin and cooperative is not None and gs1.is_valid_gtin(gtin):
            try:  # only the holder of the GTIN's company prefix packs under it
                check_gtin_owner(gtin, cooperative)
            except ValidationError as exc:
                errors["gtin"].extend(exc.messages)
    if kind in (Lot.Kind.PLANTING, Lot.Kind.HARVEST) and not growing_area:
        errors["growing_area"].append(_("Plantings and harvests happen in a growing area."))
    if kind == Lot.Kind.SEEDLING and not seed_source:
        errors["seed_source"].append(_("Seedlings come from a seed source."))
    if kind == Lot.Kind.HARVEST and quantity and area_ha:
        message = _yield_error(quantity, area_ha)
        if message:
            errors["quantity"].append(message)
    message = _area_error(growing_area, area_ha)
    if message:
        errors["area_ha"].append(message)
    if errors:
        raise ValidationError(dict(errors))


def check_new_lot_code(code):
    code = (code or "").strip()
    if Lot.objects.filter(code=code).exists():
        raise ValidationError(_("A lot with this code exists already."))
    return code


def _fields_of(lot):
    return {
        "kind": lot.kind,
        "growing_area": lot.growing_area,
        "seed_source": lot.seed_source,
        "quantity": lot.quantity,
        "area_ha": lot.area_ha,
        "gtin": lot.gtin,
        "lot_number": lot.lot_number,
        "product_form": lot.product_form,
        "cooperative": lot.cooperative if lot.cooperative_id else None,
    }


def _inputs_of(lot):
    return list(LotInput.objects.filter(lot=lot).values_list("source_id", "quantity"))


def sealed_lot_state(lot):
    """The lot as its next event seals it (fields and inputs, read from the rows)."""
    return lot_state(lot, _inputs_of(lot))


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


def refresh_lineage_downstream(lot):
    """Recompute the stored ancestry of ``lot`` and of every lot made from it, inputs
    before outputs (after an input is re-pointed)."""
    ids = descendant_ids([lot.pk])
    edges = list(LotInput.objects.filter(lot_id__in=ids).values_list("lot_id", "source_id"))
    waiting = {pk: {s for t, s in edges if t == pk and s in ids} for pk in ids}
    done = set()
    while waiting:
        ready = sorted(pk for pk, needs in waiting.items() if needs <= done) or [min(waiting)]
        for pk in ready:
            refresh_lineage(lot if pk == lot.pk else Lot(pk=pk))
            done.add(pk)
            waiting.pop(pk)


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
        state={"lots": [sealed_lot_state(lot)]},
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
            state={"lots": [sealed_lot_state(lot)]},
        )
    return lot


def record_planting(*, seedlings, growing_area, code, plants, area_ha, planted_on=None, user=None):
    _check_area_active(growing_area)
    message = _area_error(growing_area, area_ha)
    if message:
        raise ValidationError(message)
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
    net_weight_g=None,
    user=None,
):
    """Pack ``used`` (in the source's unit) of ``source`` into ``units`` packs with a GTIN
    and lot number; ``serials`` are the unit serials (AI 21). The packer must hold the
    GTIN's company prefix, the lot number must be new for the GTIN and its owner, and
    the packs may not hold more than the input (``check_mass_balance``); the net weight
    per pack is the product's ``net_weight_g`` (``net_weight_g`` only for a product
    without one)."""
    gtin = gs1.normalize_gtin(gtin) if gs1.is_valid_gtin(gtin) else None
    if gtin is None:
        raise ValidationError(_("This GTIN is not valid: wrong length or check digit."))
    if not gs1.is_valid_ai_value(lot_number):
        raise ValidationError(_("This lot number is not valid."))
    for serial in serials:
        if not gs1.is_valid_ai_value(serial):
            raise ValidationError(_("Serial “%(serial)s” is not valid.") % {"serial": serial})
    cooperative = stockrecord.partner if stockrecord else source.cooperative
    product = product or (stockrecord.product if stockrecord else None)
    if source.unit in (Lot.Unit.KG, Lot.Unit.LITRE):
        net_weight_g = pack_net_weight_g(product, net_weight_g)
    with transaction.atomic():
        check_gtin_owner(gtin, cooperative)
        if Lot.objects.filter(gtin=gtin, lot_number=lot_number, cooperative=cooperative).exists():
            raise ValidationError(_("This GTIN and lot number are already used."))
        _lock_lots([source])
        check_inputs([(source, used)])
        check_mass_balance(source, used, units, net_weight_g)
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
            product=product,
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
                "netWeightG": Decimal(net_weight_g) if net_weight_g is not None else None,
            },
            user=user,
        )
        UnitSerial.objects.bulk_create([UnitSerial(lot=lot, serial=s) for s in serials])
        refresh_sellability([lot])
    return lot


def release_lot(lot, *, user=None):
    with transaction.atomic():
        Lot.objects.filter(pk=lot.pk).update(released=True)
        invalidate_pages_on_commit()
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
            state={"lots": [sealed_lot_state(lot)]},
        )
        refresh_sellability([lot])
    return lot


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


def record_lot(lot, *, inputs=(), serials=(), user=None):
    """Save a lot typed in by staff (the admin), made from ``inputs`` (``[(source_lot,
    quantity), ...]``), with the rules the other services apply, and append its event."""
    inputs = [(source, Decimal(quantity)) for source, quantity in inputs]
    check_lot_fields(**_fields_of(lot))
    if lot.growing_area_id:
        _check_area_active(lot.growing_area)
    for source, _quantity in inputs:
        if source.growing_area_id:
            _check_area_active(source.growing_area)
    with transaction.atomic():
        lock_chains([lot.cooperative])
        _lock_lots([source for source, _quantity in inputs])
        check_inputs(
            inputs,
            output_quantity=lot.quantity if lot.unit == Lot.Unit.KG else None,
            output_unit=lot.unit,
            process=lot.process,
        )
        if lot.kind == Lot.Kind.PACKED:
            check_packed_inputs(lot, inputs)
        lot.save()
        _link_inputs(lot, inputs)
        UnitSerial.objects.bulk_create([UnitSerial(lot=lot, serial=s) for s in serials])
        step, event_type, biz_step = {
            Lot.Kind.SEEDLING: ("seedlings", Type.OBJECT, Step.COMMISSIONING),
            Lot.Kind.PLANTING: ("planting", Type.TRANSFORMATION, Step.COMMISSIONING),
            Lot.Kind.HARVEST: ("harvest", Type.TRANSFORMATION, Step.COMMISSIONING),
            Lot.Kind.PROCESSED: ("processing", Type.TRANSFORMATION, Step.TRANSFORMING),
            Lot.Kind.PACKED: ("packing", Type.TRANSFORMATION, Step.PACKING),
        }[lot.kind]
        details = {"process": lot.process} if lot.process else {}
        if serials:
            details["serials"] = list(serials)
        append_event(
            cooperative=lot.cooperative,
            event_type=event_type,
            action="ADD" if event_type == Type.OBJECT else None,
            biz_step=biz_step,
            step=step,
            event_time=lot.produced_on,
            where=_where_of(lot),
            growing_area=lot.growing_area,
            inputs=[(source, quantity, source.unit) for source, quantity in inputs],
            outputs=[(lot, None, None)] if event_type == Type.TRANSFORMATION else [],
            objects=[(lot, None, None)] if event_type == Type.OBJECT else [],
            details=details,
            user=user,
            state={"lots": [sealed_lot_state(lot)]},
        )
        refresh_dependants([lot.pk])
    return lot


def _where_of(lot):
    if lot.growing_area_id:
        return _where_area(lot.growing_area)
    if lot.seed_source_id:
        s = lot.seed_source
        return _where_facility(s.facility_code, s.name, s.commune)
    return None


#: What a correction may change (the code and kind are the lot's identity).
CORRECTABLE = tuple(name for name in LOT_FIELDS if name not in ("code", "kind")) + ("notes",)


def _shown(lot, name, inputs=None):
    """A field's value as a person reads it, for the correction's ``changes``."""
    if name == "inputs":
        codes = dict(Lot.objects.filter(pk__in=[s for s, _q in inputs]).values_list("pk", "code"))
        return [f"{codes.get(source, source)}: {_n(q)}" for source, q in inputs]
    if name in ("cooperative", "seed_source", "growing_area", "product", "stockrecord"):
        related = getattr(lot, name)
        return str(related) if related is not None else None
    return normalise(getattr(lot, name))


def correct_lot(lot, *, reason, changes=None, inputs=None, user=None):
    """Correct a chained lot: apply ``changes`` (field -> new value, fields of
    ``CORRECTABLE``) and, when ``inputs`` is given, re-point its inputs; append a
    correction event that says what changed and why and seals the new state. Stored
    ancestry and sale verdicts of the lot and everything made from it are refreshed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the correction."))
    changes = dict(changes or {})
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ValidationError(
            _("These fields cannot be corrected: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    if inputs is not None:
        inputs = [(source, Decimal(quantity)) for source, quantity in inputs]
    with transaction.atomic():
        owner_id = Lot.objects.filter(pk=lot.pk).values_list("cooperative_id", flat=True).get()
        new_owner = changes.get("cooperative")
        lock_chains([Partner(pk=owner_id), new_owner])
        _lock_lots([lot, *(source for source, _q in inputs or ())])
        current = Lot.objects.select_related("cooperative", "growing_area").get(pk=lot.pk)
        if inputs is not None:
            below = descendant_ids([current.pk])
            for source, _quantity in inputs:
                if source.pk in below:
                    raise ValidationError(
                        _("Lot %(lot)s is made from this lot; it cannot be its input.")
                        % {"lot": source.code}
                    )
        old_inputs = _inputs_of(current)
        names = [*changes, *(["inputs"] if inputs is not None else [])]
        before = {n: _shown(current, n, old_inputs) for n in names}
        sealed_before = lot_state(current, old_inputs)
        for name, value in changes.items():
            setattr(current, name, value)
        check_lot_fields(**_fields_of(current))
        if inputs is not None:
            check_inputs(
                inputs,
                output_quantity=current.quantity if current.unit == Lot.Unit.KG else None,
                output_unit=current.unit,
                process=current.process,
                exclude_lot=current,
            )
        if current.kind == Lot.Kind.PACKED and (
            inputs is not None or {"quantity", "product"} & set(changes)
        ):
            check_packed_inputs(
                current,
                inputs
                if inputs is not None
                else [
                    (link.source, link.quantity) for link in current.inputs.select_related("source")
                ],
            )
        current.save()
        if inputs is not None:
            LotInput.objects.filter(lot=current).delete()
            for source, quantity in sorted(inputs, key=lambda row: row[0].pk):
                LotInput.objects.create(lot=current, source=source, quantity=quantity)
            refresh_lineage_downstream(current)
        new_inputs = _inputs_of(current)
        after = {n: _shown(current, n, new_inputs) for n in names}
        diff = {n: {"from": before[n], "to": after[n]} for n in names if before[n] != after[n]}
        sealed_after = lot_state(current, new_inputs)
        if not diff and sealed_after == sealed_before:
            return current
        created = (
            ProvenanceEvent.objects.filter(
                lots__lot=current, lots__role__in=[EventLot.Role.OUTPUT, EventLot.Role.OBJECT]
            )
            .order_by("pk")
            .first()
        )
        append_event(
            cooperative=Partner(pk=owner_id),
            event_type=Type.OBJECT,
            action="OBSERVE",
            biz_step=created.biz_step if created else Step.INSPECTING,
            step="correction",
            where=_where_of(current),
            growing_area=current.growing_area,
            objects=[(current, None, None)],
            details={"reason": reason, "changes": diff},
            user=user,
            corrects=created,
            state={"lots": [sealed_after]},
        )
        refresh_dependants([current.pk])
    return current


# ---------------------------------------------------------------- what a seller may certify


def packing_tolerance():
    return Decimal(str(getattr(settings, "PROVENANCE_PACKING_TOLERANCE", "0.02")))


def product_net_weight_g(product):
    """The product's ``net_weight_g`` attribute (its parent's for a variant), or None."""
    while product is not None:
        value = (
            product.attribute_values.filter(attribute__code="net_weight_g")
            .values_list("value_integer", flat=True)
            .first()
        )
        if value:
            return Decimal(value)
        product = product.parent if product.parent_id else None
    return None


def pack_net_weight_g(product, stated=None):
    """The net weight of one pack: the product's own (what the buyer is told); a stated
    weight only for a product without one, and never a different one."""
    own = product_net_weight_g(product) if product is not None else None
    if stated is not None:
        stated = Decimal(stated)
        if stated <= 0:
            raise ValidationError(_("A pack's net weight must be more than 0 g."))
        if own is not None and stated != own:
            raise ValidationError(
                _("The product's net weight is %(own)s g, not %(stated)s g.")
                % {"own": _n(own), "stated": _n(stated)}
            )
    weight = own if own is not None else stated
    if weight is None:
        raise ValidationError(
            _("The product has no net weight: set it (in grams) before packing it.")
        )
    return weight


def check_mass_balance(source, used, units, net_weight_g):
    """Packs cannot hold more than went into them: ``units`` × the net weight is at most
    the weight used from ``source`` (kg; litres count as kg), plus the packaging
    tolerance; one plant or piece per pack. ``used`` is checked against what ``source``
    still holds by ``check_inputs``."""
    used, units = Decimal(used), Decimal(units)
    if units < 1 or units != units.to_integral_value():
        raise ValidationError(_("Packs are counted in whole numbers."))
    tolerance = packing_tolerance()
    if source.unit in (Lot.Unit.KG, Lot.Unit.LITRE):
        packed_kg = units * Decimal(net_weight_g) / 1000
        allowed = used * (1 + tolerance)
        if packed_kg > allowed:
            raise ValidationError(
                _(
                    "%(units)s packs of %(net)s g hold %(packed)s kg, but only %(used)s kg "
                    "of lot %(lot)s go into them (%(tolerance)s%% tolerance)."
                )
                % {
                    "units": _n(units),
                    "net": _n(net_weight_g),
                    "packed": _n(packed_kg),
                    "used": _n(used),
                    "lot": source.code,
                    "tolerance": _n(tolerance * 100),
                }
            )
    elif units > used:
        raise ValidationError(
            _("%(units)s packs cannot be made from %(used)s %(unit)s.")
            % {
                "units": _n(units),
                "used": _n(used),
                "unit": source.get_unit_display(),
            }
        )


def company_digits(gtin):
    """The digits of a GTIN-14 that start with the GS1 company prefix (its GTIN-13 form,
    without the indicator and check digits)."""
    return gs1.normalize_gtin(gtin)[1:13]


def gtin_prefix_candidates(gtin):
    """Every company prefix (6 to 12 digits) this GTIN could carry."""
    digits = company_digits(gtin)
    return [digits[:n] for n in range(6, 13)]


def prefix_of_gtin(gtin):
    """The registered company prefix this GTIN carries (the longest), or None."""
    candidates = gtin_prefix_candidates(gtin)
    found = list(CompanyPrefix.objects.filter(prefix__in=candidates).select_related("cooperative"))
    return max(found, key=lambda p: len(p.prefix)) if found else None


def check_gtin_owner(gtin, cooperative):
    """Only the cooperative holding the GTIN's company prefix may pack under it."""
    prefix = prefix_of_gtin(gtin)
    if prefix is None:
        raise ValidationError(
            _(
                "The company prefix of GTIN %(gtin)s is not registered: ask the staff to "
                "register your GS1 company prefix first."
            )
            % {"gtin": gtin}
        )
    if prefix.cooperative_id != cooperative.pk:
        raise ValidationError(
            _("GTIN %(gtin)s carries the company prefix of another cooperative.") % {"gtin": gtin}
        )
    return prefix


def check_company_prefix(prefix, cooperative, *, lock=False):
    """A prefix has 6 to 12 digits and overlaps no prefix of another cooperative."""
    if not prefix.isdigit() or not 6 <= len(prefix) <= 12:
        raise ValidationError(_("A GS1 company prefix has 6 to 12 digits."))
    existing = CompanyPrefix.objects.filter(prefix__startswith=prefix[:6]).select_related(
        "cooperative"
    )
    if lock:
        existing = existing.select_for_update()
    overlapping = [
        p
        for p in existing
        if (p.prefix.startswith(prefix) or prefix.startswith(p.prefix))
        and p.cooperative_id != cooperative.pk
    ]
    if overlapping:
        raise ValidationError(
            _("Prefix %(prefix)s overlaps %(other)s, registered to %(coop)s.")
            % {
                "prefix": prefix,
                "other": overlapping[0].prefix,
                "coop": overlapping[0].cooperative,
            }
        )


def register_company_prefix(*, prefix, cooperative, reference="", user=None):
    """Staff register a GS1 company prefix to a cooperative. A prefix may not overlap
    one registered to another cooperative. Packed lots under it are checked again."""
    prefix = (prefix or "").strip()
    with transaction.atomic():
        check_company_prefix(prefix, cooperative, lock=True)
        registered, _created = CompanyPrefix.objects.update_or_create(
            prefix=prefix,
            defaults={"cooperative": cooperative, "reference": reference, "registered_by": user},
        )
        lots = list(
            Lot.objects.filter(kind=Lot.Kind.PACKED, gtin__regex=rf"^[0-9]{prefix}")
            .select_related("cooperative")
            .order_by("pk")
        )
        refresh_sellability(lots)
    return registered


def check_packed_inputs(lot, inputs):
    """A packed lot typed in or corrected by staff: its packs hold no more than its
    inputs (``check_mass_balance`` over the inputs together)."""
    if not inputs:
        return
    by_weight = [(source, Decimal(q)) for source, q in inputs if source.unit in _BY_WEIGHT]
    rows = by_weight or [(source, Decimal(q)) for source, q in inputs]
    net = pack_net_weight_g(lot.product) if by_weight else None
    check_mass_balance(rows[0][0], sum(q for _s, q in rows), lot.quantity, net)


_BY_WEIGHT = (Lot.Unit.KG, Lot.Unit.LITRE)
