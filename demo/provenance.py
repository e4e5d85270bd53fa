"""Demo provenance: cooperatives' legal details, seed sources, a growing area in each of
the eight communes, and a full chain (seedlings -> planting -> harvest -> processing ->
lab test -> packed lot with serials) for every demo product.

Deliberately broken cases for staff: an older lot of SLC-DR-003 from a recalled area,
a never-released lot of SLC-FR-001, and a counterfeit pattern in the scan log (one
serial scanned many times, unknown serials). Every step looks before it creates.
"""

import datetime
import hashlib
import math
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_noop
from oscar.core.loading import get_model

from demo import content
from provenance import gs1, services
from provenance.models import (
    AreaStatus,
    CompanyPrefix,
    Cooperative,
    GrowingArea,
    Lab,
    LabLimit,
    Lot,
    ScanRecord,
    SeedSource,
    UnitSerial,
    UnknownCodeTally,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

DEMO = " (dữ liệu mẫu)"
# Analytes are stored as the lab writes them; the ones the demo uses have a translation
# (the trace page shows ``{% trans result.analyte %}``).
ANALYTES = {
    "saponins": gettext_noop("Total saponins"),
    "survival": gettext_noop("Survival rate"),
}

# commune -> (owner cooperative code, latitude, longitude, hectares, land type, altitude)
AREAS = [
    ("VN-LCPT-0001", "Sì Lở Lầu", "htx-si-lo-lau", 22.640, 103.270, "6.50", "forest_canopy", 1900),
    ("VN-LCPT-0002", "Mồ Sì San", "htx-mo-si-san", 22.605, 103.315, "4.20", "forest_canopy", 1750),
    (
        "VN-LCPT-0003",
        "Vàng Ma Chải",
        "htx-vang-ma-chai",
        22.690,
        103.205,
        "3.80",
        "forest_canopy",
        2050,
    ),
    (
        "VN-LCPT-0004",
        "Tung Qua Lìn",
        "cty-sam-tung-qua-lin",
        22.665,
        103.380,
        "5.00",
        "open_land",
        1650,
    ),
    (
        "VN-LCPT-0005",
        "Dào San",
        "cty-sam-tung-qua-lin",
        22.560,
        103.420,
        "2.40",
        "forest_canopy",
        1600,
    ),
    ("VN-LCPT-0006", "Bản Lang", "htx-si-lo-lau", 22.480, 103.330, "1.80", "open_land", 1550),
    (
        "VN-LCPT-0007",
        "Sin Suối Hồ",
        "htx-sin-suoi-ho",
        22.400,
        103.250,
        "7.20",
        "forest_canopy",
        1800,
    ),
    (
        "VN-LCPT-0008",
        "Lản Nhì Thàng",
        "htx-sin-suoi-ho",
        22.430,
        103.360,
        "3.10",
        "forest_canopy",
        1700,
    ),
]
RECALLED_AREA = (
    "VN-LCPT-0009",
    "Dào San",
    "cty-sam-tung-qua-lin",
    22.545,
    103.445,
    "1.20",
    "open_land",
    1500,
)

SEED_SOURCES = [
    (
        "LC-GEN-001",
        "Vườn sưu tập nguồn gen Sì Lở Lầu",
        "gene_collection",
        "Sì Lở Lầu",
        "htx-si-lo-lau",
    ),
    ("LC-VG-001", "Vườn giống gốc Mồ Sì San", "foundation", "Mồ Sì San", "htx-mo-si-san"),
    (
        "LC-CG-001",
        "Cơ sở sản xuất cây giống Sin Suối Hồ",
        "nursery",
        "Sin Suối Hồ",
        "htx-sin-suoi-ho",
    ),
    (
        "LC-CG-002",
        "Cơ sở sản xuất cây giống Vàng Ma Chải",
        "nursery",
        "Vàng Ma Chải",
        "htx-vang-ma-chai",
    ),
]

LABS = [
    ("Trung tâm Kiểm nghiệm Dược phẩm Lai Châu" + DEMO, "glp", "GLP-LC-01"),
    ("Phòng thí nghiệm Phân tích Dược liệu Hà Nội" + DEMO, "both", "VILAS 999"),
]

# class slug -> (process, packed form, kg of fresh root per kg of product, output unit)
CLASS_CHAIN = {
    "fresh-root": ("", Lot.Form.FRESH, Decimal("1"), Lot.Unit.KG),
    "dried-root": ("sliced", Lot.Form.PROCESSED, Decimal("4"), Lot.Unit.KG),
    "honey-soaked": ("honey", Lot.Form.PROCESSED, Decimal("0.3"), Lot.Unit.KG),
    "ginseng-wine": ("wine", Lot.Form.PROCESSED, Decimal("0.1"), Lot.Unit.LITRE),
    "ginseng-tea": ("tea", Lot.Form.PROCESSED, Decimal("3"), Lot.Unit.KG),
    "seedlings": ("", Lot.Form.SEEDLINGS, Decimal("0"), Lot.Unit.PLANT),
}
CLASS_LOT_PREFIX = {
    "fresh-root": "FR",
    "dried-root": "DR",
    "honey-soaked": "HS",
    "ginseng-wine": "GW",
    "ginseng-tea": "TE",
    "seedlings": "SD",
}


def boundary(lat, lon, hectares, seed):
    """An irregular, closed polygon of roughly ``hectares`` around a point."""
    radius = math.sqrt(float(hectares) * 10_000 / math.pi) / 111_000  # degrees
    points = []
    for i in range(9):
        angle = 2 * math.pi * i / 9
        wobble = 0.75 + 0.5 * ((seed * 7 + i * 13) % 10) / 10
        points.append(
            [
                round(lon + radius * wobble * math.cos(angle) / math.cos(math.radians(lat)), 6),
                round(lat + radius * wobble * math.sin(angle), 6),
            ]
        )
    points.append(points[0])
    return {"type": "Polygon", "coordinates": [points]}


def demo_prefix(coop_code):
    """Each cooperative's own GS1 company prefix (sample numbers: 893 600 1..5)."""
    codes = [spec["code"] for spec in content.COOPERATIVES]
    return f"893600{codes.index(coop_code) + 1}"


def demo_gtin(index, coop_code=None):
    """A GTIN under the company prefix of the cooperative that sells product ``index``."""
    if coop_code is None:
        coop_code = content.PRODUCTS[index - 1][2]
    return gs1.with_check_digit(f"{demo_prefix(coop_code)}{index:05d}").zfill(14)


def demo_certificate(number):
    """A stand-in certificate file (a one-page PDF) for a demo lab test."""
    from django.core.files.base import ContentFile

    body = f"%PDF-1.4\n% Phieu ket qua thu nghiem {number} (du lieu mau / sample)\n%%EOF\n"
    return ContentFile(body.encode(), name=f"{number}.pdf")


def demo_serials(upc, count):
    return [
        hashlib.sha256(f"{upc}-{i}".encode()).hexdigest()[:10].upper() for i in range(1, count + 1)
    ]


def lab_results(kind):
    if kind == "seedlings":
        return [
            {
                "category": "microbial",
                "analyte": "Phytophthora spp.",
                "value": Decimal("0"),
                "unit": "CFU/g",
                "limit": Decimal("0"),
                "limit_kind": "max",
            },
            {
                "category": "other",
                "analyte": ANALYTES["survival"],
                "value": Decimal("96"),
                "unit": "%",
                "limit": Decimal("85"),
                "limit_kind": "min",
            },
        ]
    return [
        {
            "category": "active",
            "analyte": "Majonoside R2",
            "value": Decimal("5.8"),
            "unit": "%",
            "limit": Decimal("3.0"),
            "limit_kind": "min",
        },
        {
            "category": "active",
            "analyte": ANALYTES["saponins"],
            "value": Decimal("12.4"),
            "unit": "%",
            "limit": Decimal("8.0"),
            "limit_kind": "min",
        },
        {
            "category": "heavy_metal",
            "analyte": "Pb",
            "value": Decimal("0.31"),
            "unit": "mg/kg",
            "limit": Decimal("10"),
            "limit_kind": "max",
        },
        {
            "category": "heavy_metal",
            "analyte": "Cd",
            "value": Decimal("0.05"),
            "unit": "mg/kg",
            "limit": Decimal("0.3"),
            "limit_kind": "max",
        },
        {
            "category": "heavy_metal",
            "analyte": "As",
            "value": Decimal("0.12"),
            "unit": "mg/kg",
            "limit": Decimal("2"),
            "limit_kind": "max",
        },
        {
            "category": "pesticide",
            "analyte": "Chlorpyrifos",
            "value": Decimal("0"),
            "unit": "mg/kg",
            "limit": Decimal("0.05"),
            "limit_kind": "max",
        },
        {
            "category": "pesticide",
            "analyte": "Cypermethrin",
            "value": Decimal("0.01"),
            "unit": "mg/kg",
            "limit": Decimal("0.1"),
            "limit_kind": "max",
        },
    ]


class ProvenanceDemo:
    def __init__(self, loader):
        self.loader = loader
        self.partners = {
            p.code: p
            for p in Partner.objects.filter(code__in=[c["code"] for c in content.COOPERATIVES])
        }

    def note(self, message):
        self.loader.note(message)

    def run(self):
        self.ensure_cooperatives()
        self.ensure_seed_sources()
        self.ensure_labs()
        self.ensure_areas()
        self.ensure_field_lots()
        self.ensure_broken_cases()
        for index, row in enumerate(content.PRODUCTS, start=1):
            self.ensure_product_chain(index, row)
        self.ensure_scans()

    # -------------------------------------------------------------- reference data
    def ensure_cooperatives(self):
        for i, spec in enumerate(content.COOPERATIVES, start=1):
            partner = self.partners[spec["code"]]
            if not CompanyPrefix.objects.filter(prefix=demo_prefix(spec["code"])).exists():
                services.register_company_prefix(
                    prefix=demo_prefix(spec["code"]),
                    cooperative=partner,
                    reference=f"GS1 Việt Nam – mẫu {i}",
                )
            if not Cooperative.objects.filter(partner=partner).exists():
                Cooperative.objects.create(
                    partner=partner,
                    legal_name=spec["name"] + DEMO,
                    kind=spec["kind"],
                    tax_code=f"62001{i:05d}",
                    commune=spec["commune"],
                    address=f"Xã {spec['commune']}, tỉnh Lai Châu",
                    contact_name="Ban quản trị",
                    contact_phone=f"0213 388 {i:04d}",
                    contact_email=f"{spec['code']}@samlaichau.example",
                    facility_code=f"LC-CSCB-{i:03d}",
                )
                self.note(f"cooperative details {spec['code']}")

    def ensure_seed_sources(self):
        self.seed_sources = {}
        for code, name, kind, commune, owner in SEED_SOURCES:
            source, made = SeedSource.objects.get_or_create(
                facility_code=code,
                defaults={
                    "name": name,
                    "kind": kind,
                    "commune": commune,
                    "cooperative": self.partners[owner],
                    "recognition": f"Quyết định công nhận số {100 + len(self.seed_sources)}/QĐ-SNNMT (mẫu)",
                    "recognised_on": datetime.date(2024, 6, 1),
                },
            )
            if made:
                self.note(f"seed source {code}")
            self.seed_sources[owner] = source

    def ensure_labs(self):
        self.labs = []
        limits = lab_results("seedlings") + lab_results("root")
        for name, accreditation, number in LABS:
            lab, made = Lab.objects.get_or_create(
                name=name, defaults={"accreditation": accreditation, "accreditation_number": number}
            )
            if made:
                self.note(f"lab {number}")
            # the lab's own limits, kept by staff (results are judged against these)
            for row in limits:
                LabLimit.objects.get_or_create(
                    lab=lab,
                    analyte=row["analyte"],
                    defaults={
                        "category": row["category"],
                        "unit": row["unit"],
                        "limit": row["limit"],
                        "limit_kind": row["limit_kind"],
                        "basis": "QCVN / Dược điển Việt Nam V (mẫu)",
                    },
                )
            self.labs.append(lab)

    def ensure_areas(self):
        self.areas = {}
        for i, (code, commune, owner, lat, lon, ha, land, alt) in enumerate(
            [*AREAS, RECALLED_AREA], start=1
        ):
            area, made = GrowingArea.objects.get_or_create(
                code=code,
                defaults={
                    "name": f"Vùng trồng sâm {commune}"
                    + (" 2" if code == RECALLED_AREA[0] else ""),
                    "commune": commune,
                    "cooperative": self.partners[owner],
                    "hectares": Decimal(ha),
                    "land_type": land,
                    "altitude_m": alt,
                    "boundary": boundary(lat, lon, ha, i),
                    "gacp_certificate_number": f"GACP-WHO/VDL-2024-{i:03d}",
                    "gacp_issuer": "Viện Dược liệu" + DEMO,
                    "gacp_valid_from": datetime.date(2024, 7, 1),
                    "gacp_valid_until": datetime.date(2029, 6, 30),
                    "gi_authorisation": f"Chỉ dẫn địa lý “Sâm Lai Châu”, GCN số 00{130 + i} (mẫu)",
                    "gi_authorised_on": datetime.date(2024, 5, 20),
                },
            )
            if made:
                self.note(f"growing area {code}")
            self.areas[code] = area

    def seed_source_for(self, owner):
        return self.seed_sources.get(owner) or self.seed_sources["htx-mo-si-san"]

    # -------------------------------------------------------------- field lots
    def ensure_field_lots(self):
        """Seedlings -> planting (2019) -> harvest (2025) in every growing area."""
        self.harvests = {}
        for code, _commune, owner, *_rest in AREAS:
            self.harvests[code] = self.field_chain(code, owner, harvest_kg=Decimal("320"))

    def field_chain(self, area_code, owner, harvest_kg, harvested_on=datetime.date(2025, 9, 10)):
        area = self.areas[area_code]
        suffix = area_code[-4:]
        harvest = Lot.objects.filter(code=f"HV-{suffix}-2025").first()
        if harvest is not None:
            return harvest
        partner = self.partners[owner]
        seedlings = Lot.objects.filter(
            code=f"SD-{suffix}-2019"
        ).first() or services.record_seedlings(
            seed_source=self.seed_source_for(owner),
            cooperative=partner,
            code=f"SD-{suffix}-2019",
            plants=4000,
            produced_on=datetime.date(2019, 2, 15),
        )
        planting = Lot.objects.filter(code=f"PL-{suffix}-2019").first() or services.record_planting(
            seedlings=seedlings,
            growing_area=area,
            code=f"PL-{suffix}-2019",
            plants=3500,
            area_ha=min(area.hectares, Decimal("1.20")),
            planted_on=datetime.date(2019, 4, 10),
        )
        harvest = services.record_harvest(
            planting=planting,
            code=f"HV-{suffix}-2025",
            kg=harvest_kg,
            area_ha=planting.area_ha,
            harvested_on=harvested_on,
        )
        self.note(f"field lots in {area_code}")
        return harvest

    def area_for(self, owner, index):
        codes = [code for code, _c, o, *_r in AREAS if o == owner]
        return codes[index % len(codes)]

    # -------------------------------------------------------------- products
    def ensure_product_chain(self, index, row):
        upc, class_slug, coop, _vi, _en, grams, _age, _grade, _price, stock, _prio = row
        code = f"PK-{upc}"
        if Lot.objects.filter(code=code).exists():
            return
        product = Product.objects.filter(upc=upc).prefetch_related("stockrecords").first()
        if product is None:
            return
        stockrecord = product.stockrecords.all()[0]
        process, form, root_factor, unit = CLASS_CHAIN[class_slug]
        lab = self.labs[index % len(self.labs)]
        units = max(stock, 1)
        if class_slug == "seedlings":
            source = services.record_seedlings(
                seed_source=self.seed_source_for(coop),
                cooperative=self.partners[coop],
                code=f"SD-{upc}",
                plants=units + 20,
                produced_on=datetime.date(2025, 8, 1),
            )
            used = Decimal(units)
        else:
            harvest = self.harvests[self.area_for(coop, index)]
            product_kg = Decimal(grams) * units / 1000
            if class_slug == "fresh-root":
                source, used = harvest, product_kg
            else:
                root_kg = max((product_kg * root_factor).quantize(Decimal("0.001")), Decimal("0.5"))
                quantity = product_kg if unit == Lot.Unit.KG else product_kg  # litres ~ kg
                if process in ("sliced", "dried"):
                    quantity = min(quantity, root_kg)
                source = services.record_processing(
                    inputs=[(harvest, root_kg)],
                    code=f"PR-{upc}",
                    process=process,
                    quantity=quantity,
                    unit=unit,
                    processed_on=datetime.date(2025, 10, 5),
                )
                used = quantity
        services.record_lab_test(
            lot=source,
            lab=lab,
            certificate_number=f"PKN-{upc}-2025",
            certificate=demo_certificate(f"PKN-{upc}-2025"),
            sampled_on=datetime.date(2025, 10, 8),
            tested_on=datetime.date(2025, 10, 15),
            results=lab_results("seedlings" if class_slug == "seedlings" else "root"),
        )
        lot_number = f"25{CLASS_LOT_PREFIX[class_slug]}{index:03d}"
        best_before = (
            datetime.date(2025, 12, 31)
            if class_slug == "fresh-root"
            else datetime.date(2028, 10, 31)
        )
        if class_slug in ("fresh-root", "seedlings"):
            best_before = timezone.localdate() + datetime.timedelta(days=365)
        services.pack_lot(
            source=source,
            used=used,
            code=code,
            units=units,
            gtin=demo_gtin(index),
            lot_number=lot_number,
            stockrecord=stockrecord,
            product=product,
            best_before=best_before,
            product_form=form,
            serials=demo_serials(upc, min(units, 12)),
            packed_on=datetime.date(2025, 10, 20),
        )
        self.note(f"provenance chain for {upc}")

    # -------------------------------------------------------------- broken cases
    def ensure_broken_cases(self):
        """Older lots that staff should notice; created before the lots now on sale."""
        # 1. SLC-DR-003's 2024 lot came from a growing area that was later recalled.
        if not Lot.objects.filter(code="PK-SLC-DR-003-2024").exists():
            product = (
                Product.objects.filter(upc="SLC-DR-003").prefetch_related("stockrecords").first()
            )
            if product is not None:
                harvest = self.field_chain(
                    RECALLED_AREA[0], RECALLED_AREA[2], Decimal("150"), datetime.date(2024, 9, 5)
                )
                processed = services.record_processing(
                    inputs=[(harvest, Decimal("8"))],
                    code="PR-SLC-DR-003-2024",
                    process="sliced",
                    quantity=Decimal("2"),
                    processed_on=datetime.date(2024, 9, 20),
                )
                services.record_lab_test(
                    lot=processed,
                    lab=self.labs[0],
                    certificate_number="PKN-SLC-DR-003-2024",
                    certificate=demo_certificate("PKN-SLC-DR-003-2024"),
                    sampled_on=datetime.date(2024, 9, 22),
                    tested_on=datetime.date(2024, 9, 30),
                    results=lab_results("root"),
                )
                services.pack_lot(
                    source=processed,
                    used=Decimal("2"),
                    code="PK-SLC-DR-003-2024",
                    units=100,
                    gtin=demo_gtin(8, "cty-sam-tung-qua-lin"),
                    lot_number="24DR008",
                    stockrecord=product.stockrecords.all()[0],
                    product=product,
                    best_before=datetime.date(2027, 9, 30),
                    product_form=Lot.Form.PROCESSED,
                    serials=demo_serials("SLC-DR-003-2024", 6),
                    packed_on=datetime.date(2024, 10, 1),
                )
                self.note("older SLC-DR-003 lot from VN-LCPT-0009")
        area = self.areas[RECALLED_AREA[0]]
        if area.status != AreaStatus.RECALLED:
            services.recall_area(
                area,
                reason="Mẫu đất vượt ngưỡng dư lượng thuốc bảo vệ thực vật (dữ liệu mẫu) / "
                "Soil sample over the pesticide-residue limit (sample data)",
            )
            self.note(f"recalled {area.code}")
        # 2. A lot of SLC-FR-001 packed but never released (its codes must not circulate).
        if not Lot.objects.filter(code="PK-SLC-FR-001-HOLD").exists():
            product = (
                Product.objects.filter(upc="SLC-FR-001").prefetch_related("stockrecords").first()
            )
            if product is not None:
                harvest = self.harvests["VN-LCPT-0001"]
                services.pack_lot(
                    source=harvest,
                    used=Decimal("0.5"),
                    code="PK-SLC-FR-001-HOLD",
                    units=5,
                    gtin=demo_gtin(1),
                    lot_number="25FR001H",
                    stockrecord=product.stockrecords.all()[0],
                    product=product,
                    best_before=datetime.date(2026, 3, 31),
                    product_form=Lot.Form.FRESH,
                    serials=demo_serials("SLC-FR-001-HOLD", 5),
                    packed_on=datetime.date(2025, 9, 15),
                    release=False,
                )
                self.note("unreleased SLC-FR-001 lot")

    def ensure_scans(self):
        """A counterfeit pattern: one serial scanned many times in many places, serials
        that were never issued, and a scan of the unreleased lot."""
        if ScanRecord.objects.exists():
            return
        lot = Lot.objects.filter(code="PK-SLC-HS-001").first()
        if lot is None:
            return
        unit = UnitSerial.objects.filter(lot=lot).order_by("serial").first()
        start = timezone.now() - datetime.timedelta(days=30)
        families = [
            "Zalo",
            "Chrome",
            "Safari",
            "Facebook",
            "Chrome",
            "Cốc Cốc",
            "Chrome",
            "Safari",
            "Zalo",
        ]
        records = []
        for i, family in enumerate(families):
            records.append(
                ScanRecord(
                    scanned_at=start + datetime.timedelta(days=i * 3),
                    lot=lot,
                    serial=unit,
                    gtin=lot.gtin14,
                    lot_number=lot.lot_number,
                    serial_text=unit.serial,
                    device=f"demo-device-{i:02d}",
                    user_agent_family=family,
                    language="vi" if i % 3 else "en",
                    result=ScanRecord.Result.GENUINE if i < 5 else ScanRecord.Result.OVERSCANNED,
                )
            )
        for i in range(3):
            # made-up serials are counted per day and lot, not logged one row each
            UnknownCodeTally.objects.get_or_create(
                day=(start + datetime.timedelta(days=10 + i)).date(),
                reason=UnknownCodeTally.Reason.UNKNOWN_SERIAL,
                gtin=lot.gtin14,
                lot_number=lot.lot_number,
                defaults={
                    "lot": lot,
                    "hits": 4 + i,
                    "clients": 1 + i,
                    "last_code": f"{lot.gtin14}/{lot.lot_number}/FAKE{i + 1:06d}",
                    "first_seen": start + datetime.timedelta(days=10 + i),
                    "last_seen": start + datetime.timedelta(days=10 + i, hours=2),
                },
            )
        hold = Lot.objects.filter(code="PK-SLC-FR-001-HOLD").first()
        if hold is not None:
            held = hold.serials.first()
            records.append(
                ScanRecord(
                    scanned_at=start + datetime.timedelta(days=20),
                    lot=hold,
                    serial=held,
                    gtin=hold.gtin14,
                    lot_number=hold.lot_number,
                    serial_text=held.serial,
                    device="demo-device-hold",
                    user_agent_family="Safari",
                    language="vi",
                    result=ScanRecord.Result.UNRELEASED,
                )
            )
        ScanRecord.objects.bulk_create(records)
        self.note(f"{len(records)} demo scans")


def ensure_provenance(loader):
    ProvenanceDemo(loader).run()
