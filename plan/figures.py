"""Where the district stands against the plan, computed from the records (read only).

``compute_report(year, commune)`` reads provenance, the shop's orders, tourism and
events in a fixed number of queries (however many records there are) and returns
sections of figures and tables. Every figure's definition (what it counts and what it
leaves out) is in ``DEFINITIONS``; a value of ``None`` means *no data*, shown as such
and never counted as zero.

The rules the issue names (Decidim's accountability traps):

- a district share is the share of the district's hectares (sum of coded hectares over
  sum of hectares), never the average of the communes' shares;
- a commune, month or year without records has no value, not 0;
- an area that is suspended or recalled is not coded; an area is one row however often
  its code changed, so it is counted once;
- dates and months are those of the site's time zone (``settings.TIME_ZONE``,
  Asia/Ho_Chi_Minh): an order placed at 23:30 on 31 December in Lai Châu is that year's;
- weights say what they weigh: harvests are kilograms of fresh root, processed output
  kilograms dried.
"""

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from plan.models import PlanTarget
from provenance.models import (
    AreaStatus,
    Cooperative,
    GrowingArea,
    GrowingAreaStatusChange,
    Lot,
    ScanRecord,
    SeedSource,
    SuspectPackReport,
    UnknownCodeTally,
)
from shop.order.statuses import CANCELLED, SOLD_STATUSES

Line = get_model("order", "Line")

#: The communes the plan names (II.2.1, second indent); others on record are added.
PLAN_COMMUNES = (
    "Sì Lở Lầu",
    "Mồ Sì San",
    "Vàng Ma Chải",
    "Tung Qua Lìn",
    "Dào San",
    "Bản Lang",
    "Sin Suối Hồ",
    "Lản Nhì Thàng",
)
DOMESTIC_COUNTRY = "VN"
HUNDRED = Decimal(100)


def site_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def year_bounds(year):
    """The first instant of ``year`` and of the next, in the site's time zone."""
    zone = site_zone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def current_year():
    return timezone.localtime(timezone.now(), site_zone()).year


# --------------------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Definition:
    label: str
    unit: str  # ha, percent, t_fresh, kg_fresh, kg_dried, vnd, count, people
    method: str
    target_key: str = ""


