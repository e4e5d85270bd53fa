"""Factories for provenance data, and a builder for a complete chain seed -> pack."""

import datetime
from decimal import Decimal

import factory

from provenance import gs1, services
from provenance.models import (
    CompanyPrefix,
    Cooperative,
    GrowingArea,
    Lab,
    LabLimit,
    Lot,
    SeedSource,
)
from tests.factories import PartnerFactory, ProductFactory, StockRecordFactory

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[103.35, 22.60], [103.36, 22.60], [103.36, 22.61], [103.35, 22.61], [103.35, 22.60]]
    ],
}


class CooperativeFactory(factory.django.DjangoModelFactory):
    partner = factory.SubFactory(PartnerFactory)
    legal_name = factory.Sequence(lambda n: f"Hợp tác xã Sâm {n}")
    kind = Cooperative.Kind.COOPERATIVE
    tax_code = "6200123456"
    commune = "Sì Lở Lầu"
    facility_code = factory.Sequence(lambda n: f"LC-CS-{n:04d}")

    class Meta:
        model = Cooperative


class SeedSourceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Vườn ươm {n}")
    kind = SeedSource.Kind.NURSERY
    facility_code = factory.Sequence(lambda n: f"LC-GI-{n:04d}")
    commune = "Sì Lở Lầu"
    recognition = "QĐ 123/QĐ-SNN"
    recognised_on = datetime.date(2024, 3, 1)

    class Meta:
        model = SeedSource


class GrowingAreaFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"VN-LCPT-{n + 1:04d}")
    name = factory.Sequence(lambda n: f"Vùng trồng {n}")
    commune = "Sì Lở Lầu"
    cooperative = factory.SubFactory(PartnerFactory)
    hectares = Decimal("5.00")
    land_type = GrowingArea.LandType.FOREST_CANOPY
    altitude_m = 1800
    boundary = SQUARE
    gacp_certificate_number = "GACP-2024-01"
    gacp_issuer = "Viện Dược liệu"
    gacp_valid_from = datetime.date(2024, 1, 1)
    gacp_valid_until = datetime.date(2030, 12, 31)
    gi_authorisation = "QĐ 456/QĐ-SHTT"

    class Meta:
        model = GrowingArea


