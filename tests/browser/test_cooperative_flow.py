"""A cooperative joins and sells: apply on "Sell with us", staff approve, the cooperative
sets its password from the e-mailed link, signs in, creates a product in the dashboard,
packs a lot of its own processed ginseng into it and sees the product on the site."""

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


def staff_records_the_field_work(partner, lab):
    """What staff enter in the admin before the cooperative packs: growing area,
    seedlings, planting, harvest, processing and a passing lab test."""
    from provenance import services
    from tests.provenance.factories import (
        GrowingAreaFactory,
        SeedSourceFactory,
        passing_results,
    )

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
    processed = services.record_processing(
        inputs=[(harvest, Decimal("50"))],
        code="PR-NEW-1",
        process="dried",
        quantity=Decimal("15"),
        processed_on=datetime.date(2025, 9, 10),
    )
    services.record_lab_test(
        lot=processed,
        lab=lab,
        certificate_number="KQ-NEW-1",
        sampled_on=datetime.date(2025, 9, 11),
        tested_on=datetime.date(2025, 9, 14),
        results=passing_results(),
    )
    return processed


def test_cooperative_applies_is_approved_and_sells(page, live_server, watch, coop_site):
    from django.core import mail
    from django.utils import translation
    from oscar.core.loading import get_model
    from playwright.sync_api import expect

    from cooperatives import services as coop_services
    from cooperatives.models import Application
    from provenance import gs1
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
    processed = staff_records_the_field_work(partner, coop_site["lab"])

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

    page.goto(f"{base}/vi/shop/dashboard/lots/")
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

    with translation.override("vi"):
        product_url = product.get_absolute_url()
    page.goto(base + product_url)
    expect(page.locator("h1")).to_contain_text("Sâm Pa Tần sấy khô")
    expect(page.locator("#product_provenance")).to_contain_text("PT0001")
    watch.assert_clean()
