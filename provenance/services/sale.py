"""What may be sold: a packed lot's lineage, its sale blockers and the cached verdict."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pagecache import invalidate_pages_on_commit
from provenance.hashing import (
    normalise,
)
from provenance.models import (
    AreaStatus,
    LabTest,
    Lot,
    LotInput,
)


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
    failed = [t for t in lineage.lab_tests if t.status == "failed"]
    awaiting = [t for t in lineage.lab_tests if t.status == "awaiting_review"]
    if failed:
        blockers.append({"code": "lab_failed", "certificate": failed[0].certificate_number})
    elif awaiting:
        blockers.append(
            {"code": "lab_awaiting_review", "certificate": awaiting[0].certificate_number}
        )
    elif not lineage.lab_tests:
        blockers.append({"code": "no_lab_test"})
    if lot.gtin:
        blockers.extend(gtin_blockers(lot))
    return blockers


def gtin_blockers(lot):
    """A packed lot is sold under its GTIN only by the holder of the GTIN's company prefix."""
    from provenance.services.lots import prefix_of_gtin

    prefix = prefix_of_gtin(lot.gtin)
    if prefix is None:
        return [{"code": "gtin_unregistered", "gtin": lot.gtin}]
    if prefix.cooperative_id != lot.cooperative_id:
        return [{"code": "gtin_not_owned", "gtin": lot.gtin}]
    return []


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
                "status": tests[-1].status,
            }
            if tests
            else None,
        }
    )


def refresh_sellability(lots, unsealed_ids=frozenset()):
    """Recompute and store each packed lot's sale verdict. ``unsealed_ids``: lots whose
    rows differ from what their events sealed (``refresh_provenance`` finds them): a lot
    made from one of them is withheld."""
    now = timezone.now()
    for lot in lots:
        lineage = load_lineage(lot, with_edges=False)
        blockers = compute_blockers(lot, lineage)
        tainted = sorted(item.code for pk, item in lineage.lots.items() if pk in unsealed_ids)
        if tainted:
            blockers.append({"code": "seal_mismatch", "lots": ", ".join(tainted)})
        summary = summarise(lineage)
        lot.sale_blockers, lot.is_sellable, lot.checked_at = blockers, not blockers, now
        lot.summary = summary
        Lot.objects.filter(pk=lot.pk).update(
            sale_blockers=blockers, is_sellable=not blockers, checked_at=now, summary=summary
        )
        invalidate_pages_on_commit()  # cached pages show what is for sale


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
        "lab_awaiting_review": _("lab test %(certificate)s is awaiting review"),
        "gtin_unregistered": _("the company prefix of GTIN %(gtin)s is not registered"),
        "gtin_not_owned": _("GTIN %(gtin)s belongs to another cooperative"),
        "expired": _("the lot is past its best-before date"),
        "unchecked": _("the lot's chain has not been checked yet"),
        "seal_mismatch": _("the records of lots %(lots)s differ from what their events sealed"),
    }
    template = messages.get(code, _("the lot's traceability is incomplete"))
    try:
        return template % blocker
    except (KeyError, TypeError, ValueError):
        return template