class LabFactory(factory.django.DjangoModelFactory):
    """An accredited lab with its own limits (kept by staff) for the usual analytes;
    ``LabFactory(limits=False)`` for one without."""

    name = factory.Sequence(lambda n: f"Phòng thí nghiệm {n}")
    accreditation = Lab.Accreditation.ISO17025
    accreditation_number = factory.Sequence(lambda n: f"VILAS {n:03d}")

    class Meta:
        model = Lab
        skip_postgeneration_save = True

    @factory.post_generation
    def limits(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for row in LAB_LIMITS:
            LabLimit.objects.create(lab=self, **row)


# The lab's own limits (Pb and Cd: QCVN 8-2:2011/BYT style; active ingredient: minimum).
LAB_LIMITS = [
    {
        "category": "active",
        "analyte": "Majonoside R2",
        "unit": "%",
        "limit": Decimal("3"),
        "limit_kind": "min",
    },
    {
        "category": "heavy_metal",
        "analyte": "Pb",
        "unit": "mg/kg",
        "limit": Decimal("10"),
        "limit_kind": "max",
    },
    {
        "category": "pesticide",
        "analyte": "Chlorpyrifos",
        "unit": "mg/kg",
        "limit": Decimal("0.05"),
        "limit_kind": "max",
    },
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def certificate_file(name="kq.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def register_prefix(partner, prefix):
    """Staff register ``prefix`` (GTIN-13 form) to ``partner``; idempotent."""
    found = CompanyPrefix.objects.filter(prefix=prefix).first()
    if found is not None:
        return found
    return services.register_company_prefix(prefix=prefix, cooperative=partner)


def gtin_for(partner, item=1):
    """A GTIN-14 under the partner's company prefix (registered on first use)."""
    prefix = f"8936{partner.pk:06d}"
    register_prefix(partner, prefix)
    return gs1.with_check_digit(f"0{prefix}{item:02d}")


_counter = iter(range(1, 10_000_000))


def passing_results():
    return [
        {
            "category": "active",
            "analyte": "Majonoside R2",
            "value": Decimal("5.2"),
            "unit": "%",
            "limit": Decimal("3"),
            "limit_kind": "min",
        },
        {
            "category": "heavy_metal",
            "analyte": "Pb",
            "value": Decimal("0.2"),
            "unit": "mg/kg",
            "limit": Decimal("10"),
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
    ]


def build_chain(
    stockrecord=None,
    *,
    product_form=Lot.Form.PROCESSED,
    extra_processing=0,
    serials=("S0001", "S0002"),
    lab_pass=True,
    with_lab=True,
    release=True,
    area=None,
):
    """A complete chain (nursery -> planting -> harvest -> processing -> lab -> pack) for a
    stock record; ``extra_processing`` adds more processing steps (a longer chain)."""
    n = next(_counter)
    if stockrecord is None:
        product = ProductFactory()
        stockrecord = StockRecordFactory(product=product, traceable=False)
    partner = stockrecord.partner
    if not hasattr(partner, "cooperative"):
        CooperativeFactory(partner=partner)
    area = area or GrowingAreaFactory(cooperative=partner)
    nursery = SeedSourceFactory(cooperative=partner)
    day = datetime.date(2019, 3, 1)
    seedlings = services.record_seedlings(
        seed_source=nursery, cooperative=partner, code=f"SD-{n}", plants=2000, produced_on=day
    )
    planting = services.record_planting(
        seedlings=seedlings,
        growing_area=area,
        code=f"PL-{n}",
        plants=1500,
        area_ha=Decimal("1.5"),
        planted_on=day + datetime.timedelta(days=60),
    )
    harvest = services.record_harvest(
        planting=planting,
        code=f"HV-{n}",
        kg=Decimal("300"),
        area_ha=Decimal("1"),
        harvested_on=datetime.date(2025, 9, 1),
    )
    source = harvest
    if product_form == Lot.Form.PROCESSED:
        source = services.record_processing(
            inputs=[(harvest, Decimal("200"))],
            code=f"PR-{n}",
            process="dried",
            quantity=Decimal("60"),
            processed_on=datetime.date(2025, 9, 20),
        )
        for step in range(extra_processing):
            source = services.record_processing(
                inputs=[(source, source.quantity)],
                code=f"PR-{n}-{step}",
                process="sliced",
                quantity=source.quantity,
                processed_on=datetime.date(2025, 9, 21),
            )
    if with_lab:
        services.record_lab_test(
            lot=source,
            lab=LabFactory(),
            certificate=certificate_file(),
            certificate_number=f"KQ-{n}",
            sampled_on=datetime.date(2025, 9, 22),
            tested_on=datetime.date(2025, 9, 25),
            results=passing_results()
            if lab_pass
            else [
                {
                    "category": "heavy_metal",
                    "analyte": "Pb",
                    "value": Decimal("12"),
                    "unit": "mg/kg",
                    "limit": Decimal("10"),
                    "limit_kind": "max",
                }
            ],
        )
    gtin = gtin_for(partner, n % 100)
    packed = services.pack_lot(
        source=source,
        used=Decimal("1") if source.unit == "KGM" else Decimal("1"),
        code=f"PK-{n}",
        units=10,
        gtin=gtin,
        lot_number=f"L{n:05d}",
        stockrecord=stockrecord,
        best_before=datetime.date(2030, 1, 1),
        product_form=product_form,
        serials=serials,
        packed_on=datetime.date(2025, 10, 1),
        release=release,
        net_weight_g=100,  # 10 packs of 100 g from 1 kg
    )
    packed.refresh_from_db()
    return packed


def set_net_weight(product, grams):
    """Give ``product`` a net weight (the ``net_weight_g`` attribute of its class)."""
    from oscar.core.loading import get_model

    ProductAttribute = get_model("catalogue", "ProductAttribute")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product.get_product_class(),
        code="net_weight_g",
        defaults={"name": "Net weight (g)", "type": "integer"},
    )
    ProductAttributeValue.objects.update_or_create(
        product=product, attribute=attribute, defaults={"value_integer": grams}
    )
    return product
