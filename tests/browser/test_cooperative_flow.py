"""A cooperative joins and sells: apply on "Sell with us", staff approve, the cooperative
sets its password from the e-mailed link, signs in, creates a product in the dashboard,
records processing and a lab test of its harvest, packs a lot into the product and sees
it on the site."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest


@pytest.fixture
def coop_site(transactional_db, search_index):
    from tests.conftest import build_bilingual_site
    from tests.factories import CategoryFactory, ProductClassFactory
    from tests.provenance.factories import LabFactory

    site = build_bilingual_site()
    site["product_class"] = ProductClassFactory(name="Sâm tươi")
    site["lab"] = LabFactory(name="Viện Kiểm nghiệm thuốc")
    site["category"] = CategoryFactory(name="Sâm khô")
    return site


def staff_records_the_field_work(partner):
    """What staff enter in the admin before the cooperative packs: growing area,
    seedlings, planting and harvest."""
    from provenance import services
    from tests.provenance.factories import GrowingAreaFactory, SeedSourceFactory

    area = GrowingAreaFactory(cooperative=partner)
    seedlings = services.record_seedlings(
        seed_source=SeedSourceFactory(cooperative=partner),
        cooperative=partner,
        code="SD-NEW-1",
        plants=1000,
        produced_on=datetime.date(2020, 3, 1),
    )
    planting = services.record_planting(
        seedlings=seedlings,
        growing_area=area,
        code="PL-NEW-1",
        plants=900,
        area_ha=Decimal("1"),
        planted_on=datetime.date(2020, 5, 1),
    )
    harvest = services.record_harvest(
        planting=planting,
        code="HV-NEW-1",
        kg=Decimal("100"),
        area_ha=Decimal("1"),
        harvested_on=datetime.date(2025, 9, 1),
    )
    return harvest


def test_cooperative_applies_is_approved_and_sells(page, live_server, watch, coop_site):
    from django.core import mail
    from django.utils import translation
    from oscar.core.loading import get_model
    from playwright.sync_api import expect

    from cooperatives import services as coop_services
    from cooperatives.models import Application
    from provenance import gs1
    from provenance import services as provenance_services
    from provenance.models import Lot

    base = live_server.url
    page.goto(f"{base}/vi/cooperatives/apply/")
    page.fill('[name="legal_name"]', "Hợp tác xã Sâm Pa Tần")
    page.select_option('[name="kind"]', "cooperative")
    page.fill('[name="tax_code"]', "6200777666")
    page.fill('[name="commune"]', "Pa Tần")
    page.fill('[name="contact_name"]', "Lò Văn Sinh")
    page.fill('[name="contact_phone"]', "0912000111")
    page.fill('[name="contact_email"]', "sinh@patan.example")
    page.fill('[name="area_codes"]', "VN-LCPT-0201")
    page.locator('form [type="submit"]').last.click()
    page.wait_for_load_state()
    application = Application.objects.get(tax_code="6200777666")
    Partner = get_model("partner", "Partner")

    # Staff approve (what the admin action calls); the e-mail carries the link.
    coop_services.approve_application(application)
    application.refresh_from_db()
    message = mail.outbox[-1]
    assert message.to == ["sinh@patan.example"]
    link = re.search(r"https?://\S+/password-reset/confirm/\S+", message.body).group(0)
    page.goto(base + urlsplit(link).path)
    page.fill('[name="new_password1"]', "Sâm-Lai-Châu-2026!")
    page.fill('[name="new_password2"]', "Sâm-Lai-Châu-2026!")
    page.locator('form [type="submit"]').last.click()
    page.wait_for_load_state()

    partner = Partner.objects.get(cooperative__tax_code="6200777666")
    user = partner.users.get()
    harvest = staff_records_the_field_work(partner)

    page.goto(f"{base}/vi/shop/accounts/login/")
    page.fill('[name="login-username"]', user.email)
    page.fill('[name="login-password"]', "Sâm-Lai-Châu-2026!")
    page.locator('[name="login_submit"]').click()
    page.wait_for_load_state()

    slug = coop_site["product_class"].slug
    page.goto(f"{base}/vi/shop/dashboard/catalogue/products/create/{slug}/")
    page.fill('[name="title"]', "Sâm Pa Tần sấy khô")
    page.fill('[name="upc"]', "PATAN-001")
    page.locator('a[href="#product_category"]').first.click()
    category = str(coop_site["category"].pk)
    page.select_option('[name="productcategory_set-0-category"]', category, force=True)
    page.locator('a[href="#product_stock"]').first.click()
    # select2 hides the select it decorates.
    page.select_option('[name="stockrecords-0-partner"]', str(partner.pk), force=True)
    page.fill('[name="stockrecords-0-partner_sku"]', "PT-001")
    page.fill('[name="stockrecords-0-price"]', "1500000")
    page.fill('[name="stockrecords-0-num_in_stock"]', "20")
    page.locator('button[name="action"][value="save"]').first.click()
    page.wait_for_load_state()
    stockrecord = partner.stockrecords.get()
    product = stockrecord.product

    # The cooperative records processing and the lab test of its own lots.
    page.goto(f"{base}/vi/shop/dashboard/lots/")
    page.locator(f'tr[data-lot="{harvest.pk}"] a.lot-process').click()
    page.fill('[name="code"]', "PR-NEW-1")
    page.fill('[name="kg_used"]', "50")
    page.select_option('[name="process"]', "dried")
    page.fill('[name="quantity"]', "15")
    page.fill('[name="processed_on"]', "2025-09-10")
    page.locator("#record-processing-form button[type=submit]").click()
    processed = Lot.objects.get(code="PR-NEW-1")
    page.locator(f'tr[data-lot="{processed.pk}"] a.lot-lab-test').click()
    page.select_option('[name="lab"]', str(coop_site["lab"].pk))
    page.fill('[name="certificate_number"]', "KQ-NEW-1")
    page.fill('[name="sampled_on"]', "2025-09-11")
    page.fill('[name="tested_on"]', "2025-09-14")
    # values and units only: the lab's own limits (LabFactory's, kept by staff) judge them
    rows = [
        ("active", "Majonoside R2", "5.1", "%"),
        ("heavy_metal", "Pb", "0.2", "mg/kg"),
    ]
    for i, (category, analyte, value, unit) in enumerate(rows):
        page.select_option(f'[name="results-{i}-category"]', category)
        page.fill(f'[name="results-{i}-analyte"]', analyte)
        page.fill(f'[name="results-{i}-value"]', value)
        page.fill(f'[name="results-{i}-unit"]', unit)
    page.set_input_files(
        '[name="certificate"]',
        files=[{"name": "kq.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%test\n"}],
    )
    page.locator("#record-lab-test-form button[type=submit]").click()
    expect(page.locator(f'tr[data-lot="{processed.pk}"]')).to_be_visible()
    assert processed.lab_tests.get().passed

    # staff registered the cooperative's GS1 company prefix; the product weighs 250 g net
    from tests.provenance.factories import register_prefix, set_net_weight

    register_prefix(partner, "893600777")
    set_net_weight(product, 250)
    page.locator(f'tr[data-lot="{processed.pk}"] a.lot-pack').click()
    page.select_option('[name="stockrecord"]', str(stockrecord.pk))
    page.fill('[name="code"]', "PK-NEW-1")
    page.fill('[name="used"]', "5")
    page.fill('[name="units"]', "20")
    page.fill('[name="gtin"]', gs1.with_check_digit("0893600777001"))
    page.fill('[name="lot_number"]', "PT0001")
    page.fill('[name="best_before"]', "2028-09-01")
    page.fill('[name="packed_on"]', "2025-09-20")
    page.locator("#pack-lot-form button[type=submit]").click()
    expect(page.locator('tr:has-text("PK-NEW-1")')).to_be_visible()
    packed = Lot.objects.get(code="PK-NEW-1")
    assert packed.stockrecord == stockrecord and packed.is_sellable, packed.sale_blockers
    assert provenance_services.verify_chains().ok

    with translation.override("vi"):
        product_url = product.get_absolute_url()
    page.goto(base + product_url)
    expect(page.locator("h1")).to_contain_text("Sâm Pa Tần sấy khô")
    expect(page.locator("#product_provenance")).to_contain_text("PT0001")
    watch.assert_clean()