DEFINITIONS = {
    "area_ha": Definition(
        _("Growing area on record"),
        "ha",
        _(
            "Sum of the hectares of every growing area on record, whatever its status. Each "
            "area is one record, counted once however often its code changed. The records do "
            "not say when an area was first coded: a past year counts every area on record."
        ),
        "area_ha",
    ),
    "coded_ha": Definition(
        _("Area with an active growing-area code"),
        "ha",
        _(
            "Hectares of growing areas whose code is active at the end of the year (today "
            "for the current year), read from each area's status history. Suspended and "
            "recalled areas are not counted."
        ),
    ),
    "coded_share": Definition(
        _("Share of the area with an active code"),
        "percent",
        _(
            "Hectares with an active code divided by all hectares on record, for the "
            "district or the commune as a whole (not an average of the communes' shares). "
            "A commune with no area on record has no share."
        ),
        "coded_share",
    ),
    "gi_share": Definition(
        _("Share of the area under the geographical indication"),
        "percent",
        _(
            "Hectares of active areas with a geographical-indication authorisation, divided "
            "by all hectares on record."
        ),
        "gi_share",
    ),
    "gacp_share": Definition(
        _("Share of the area with GACP-WHO"),
        "percent",
        _(
            "Hectares of active areas whose GACP-WHO certificate is valid at the end of the "
            "year (today for the current year), divided by all hectares on record."
        ),
        "gacp_share",
    ),
    "harvest_t": Definition(
        _("Harvested (fresh root)"),
        "t_fresh",
        _(
            "Sum of the weights of the harvests recorded with a harvest date in the year "
            "(a calendar date in Vietnam time), in tonnes of fresh root. Processed and "
            "dried weights are not added to it. No harvest recorded: no value. The plan's "
            "5 tonnes does not say fresh or dried; harvests are weighed fresh, so it is read "
            "as fresh weight."
        ),
        "harvest_t",
    ),
    "harvest_ha": Definition(
        _("Area harvested"),
        "ha",
        _(
            "Sum of the hectares recorded with the year's harvests. Harvests recorded "
            "without their hectares are left out (and counted beside), not taken as 0 ha."
        ),
        "harvest_ha",
    ),
    "dried_kg": Definition(
        _("Processed output (dried)"),
        "kg_dried",
        _(
            "Kilograms of dried or sliced-and-dried lots made in the year from the "
            "district's harvests; not added to the fresh harvest."
        ),
    ),
    "seed_qualified": Definition(
        _("Recognised seed gardens and nurseries"),
        "count",
        _(
            "Gene-collection gardens, foundation seed gardens and seedling nurseries with a "
            "recognition decision and its date on record. Sources without one are listed "
            "but not counted."
        ),
        "seed_qualified",
    ),
    "cooperatives": Definition(
        _("Cooperatives and companies on record"),
        "count",
        _("Cooperatives, companies and households with their legal details on record."),
    ),
    "cooperatives_selling": Definition(
        _("Cooperatives selling"),
        "count",
        _(
            "Cooperatives with at least one order line sold in the year (paid, cash on "
            "delivery under way, shipped or delivered; cancelled lines left out)."
        ),
    ),
    "sales_vnd": Definition(
        _("Sales"),
        "vnd",
        _(
            "Price paid (tax included) of the order lines sold in the year, by the month "
            "the order was placed in Vietnam time. Domestic: delivered in Vietnam; "
            "foreign: delivered abroad; orders without a delivery address are shown apart."
        ),
    ),
    "visits_booked": Definition(
        _("Farm visits booked"),
        "count",
        _(
            "Confirmed bookings of farm visits taking place in the year, by the month of "
            "the visit; bookings awaiting payment, cancelled or expired are left out."
        ),
    ),
    "visitors": Definition(
        _("Visitors booked"),
        "people",
        _("Adults and children of the confirmed bookings counted above."),
    ),
    "training_sessions": Definition(
        _("Training sessions held"),
        "count",
        _("Training sessions for growers starting in the year and not cancelled."),
    ),
    "growers_trained": Definition(
        _("Growers trained"),
        "people",
        _(
            "People recorded as present at one of those sessions, each counted once in the "
            "year however many sessions they attended (by cooperative and name)."
        ),
    ),
    "suspicious_scans": Definition(
        _("Suspicious scans"),
        "count",
        _(
            "Scans of our serial codes that were not plainly genuine (unknown serial, lot "
            "withdrawn, lot never released, scanned on many devices)."
        ),
    ),
    "recalls": Definition(
        _("Growing areas recalled"),
        "count",
        _(
            "Times a growing area's code was recalled in the year (from its status "
            "history); suspensions are counted beside."
        ),
    ),
}

#: The figures the public page shows (always the current year, the whole district).
PUBLIC_KEYS = (
    "coded_ha",
    "coded_share",
    "harvest_t",
    "cooperatives_selling",
    "recalls",
)

UNIT_LABELS = {
    "ha": _("ha"),
    "percent": "%",
    "t_fresh": _("t fresh root"),
    "kg_fresh": _("kg fresh root"),
    "kg_dried": _("kg dried"),
    "vnd": "₫",
    "count": "",
    "people": _("people"),
}


# --------------------------------------------------------------------------- structure


@dataclass
class Figure:
    key: str
    value: object  # Decimal, int or None (no data)
    link: str = ""
    note: str = ""
    target: PlanTarget | None = None

    @property
    def definition(self):
        return DEFINITIONS[self.key]

    @property
    def label(self):
        return self.definition.label

    @property
    def unit(self):
        return self.definition.unit

    @property
    def method(self):
        return self.definition.method

    @property
    def progress(self):
        """Per cent of the target reached, when both are known."""
        if self.value is None or self.target is None or not self.target.value:
            return None
        return (Decimal(self.value) * HUNDRED / self.target.value).quantize(Decimal("0.1"))


@dataclass
class Column:
    key: str
    label: str
    unit: str


