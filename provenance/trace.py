"""What a trace page shows, gathered in a fixed number of queries whatever the chain's
length (lot, lineage, events, chain verification, status history, scans)."""

import logging

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from provenance import geo, gs1, services
from provenance.models import (
    AreaStatus,
    CompanyPrefix,
    GrowingAreaStatusChange,
    Lot,
    ProvenanceEvent,
    UnitSerial,
)

logger = logging.getLogger(__name__)

STEP_LABELS = {
    "seedlings": gettext_lazy("Seedlings raised"),
    "planting": gettext_lazy("Planted in the growing area"),
    "harvest": gettext_lazy("Harvested"),
    "processing": gettext_lazy("Processed"),
    "lab_test": gettext_lazy("Lab tested"),
    "packing": gettext_lazy("Packed"),
    "release": gettext_lazy("Released for sale"),
    "shipping": gettext_lazy("Shipped"),
    "correction": gettext_lazy("Correction"),
    "area_status": gettext_lazy("Growing area status changed"),
}

#: How a correction's changed fields are named on the page.
FIELD_LABELS = {
    "inputs": gettext_lazy("inputs"),
    "cooperative": gettext_lazy("owner"),
    "seed_source": gettext_lazy("seed source"),
    "growing_area": gettext_lazy("growing area"),
    "produced_on": gettext_lazy("date"),
    "quantity": gettext_lazy("quantity"),
    "unit": gettext_lazy("unit"),
    "area_ha": gettext_lazy("hectares"),
    "process": gettext_lazy("process"),
    "product_form": gettext_lazy("product form"),
    "gtin": gettext_lazy("GTIN"),
    "lot_number": gettext_lazy("lot number"),
    "product": gettext_lazy("product"),
    "stockrecord": gettext_lazy("stock record"),
    "best_before": gettext_lazy("best before"),
    "released": gettext_lazy("released for sale"),
    "notes": gettext_lazy("notes"),
}


def _changes(details):
    """A correction's ``changes`` as rows to show: field label, before, after."""
    rows = []
    for name, change in sorted((details.get("changes") or {}).items()):
        if not isinstance(change, dict):
            change = {"from": None, "to": change}
        rows.append(
            {
                "field": FIELD_LABELS.get(name, name),
                "from": _shown(change.get("from")),
                "to": _shown(change.get("to")),
            }
        )
    return rows


def _shown(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return "—" if value in (None, "") else str(value)


class CodeNotFound(Exception):
    """The code is malformed or names nothing we made."""

    def __init__(self, reason, link=None):
        super().__init__(reason)
        self.reason = reason
        self.link = link


def find_lot(gtin, lot_number, serial=None):
    """Validate the code and find its lot (and serial); ``CodeNotFound`` otherwise."""
    try:
        link = gs1.make_link(gtin, lot_number, serial)
    except gs1.InvalidCode as exc:
        raise CodeNotFound("invalid") from exc
    # A lot number is unique per GTIN and owner: the code names the lot of the
    # cooperative holding the GTIN's company prefix, never another's lot under it (one
    # query: prefixes of different cooperatives never overlap).
    prefixes = services.gtin_prefix_candidates(link.gtin)
    lot = (
        Lot.objects.filter(kind=Lot.Kind.PACKED, gtin=link.gtin, lot_number=link.lot)
        .filter(
            Exists(
                CompanyPrefix.objects.filter(
                    prefix__in=prefixes, cooperative_id=OuterRef("cooperative_id")
                )
            )
            | ~Exists(CompanyPrefix.objects.filter(prefix__in=prefixes))
        )
        .select_related("product", "cooperative", "cooperative__cooperative")
        .order_by("pk")
        .first()
    )
    if lot is None:
        raise CodeNotFound("unknown_lot", link)
    unit = None
    if link.serial is not None:
        unit = UnitSerial.objects.filter(lot=lot, serial=link.serial).first()
        if unit is None:
            raise CodeNotFound("unknown_serial", link)
        unit.lot = lot
    return link, lot, unit


def build_trace(lot):
    lineage = services.load_lineage(lot, with_results=True)
    ids = list(lineage.lots)
    events = list(ProvenanceEvent.objects.for_lots(ids).order_by("event_time", "pk"))
    verification = services.verify_lineage(lineage, events)
    areas = sorted(lineage.areas, key=lambda a: a.code)
    changes = {}
    if areas:
        for change in GrowingAreaStatusChange.objects.filter(area__in=areas).order_by(
            "-changed_at"
        ):
            changes.setdefault(change.area_id, []).append(change)
    area_rows = []
    for area in areas:
        svg = None
        if area.boundary:
            try:
                svg = geo.svg_path(area.boundary)
            except geo.InvalidBoundary:
                svg = None
        area_rows.append(
            {
                "area": area,
                "map": svg,
                "changes": changes.get(area.pk, []),
                "gacp_valid": area.gacp_valid_on(),
            }
        )
    timeline = []
    for event in events:
        content = event.content
        timeline.append(
            {
                "event": event,
                "label": STEP_LABELS.get(content.get("step"), content.get("step")),
                "step": content.get("step"),
                "time": event.event_time,
                "where": content.get("where"),
                "inputs": content.get("inputs", []),
                "outputs": content.get("outputs", []),
                "objects": content.get("objects", []),
                "details": content.get("details", {}),
                "documents": content.get("documents", []),
                "recorded_by": content.get("recordedBy"),
                "corrects": event.corrects_id,
                "changes": _changes(content.get("details") or {}),
            }
        )
    seed_sources = {
        item.seed_source_id: item.seed_source
        for item in lineage.lots.values()
        if item.seed_source_id
    }
    inactive = [row for row in area_rows if row["area"].status != AreaStatus.ACTIVE]
    return {
        "lot": lot,
        "lineage": lineage,
        "areas": area_rows,
        "inactive_areas": inactive,
        "seed_sources": list(seed_sources.values()),
        "lab_tests": sorted(lineage.lab_tests, key=lambda t: t.tested_on),
        "timeline": timeline,
        "verification": verification,
        "blockers": [services.blocker_message(b) for b in (lot.sale_blockers or [])],
        "cooperative": getattr(lot.cooperative, "cooperative", None),
        "partner": lot.cooperative,
        "today": timezone.localdate(),
    }


def not_found_message(reason):
    return {
        "invalid": _("This code is not a valid product code."),
        "unknown_lot": _("No product lot with this code was ever made by us."),
        "unknown_serial": _("This serial number was never issued for this lot."),
    }.get(reason, "")
