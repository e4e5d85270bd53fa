"""A hand-built data set with known answers (the numbers are in the tests' asserts and
worked out in the comments here), and ``add_noise(n)`` to grow it for query budgets.

This year is the current year in Vietnam (THIS), last year is LAST. Two cooperatives:
A in Sì Lở Lầu, B in Mồ Sì San.

Growing areas (ha):                     status now     at the end of LAST
  A1  Sì Lở Lầu  10  GI, GACP valid     active         active
  A2  Sì Lở Lầu  30  GI, GACP valid     recalled now   active
  B1  Mồ Sì San  60  no GI, GACP expired active (code changed twice, suspended and
                                          reinstated: counted once)
  B2  Mồ Sì San  20  GI, GACP valid     suspended now  active
This year: 120 ha on record, 70 coded (A1 + B1) = 58.3 % (not the communes' average,
(25 % + 75 %) / 2 = 50 %), GI 10 ha = 8.3 %, GACP 10 ha = 8.3 %.
Last year: every area active: 120 coded (100 %), GI 60 ha (50 %), GACP 60 ha (50 %).

Harvests (kg fresh, ha):
  LAST-12-31 (A1)  300 kg, 1 ha   -> LAST
  LAST-06-01 (B1)  500 kg, no ha  -> LAST (ha not known: left out, counted beside)
  THIS-01-01 (A1)  200 kg, 1 ha   -> THIS
  dried THIS-01-05 from the first: 60 kg dried (never added to the fresh weight)

Orders (VND, line prices):
  A  Paid      LAST-12-31 23:30 VN  VN  2 x 1.000.000  -> LAST, December, domestic
  B  Shipped   THIS-01-01 00:30 VN  DE  1 x 3.000.000  -> THIS, January, foreign
                                                          (still LAST-12-31 in UTC)
  A  Pending   THIS-03-01                              -> not a sale
  B  Cancelled THIS-03-02                              -> not a sale
  A  Complete  THIS-02-10 no delivery address 500.000  -> THIS, February, unknown
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from plan.figures import current_year
from provenance import services
from provenance.models import GrowingArea, Lot, ScanRecord
from tests.factories import PartnerFactory, ProductFactory
from tests.provenance.factories import CooperativeFactory, GrowingAreaFactory, SeedSourceFactory

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

_numbers = iter(range(1, 10**7))


def local(year, month, day, hour=8, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


def country(code):
    found, _created = Country.objects.get_or_create(
        iso_3166_1_a2=code,
        defaults={
            "iso_3166_1_a3": code + "X",
            "iso_3166_1_numeric": "0",
            "name": code,
            "printable_name": code,
            "is_shipping_country": True,
        },
    )
    return found


def place_order(partner, product, *, quantity, unit_price, status, placed_at, country_code):
    n = next(_numbers)
    address = None
    if country_code:
        address = ShippingAddress.objects.create(
            first_name="Lò",
            last_name="Mai",
            line1="1 Bản",
            line4="Xã",
            country=country(country_code),
        )
    total = Decimal(quantity * unit_price)
    order = Order.objects.create(
        number=f"PLAN{n:06d}",
        site_id=1,
        currency="VND",
        total_incl_tax=total,
        total_excl_tax=total,
        shipping_incl_tax=0,
        shipping_excl_tax=0,
        shipping_address=address,
        status=status,
        guest_email="buyer@example.com",
    )
    Order.objects.filter(pk=order.pk).update(date_placed=placed_at)
    Line.objects.create(
        order=order,
        partner=partner,
        partner_name=partner.name,
        partner_sku=f"SKU{n}",
        product=product,
        title=product.title,
        quantity=quantity,
        num_allocated=quantity,
        line_price_incl_tax=total,
        line_price_excl_tax=total,
        line_price_before_discounts_incl_tax=total,
        line_price_before_discounts_excl_tax=total,
        unit_price_incl_tax=Decimal(unit_price),
        unit_price_excl_tax=Decimal(unit_price),
        status=status,
    )
    return order


def harvest(area, nursery, *, kg, ha, on):
    n = next(_numbers)
    seedlings = services.record_seedlings(
        seed_source=nursery,
        cooperative=area.cooperative,
        code=f"SD-P{n}",
        plants=1000,
        produced_on=datetime.date(2019, 1, 1),
    )
    planting = services.record_planting(
        seedlings=seedlings,
        growing_area=area,
        code=f"PL-P{n}",
        plants=1000,
        area_ha=Decimal("2"),
        planted_on=datetime.date(2019, 3, 1),
    )
    return services.record_harvest(
        planting=planting, code=f"HV-P{n}", kg=Decimal(kg), area_ha=Decimal(ha), harvested_on=on
    )


def build():
    THIS = current_year()
    LAST = THIS - 1
    partner_a = PartnerFactory(name="HTX A", code="htx-a")
    partner_b = PartnerFactory(name="HTX B", code="htx-b")
    CooperativeFactory(partner=partner_a, legal_name="HTX A", commune="Sì Lở Lầu")
    CooperativeFactory(partner=partner_b, legal_name="HTX B", commune="Mồ Sì San")
    nursery = SeedSourceFactory(cooperative=partner_a, kind="nursery")
    SeedSourceFactory(kind="gene_collection", recognition="", recognised_on=None)

    a1 = GrowingAreaFactory(cooperative=partner_a, commune="Sì Lở Lầu", hectares=Decimal("10"))
    a2 = GrowingAreaFactory(cooperative=partner_a, commune="Sì Lở Lầu", hectares=Decimal("30"))
    b1 = GrowingAreaFactory(
        cooperative=partner_b,
        commune="Mồ Sì San",
        hectares=Decimal("60"),
        gi_authorisation="",
        gacp_valid_from=datetime.date(2018, 1, 1),
        gacp_valid_until=datetime.date(2020, 12, 31),
    )
    b2 = GrowingAreaFactory(cooperative=partner_b, commune="Mồ Sì San", hectares=Decimal("20"))

    first = harvest(a1, nursery, kg=300, ha=1, on=datetime.date(LAST, 12, 31))
    harvest(a1, nursery, kg=200, ha=1, on=datetime.date(THIS, 1, 1))
    services.record_processing(
        inputs=[(first, Decimal("200"))],
        code="PR-P1",
        process="dried",
        quantity=Decimal("60"),
        processed_on=datetime.date(THIS, 1, 5),
    )
    # A harvest recorded without its hectares (an old record, outside the chain).
    Lot.objects.create(
        code="HV-OLD",
        kind=Lot.Kind.HARVEST,
        cooperative=partner_b,
        growing_area=b1,
        produced_on=datetime.date(LAST, 6, 1),
        quantity=Decimal("500"),
        unit=Lot.Unit.KG,
    )

    # B1's code changed twice, and it was suspended and reinstated: still one area.
    for code in ("VN-LCPT-8001", "VN-LCPT-8002"):
        b1.code = code
        b1.save()
    services.suspend_area(b1, reason="kiểm tra")
    services.reinstate_area(b1, reason="đạt")
    services.suspend_area(b2, reason="kiểm tra")
    services.recall_area(a2, reason="thu hồi")

    p1 = ProductFactory(title="Sâm khô 100 g")
    p2 = ProductFactory(title="Sâm tươi 1 kg")
    place_order(
        partner_a,
        p1,
        quantity=2,
        unit_price=1_000_000,
        status="Paid",
        placed_at=local(LAST, 12, 31, 23, 30),
        country_code="VN",
    )
    place_order(
        partner_b,
        p2,
        quantity=1,
        unit_price=3_000_000,
        status="Shipped",
        placed_at=local(THIS, 1, 1, 0, 30),
        country_code="DE",
    )
    place_order(
        partner_a,
        p1,
        quantity=5,
        unit_price=1_000_000,
        status="Pending payment",
        placed_at=local(THIS, 3, 1),
        country_code="VN",
    )
    place_order(
        partner_b,
        p2,
        quantity=1,
        unit_price=3_000_000,
        status="Cancelled",
        placed_at=local(THIS, 3, 2),
        country_code="VN",
    )
    place_order(
        partner_a,
        p1,
        quantity=1,
        unit_price=500_000,
        status="Complete",
        placed_at=local(THIS, 2, 10),
        country_code=None,
    )

    # Scans: one unknown serial just after midnight on 1 January (Vietnam time), one genuine.
    ScanRecord.objects.create(
        scanned_at=local(THIS, 1, 1, 0, 30),
        gtin="1",
        lot_number="L",
        serial_text="X",
        result=ScanRecord.Result.UNKNOWN_SERIAL,
    )
    ScanRecord.objects.create(
        scanned_at=local(THIS, 1, 2),
        gtin="1",
        lot_number="L",
        serial_text="Y",
        result=ScanRecord.Result.GENUINE,
    )
    return {
        "THIS": THIS,
        "LAST": LAST,
        "partners": (partner_a, partner_b),
        "areas": (a1, a2, b1, b2),
        "nursery": nursery,
        "products": (p1, p2),
    }


def add_noise(data, n):
    """``n`` more of each kind of record (in other communes and years, so the known
    answers for the data set's communes stay as they are)."""
    partner_a, partner_b = data["partners"]
    p1, _p2 = data["products"]
    for i in range(n):
        area = GrowingAreaFactory(cooperative=partner_b, commune="Dào San", hectares=Decimal("2"))
        harvest(area, data["nursery"], kg=100, ha=1, on=datetime.date(data["THIS"], 4, 1 + i % 27))
        place_order(
            partner_a,
            p1,
            quantity=1,
            unit_price=100_000,
            status="Paid",
            placed_at=local(data["THIS"], 5, 1 + i % 27),
            country_code="VN",
        )
        ScanRecord.objects.create(
            scanned_at=local(data["THIS"], 6, 1),
            gtin="1",
            lot_number="L",
            serial_text=f"N{i}",
            result=ScanRecord.Result.OVERSCANNED,
        )
    return GrowingArea.objects.count()


def now_month():
    return timezone.localtime(timezone.now(), VN).month