@dataclass
class Row:
    key: str
    label: str
    values: list
    link: str = ""
    is_total: bool = False

    def cells(self, columns):
        return [
            {"column": column, "value": value}
            for column, value in zip(columns, self.values, strict=True)
        ]


@dataclass
class Table:
    key: str
    title: str
    method: str
    columns: list
    rows: list = field(default_factory=list)
    chart: dict | None = None  # {"categories", "series": [(label, column key)], "unit"}


@dataclass
class Section:
    key: str
    title: str
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)


@dataclass
class Report:
    year: int
    commune: str
    computed_at: datetime.datetime
    sections: list
    communes: list
    years: list

    def figure(self, key):
        for section in self.sections:
            for figure in section.figures:
                if figure.key == key:
                    return figure
        raise KeyError(key)

    def table(self, key):
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        raise KeyError(key)


# --------------------------------------------------------------------------- helpers


def _share(part, whole):
    """Per cent with one decimal; no whole, no share (``None``), never 0."""
    if whole is None or not whole:
        return None
    return (Decimal(part or 0) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"))


def _ha(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _kg(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.001"))


def admin_url(name, **params):
    url = reverse(f"admin:{name}")
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def dashboard_url(name, *args, **params):
    try:
        url = reverse(f"dashboard:{name}", args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params)}" if params else url


def _month_key(moment):
    local = timezone.localtime(moment, site_zone()) if moment is not None else None
    return local.month if local is not None else None


# --------------------------------------------------------------------------- areas


def area_status_at(areas, cutoff):
    """Each area's status at ``cutoff``: the ``from_status`` of its first change after
    the cutoff, else its current status (one query)."""
    status = {area["pk"]: area["status"] for area in areas}
    seen = set()
    later = (
        GrowingAreaStatusChange.objects.filter(changed_at__gte=cutoff, area_id__in=list(status))
        .order_by("changed_at", "pk")
        .values_list("area_id", "from_status")
    )
    for area_id, from_status in later:
        if area_id not in seen:
            seen.add(area_id)
            status[area_id] = from_status
    return status


def _areas_section(year, commune, now):
    start, end = year_bounds(year)
    cutoff = min(end, now)
    on_day = timezone.localtime(cutoff, site_zone()).date()
    if cutoff == end:
        on_day = datetime.date(year, 12, 31)
    areas = GrowingArea.objects.all()
    if commune:
        areas = areas.filter(commune=commune)
    areas = list(
        areas.values(
            "pk",
            "commune",
            "hectares",
            "status",
            "gi_authorisation",
            "gacp_certificate_number",
            "gacp_valid_from",
            "gacp_valid_until",
        )
    )
    status = (
        area_status_at(areas, cutoff) if cutoff < now else {a["pk"]: a["status"] for a in areas}
    )
    blank = {
        "count": 0,
        "ha": Decimal(0),
        "coded": Decimal(0),
        "gi": Decimal(0),
        "gacp": Decimal(0),
    }
    by_commune = defaultdict(lambda: dict(blank))
    for area in areas:
        active = status[area["pk"]] == AreaStatus.ACTIVE
        gacp = bool(
            area["gacp_certificate_number"]
            and area["gacp_valid_from"]
            and area["gacp_valid_until"]
            and area["gacp_valid_from"] <= on_day <= area["gacp_valid_until"]
        )
        row = by_commune[area["commune"]]
        row["count"] += 1
        row["ha"] += area["hectares"]
        if active:
            row["coded"] += area["hectares"]
            if area["gi_authorisation"]:
                row["gi"] += area["hectares"]
            if gacp:
                row["gacp"] += area["hectares"]
    communes = (
        [commune] if commune else list(PLAN_COMMUNES) + sorted(set(by_commune) - set(PLAN_COMMUNES))
    )
    columns = [
        Column("areas", _("Areas"), "count"),
        Column("ha", _("Hectares on record"), "ha"),
        Column("coded_ha", _("Hectares with an active code"), "ha"),
        Column("uncoded_ha", _("Hectares without an active code"), "ha"),
        Column("coded_share", _("Share coded"), "percent"),
        Column("gi_share", _("Share under the GI"), "percent"),
        Column("gacp_share", _("Share with GACP-WHO"), "percent"),
    ]
    table = Table(
        "areas_by_commune",
        _("Growing areas by commune"),
        DEFINITIONS["coded_share"].method,
        columns,
        chart={
            "series": [(_("with an active code"), "coded_ha"), (_("not coded"), "uncoded_ha")],
            "unit": "ha",
        },
    )
    totals = dict(blank)
    for name in communes:
        data = by_commune.get(name)
        link = admin_url("provenance_growingarea_changelist", commune=name)
        if data is None:
            # No area on record in this commune: no data, not 0 ha or 0 %.
            table.rows.append(Row(name, name, [None] * len(columns), link))
            continue
        for k in totals:
            totals[k] += data[k]
        table.rows.append(
            Row(
                name,
                name,
                [
                    data["count"],
                    _ha(data["ha"]),
                    _ha(data["coded"]),
                    _ha(data["ha"] - data["coded"]),
                    _share(data["coded"], data["ha"]),
                    _share(data["gi"], data["ha"]),
                    _share(data["gacp"], data["ha"]),
                ],
                link,
            )
        )
    has_areas = totals["count"] > 0
    table.rows.append(
        Row(
            "total",
            commune or _("District"),
            [
                totals["count"],
                _ha(totals["ha"]) if has_areas else None,
                _ha(totals["coded"]) if has_areas else None,
                _ha(totals["ha"] - totals["coded"]) if has_areas else None,
                _share(totals["coded"], totals["ha"]),
                _share(totals["gi"], totals["ha"]),
                _share(totals["gacp"], totals["ha"]),
            ],
            admin_url("provenance_growingarea_changelist", commune=commune),
            is_total=True,
        )
    )
    link_all = admin_url("provenance_growingarea_changelist", commune=commune)
    link_active = admin_url(
        "provenance_growingarea_changelist", commune=commune, status__exact=AreaStatus.ACTIVE
    )
    section = Section(
        "areas",
        _("Growing areas, codes, GI and GACP-WHO"),
        figures=[
            Figure("area_ha", _ha(totals["ha"]) if has_areas else None, link_all),
            Figure("coded_ha", _ha(totals["coded"]) if has_areas else None, link_active),
            Figure("coded_share", _share(totals["coded"], totals["ha"]), link_active),
            Figure("gi_share", _share(totals["gi"], totals["ha"]), link_active),
            Figure("gacp_share", _share(totals["gacp"], totals["ha"]), link_active),
        ],
        tables=[table],
    )
    return section


# --------------------------------------------------------------------------- harvests


def _harvest_section(year, commune):
    harvests = Lot.objects.filter(kind=Lot.Kind.HARVEST, unit=Lot.Unit.KG)
    dried = Lot.objects.filter(
        kind=Lot.Kind.PROCESSED,
        unit=Lot.Unit.KG,
        process__in=[Lot.Process.DRIED, Lot.Process.SLICED],
    )
    area_ids = None
    if commune:
        harvests = harvests.filter(growing_area__commune=commune)
        area_ids = list(GrowingArea.objects.filter(commune=commune).values_list("pk", flat=True))
        dried = dried.filter(cooperative__cooperative__commune=commune)
    by_year = {
        row["produced_on__year"]: row
        for row in harvests.values("produced_on__year")
        .annotate(
            n=Count("pk"),
            kg=Sum("quantity"),
            ha=Sum("area_ha"),
            without_ha=Count("pk", filter=Q(area_ha__isnull=True)),
        )
        .order_by()
    }
    dried_by_year = {
        row["produced_on__year"]: row["kg"]
        for row in dried.values("produced_on__year").annotate(kg=Sum("quantity")).order_by()
    }
    years = sorted(set(by_year) | set(dried_by_year) | {year})
    columns = [
        Column("harvests", _("Harvests"), "count"),
        Column("t_fresh", _("Harvested"), "t_fresh"),
        Column("ha", _("Hectares harvested"), "ha"),
        Column("without_ha", _("Harvests without hectares"), "count"),
        Column("kg_dried", _("Processed output"), "kg_dried"),
    ]
    table = Table(
        "harvest_by_year",
        _("Harvest by year"),
        DEFINITIONS["harvest_t"].method + " " + DEFINITIONS["harvest_ha"].method,
        columns,
        chart={"series": [(_("tonnes of fresh root"), "t_fresh")], "unit": "t_fresh"},
    )
    for y in years:
        data = by_year.get(y)
        link = admin_url(
            "provenance_lot_changelist",
            kind__exact=Lot.Kind.HARVEST,
            produced_on__gte=f"{y}-01-01",
            produced_on__lt=f"{y + 1}-01-01",
            growing_area__id__in=",".join(map(str, area_ids)) if area_ids else None,
        )
        table.rows.append(
            Row(
                str(y),
                str(y),
                [
                    data["n"] if data else None,
                    _kg(data["kg"] / 1000) if data else None,
                    _ha(data["ha"]) if data and data["ha"] is not None else None,
                    data["without_ha"] if data else None,
                    _kg(dried_by_year[y]) if y in dried_by_year else None,
                ],
                link,
            )
        )
    this = by_year.get(year)
    link = table.rows[years.index(year)].link
    section = Section(
        "harvest",
        _("Harvests and processed output"),
        figures=[
            Figure("harvest_t", _kg(this["kg"] / 1000) if this else None, link),
            Figure(
                "harvest_ha",
                _ha(this["ha"]) if this and this["ha"] is not None else None,
                link,
                note=(
                    _("%(n)s harvests recorded without hectares are left out.")
                    % {"n": this["without_ha"]}
                    if this and this["without_ha"]
                    else ""
                ),
            ),
            Figure(
                "dried_kg",
                _kg(dried_by_year[year]) if year in dried_by_year else None,
                admin_url(
                    "provenance_lot_changelist",
                    kind__exact=Lot.Kind.PROCESSED,
                    produced_on__gte=f"{year}-01-01",
                    produced_on__lt=f"{year + 1}-01-01",
                ),
            ),
        ],
        tables=[table],
    )
    return section


# --------------------------------------------------------------------------- seed sources


def _seed_section(commune):
    sources = SeedSource.objects.all()
    if commune:
        sources = sources.filter(commune=commune)
    counts = defaultdict(lambda: [0, 0])
    for kind, recognition, recognised_on in sources.values_list(
        "kind", "recognition", "recognised_on"
    ):
        counts[kind][0 if (recognition and recognised_on) else 1] += 1
    columns = [
        Column("recognised", _("Recognised"), "count"),
        Column("not_recognised", _("Not yet recognised"), "count"),
    ]
    table = Table(
        "seed_sources",
        _("Seed sources and nurseries by status"),
        DEFINITIONS["seed_qualified"].method,
        columns,
    )
    for kind, label in SeedSource.Kind.choices:
        table.rows.append(
            Row(
                kind,
                label,
                list(counts[kind]),
                admin_url("provenance_seedsource_changelist", kind__exact=kind, commune=commune),
            )
        )
    recognised = sum(pair[0] for pair in counts.values())
    return Section(
        "seed",
        _("Seed sources"),
        figures=[
            Figure(
                "seed_qualified",
                recognised,
                admin_url("provenance_seedsource_changelist", commune=commune),
            )
        ],
        tables=[table],
    )


# --------------------------------------------------------------------------- sales


def _sold_lines(year, commune):
    start, end = year_bounds(year)
    lines = Line.objects.filter(
        order__status__in=SOLD_STATUSES,
        order__date_placed__gte=start,
        order__date_placed__lt=end,
    ).exclude(status=CANCELLED)
    if commune:
        lines = lines.filter(partner__cooperative__commune=commune)
    return lines


def _destination(country):
    if country is None:
        return "unknown"
    return "domestic" if country == DOMESTIC_COUNTRY else "foreign"


def _sales_section(year, commune):
    zone = site_zone()
    lines = _sold_lines(year, commune)
    by_month = defaultdict(lambda: defaultdict(Decimal))
    orders_by_month = defaultdict(set)
    by_partner = {}
    by_product = {}
    rows = lines.annotate(month=TruncMonth("order__date_placed", tzinfo=zone)).values_list(
        "month",
        "order_id",
        "order__shipping_address__country_id",
        "partner_id",
        "partner__name",
        "partner__cooperative__commune",
        "product_id",
        "title",
        "quantity",
        "line_price_incl_tax",
    )
    for (
        month,
        order_id,
        country,
        partner_id,
        partner_name,
        p_commune,
        product_id,
        title,
        qty,
        price,
    ) in rows:
        where = _destination(country)
        price = price or Decimal(0)
        by_month[month.month][where] += price
        orders_by_month[month.month].add(order_id)
        partner = by_partner.setdefault(
            partner_id,
            {
                "name": partner_name,
                "commune": p_commune or "",
                "orders": set(),
                "qty": 0,
                "domestic": Decimal(0),
                "foreign": Decimal(0),
                "unknown": Decimal(0),
            },
        )
        partner["orders"].add(order_id)
        partner["qty"] += qty
        partner[where] += price
        product = by_product.setdefault(
            product_id,
            {
                "title": title,
                "qty": 0,
                "domestic": Decimal(0),
                "foreign": Decimal(0),
                "unknown": Decimal(0),
            },
        )
        product["qty"] += qty
        product[where] += price
    # Lines keep the title they were sold under (in the buyer's language): show the
    # product's title in the page's language.
    Product = get_model("catalogue", "Product")
    for product in Product.objects.filter(pk__in=[pk for pk in by_product if pk]):
        by_product[product.pk]["title"] = product.get_title()

    money = [
        Column("domestic", _("Domestic"), "vnd"),
        Column("foreign", _("Foreign"), "vnd"),
        Column("unknown", _("No delivery address"), "vnd"),
    ]
    month_table = Table(
        "sales_by_month",
        _("Sales by month"),
        DEFINITIONS["sales_vnd"].method,
        [Column("orders", _("Orders"), "count"), *money],
        chart={"series": [(_("Domestic"), "domestic"), (_("Foreign"), "foreign")], "unit": "vnd"},
    )
    for month in range(1, 13):
        last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
        data = by_month.get(month)
        month_table.rows.append(
            Row(
                f"{year}-{month:02d}",
                f"{month:02d}/{year}",
                [
                    len(orders_by_month[month]) if data else 0,
                    *[_vnd(data[k]) if data else 0 for k in ("domestic", "foreign", "unknown")],
                ],
                dashboard_url(
                    "order-list",
                    date_from=f"{year}-{month:02d}-01",
                    date_to=last.isoformat(),
                ),
            )
        )
    partner_table = Table(
        "sales_by_cooperative",
        _("Sales by cooperative"),
        DEFINITIONS["cooperatives_selling"].method,
        [
            Column("commune", _("Commune"), "text"),
            Column("orders", _("Orders"), "count"),
            Column("units", _("Units"), "count"),
            *money,
        ],
    )
    for pk, data in sorted(by_partner.items(), key=lambda item: item[1]["name"]):
        partner_table.rows.append(
            Row(
                f"partner-{pk}",
                data["name"],
                [
                    data["commune"],
                    len(data["orders"]),
                    data["qty"],
                    *[_vnd(data[k]) for k in ("domestic", "foreign", "unknown")],
                ],
                dashboard_url("partner-manage", pk),
            )
        )
    product_table = Table(
        "sales_by_product",
        _("Sales by product"),
        DEFINITIONS["sales_vnd"].method,
        [Column("units", _("Units"), "count"), *money],
    )
    for pk, data in sorted(by_product.items(), key=lambda item: str(item[1]["title"])):
        product_table.rows.append(
            Row(
                f"product-{pk}",
                data["title"],
                [data["qty"], *[_vnd(data[k]) for k in ("domestic", "foreign", "unknown")]],
                dashboard_url("catalogue-product", pk) if pk else "",
            )
        )
    cooperatives = Cooperative.objects.all()
    if commune:
        cooperatives = cooperatives.filter(commune=commune)
    total = sum((sum(data.values(), Decimal(0)) for data in by_month.values()), Decimal(0))
    year_orders = dashboard_url("order-list", date_from=f"{year}-01-01", date_to=f"{year}-12-31")
    return Section(
        "sales",
        _("Cooperatives and sales"),
        figures=[
            Figure(
                "cooperatives",
                cooperatives.count(),
                admin_url("provenance_cooperative_changelist", commune=commune),
            ),
            Figure("cooperatives_selling", len(by_partner), dashboard_url("partner-list")),
            Figure("sales_vnd", _vnd(total), year_orders),
        ],
        tables=[month_table, partner_table, product_table],
    )


def _vnd(value):
    return int(value or 0)


# --------------------------------------------------------------------------- tourism, training


def _people_section(year, commune):
    start, end = year_bounds(year)
    zone = site_zone()
    Booking = get_model("tourism", "Booking")
    TrainingSession = get_model("events", "TrainingSession")
    TrainingRegistration = get_model("events", "TrainingRegistration")
    bookings = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, slot__starts_at__gte=start, slot__starts_at__lt=end
    )
    sessions = TrainingSession.objects.filter(
        is_cancelled=False, starts_at__gte=start, starts_at__lt=end
    )
    if commune:
        bookings = bookings.filter(slot__experience__commune=commune)
        sessions = sessions.filter(commune=commune)
    visits = {
        row["month"].month: row
        for row in bookings.annotate(month=TruncMonth("slot__starts_at", tzinfo=zone))
        .values("month")
        .annotate(n=Count("pk"), people=Sum(F("adults") + F("children")))
        .order_by()
    }
    session_months = {}
    for starts_at in sessions.values_list("starts_at", flat=True):
        month = _month_key(starts_at)
        session_months[month] = session_months.get(month, 0) + 1
    attended = TrainingRegistration.objects.filter(attended=True, session__in=sessions).values_list(
        "session__starts_at", "cooperative_id", "attendee_key"
    )
    trained_by_month = defaultdict(set)
    trained = set()
    for starts_at, cooperative_id, key in attended:
        person = (cooperative_id, key)
        trained_by_month[_month_key(starts_at)].add(person)
        trained.add(person)
    columns = [
        Column("bookings", _("Visits booked"), "count"),
        Column("visitors", _("Visitors"), "people"),
        Column("sessions", _("Training sessions"), "count"),
        Column("trained", _("Growers trained"), "people"),
    ]
    table = Table(
        "people_by_month",
        _("Farm visits and training by month"),
        " ".join(
            str(DEFINITIONS[k].method)
            for k in ("visits_booked", "visitors", "training_sessions", "growers_trained")
        )
        + " "
        + str(
            _(
                "A grower trained in two months is counted in each month, and once in the "
                "year's total."
            )
        ),
        columns,
        chart={
            "series": [(_("Visitors"), "visitors"), (_("Growers trained"), "trained")],
            "unit": "people",
        },
    )
    visit_link = dashboard_url("cooperative-visits")
    training_link = admin_url(
        "events_trainingsession_changelist",
        starts_at__gte=f"{year}-01-01",
        starts_at__lt=f"{year + 1}-01-01",
        is_cancelled__exact=0,
    )
    for month in range(1, 13):
        v = visits.get(month)
        table.rows.append(
            Row(
                f"{year}-{month:02d}",
                f"{month:02d}/{year}",
                [
                    v["n"] if v else 0,
                    v["people"] if v else 0,
                    session_months.get(month, 0),
                    len(trained_by_month.get(month, ())),
                ],
                training_link,
            )
        )
    table.rows.append(
        Row(
            "total",
            str(year),
            [
                sum(v["n"] for v in visits.values()),
                sum(v["people"] or 0 for v in visits.values()),
                sum(session_months.values()),
                len(trained),
            ],
            training_link,
            is_total=True,
        )
    )
    total = table.rows[-1].values
    return Section(
        "people",
        _("Community tourism and training"),
        figures=[
            Figure("visits_booked", total[0], visit_link),
            Figure("visitors", total[1], visit_link),
            Figure("training_sessions", total[2], training_link),
            Figure("growers_trained", total[3], training_link),
        ],
        tables=[table],
    )


# --------------------------------------------------------------------------- oversight


def _oversight_section(year, commune):
    start, end = year_bounds(year)
    zone = site_zone()
    suspicious = ScanRecord.objects.filter(scanned_at__gte=start, scanned_at__lt=end).exclude(
        result=ScanRecord.Result.GENUINE
    )
    reports = SuspectPackReport.objects.filter(created_at__gte=start, created_at__lt=end)
    changes = GrowingAreaStatusChange.objects.filter(
        changed_at__gte=start,
        changed_at__lt=end,
        to_status__in=[AreaStatus.RECALLED, AreaStatus.SUSPENDED],
    )
    unknown = UnknownCodeTally.objects.filter(day__year=year)
    if commune:
        suspicious = suspicious.filter(lot__cooperative__cooperative__commune=commune)
        reports = reports.filter(lot__cooperative__cooperative__commune=commune)
        changes = changes.filter(area__commune=commune)

    def monthly(queryset, field_name):
        return {
            row["month"].month: row["n"]
            for row in queryset.annotate(month=TruncMonth(field_name, tzinfo=zone))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        }

    scans = monthly(suspicious, "scanned_at")
    report_months = monthly(reports, "created_at")
    recalls = monthly(changes.filter(to_status=AreaStatus.RECALLED), "changed_at")
    suspensions = monthly(changes.filter(to_status=AreaStatus.SUSPENDED), "changed_at")
    unknown_months = {}
    if not commune:
        for day, hits in unknown.values_list("day", "hits"):
            unknown_months[day.month] = unknown_months.get(day.month, 0) + hits
    columns = [
        Column("suspicious_scans", _("Suspicious scans"), "count"),
        Column("unknown_codes", _("Requests for codes we never issued"), "count"),
        Column("reports", _("Suspect packs reported"), "count"),
        Column("recalls", _("Recalls"), "count"),
        Column("suspensions", _("Suspensions"), "count"),
    ]
    table = Table(
        "oversight_by_month",
        _("Suspicious scans and recalls by month"),
        " ".join(str(DEFINITIONS[k].method) for k in ("suspicious_scans", "recalls"))
        + " "
        + str(
            _(
                "Requests for codes we never issued are counted per day and code prefix; they "
                "belong to no commune, so a commune's report has no value for them."
            )
        ),
        columns,
        chart={
            "series": [(_("Suspicious scans"), "suspicious_scans"), (_("Recalls"), "recalls")],
            "unit": "count",
        },
    )
    scans_link = admin_url("provenance_scanrecord_changelist")
    for month in range(1, 13):
        table.rows.append(
            Row(
                f"{year}-{month:02d}",
                f"{month:02d}/{year}",
                [
                    scans.get(month, 0),
                    None if commune else unknown_months.get(month, 0),
                    report_months.get(month, 0),
                    recalls.get(month, 0),
                    suspensions.get(month, 0),
                ],
                scans_link,
            )
        )
    status_link = admin_url("provenance_growingarea_changelist", status__exact=AreaStatus.RECALLED)
    return Section(
        "oversight",
        _("Counterfeits and recalls"),
        figures=[
            Figure("suspicious_scans", sum(scans.values()), scans_link),
            Figure("recalls", sum(recalls.values()), status_link),
        ],
        tables=[table],
    )


# --------------------------------------------------------------------------- the report


def commune_choices():
    on_record = set(GrowingArea.objects.values_list("commune", flat=True).distinct())
    return list(PLAN_COMMUNES) + sorted(on_record - set(PLAN_COMMUNES))


def compute_report(year=None, commune=""):
    """Every figure and table for ``year`` (default: this year) and ``commune`` (default:
    the whole district)."""
    now = timezone.now()
    year = year or current_year()
    sections = [
        _areas_section(year, commune, now),
        _harvest_section(year, commune),
        _seed_section(commune),
        _sales_section(year, commune),
        _people_section(year, commune),
        _oversight_section(year, commune),
    ]
    targets = {t.key: t for t in PlanTarget.objects.all()}
    for section in sections:
        for figure in section.figures:
            key = figure.definition.target_key
            if key:
                figure.target = targets.get(key)
    this_year = current_year()
    return Report(
        year=year,
        commune=commune,
        computed_at=now,
        sections=sections,
        communes=commune_choices(),
        years=list(range(this_year, 2023, -1)),
    )
