"""Lots and their transformations: seedlings, planting, harvest, processing, packing,
release, shipping."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import format_number
from provenance import gs1
from provenance.models import (
    CompanyPrefix,
    Lot,
    LotInput,
    UnitSerial,
)
from provenance.services.areas import _check_area_active
from provenance.services.chain import Step, Type, _where_area, _where_facility, append_event
from provenance.services.sale import refresh_dependants, refresh_sellability

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


# ---------------------------------------------------------------- what a seller may certify


def _n(value):
    """A number for a message, in the current language's format (1.000,5 / 1,000.5)."""
    return format_number(value, get_language() or "vi", decimals=3)


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


def prefix_of_gtin(gtin):
    """The registered company prefix this GTIN carries (the longest), or None."""
    digits = company_digits(gtin)
    candidates = [digits[:n] for n in range(6, 13)]
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
