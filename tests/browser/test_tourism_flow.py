"""Farm visits in Chromium on a phone (390 px): an English-speaking tourist finds a visit
from the home page, books seats for a date, pays by card (the fake Stripe page and its
signed webhook, as in test_checkout_flow.py), gets the confirmation e-mail with a valid
.ics file, opens the signed link, sees the refund due under the policy and cancels; a
Vietnamese tourist books and pays on arrival; a host checks guests in (an arrival and a
no-show). Every page fits the screen (tests/browser/overflow.js) and has no string of the
other language (tests/core/language_check.py); screenshots go to the test's tmp dir."""

import re
from pathlib import Path

import pytest
from django.core import mail

from tests.core import ical_check
from tests.core.language_check import other_language_strings

OVERFLOW_JS = (Path(__file__).parent / "overflow.js").read_text()
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Check:
    """Screenshot, overflow and other-language check of the page the browser is on."""

    def __init__(self, page, folder, language, names):
        self.page, self.folder, self.language, self.names = page, folder, language, names
        self.problems, self.count = [], 0

    def __call__(self, name):
        self.page.wait_for_load_state()
        self.count += 1
        self.page.screenshot(
            path=self.folder / f"{self.language}-390-{self.count:02d}-{name}.png", full_page=True
        )
        found = self.page.evaluate(OVERFLOW_JS)
        if found["scrollWidth"] > found["width"] or found["cut"]:
            self.problems.append((self.language, name, self.page.url, found))
        strings = other_language_strings(self.page.content(), self.language, self.names)
        if strings:
            self.problems.append((self.language, name, self.page.url, strings))


@pytest.fixture
def visit_site(transactional_db, settings, live_server):
    """The bilingual site, a visits index linked from the home page and one garden walk
    (deposit, card, pay on arrival) with three dates; links in e-mails go to the live
    server."""
    from cms.models import HomePage
    from cms.services import add_translation
    from tests.conftest import build_bilingual_site
    from tests.tourism.factories import host_user, make_experience, make_host, make_slot

    settings.SITE_URL = live_server.url
    site = build_bilingual_site()
    host = make_host("sinsuoiho")
    experience = make_experience(
        host,
        translate=False,
        title="Đi bộ tới vườn sâm",
        slug="di-bo-vuon-sam",
        meeting_point="Nhà văn hoá bản",
        pay_on_arrival=True,
        deposit_percent=30,
        min_age=6,
        free_cancel_days=7,
        late_refund_percent=50,
        itinerary=[("step", {"time": "08:00", "title": "Gặp hướng dẫn viên", "text": ""})],
    )
    add_translation(
        experience,
        "en",
        title="A walk to the ginseng gardens",
        slug="garden-walk",
        introduction="A walk under the forest to the garden.",
        meeting_point="The village hall",
        itinerary=[("step", {"time": "08:00", "title": "Meet the guide", "text": ""})],
    )
    index = experience.get_parent().specific
    for home in HomePage.objects.all():
        home.tourism_page = index
        home.save_revision().publish()
    slots = [make_slot(experience, days=d, capacity=8) for d in (3, 5, 12)]
    return {
        **site,
        "experience": experience,
        "slots": slots,
        "host": host,
        "host_user": host_user(host, "sinsuoiho"),
    }


@pytest.fixture
def stripe_fake(settings, live_server):
    from tests.payments.fake_stripe import FakeStripe

    fake = FakeStripe("whsec_browser").start()
    fake.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
    settings.STRIPE_API_BASE = fake.base
    yield fake
    fake.stop()


def phone(browser, live_server, language):
    context = browser.new_context(
        viewport=PHONE,
        locale="vi-VN" if language == "vi" else "en-GB",
        base_url=live_server.url,
    )
    return context, context.new_page()


def names(site):
    """Names and what people typed, written the same in both languages."""
    host = site["host"]
    return [host.legal_name, host.partner.name, "Sin Suối Hồ", "Nguyễn Thị Lan"]


def find_the_visit(page, check, language):
    """Home page → the visits index → the visit, by the links a tourist would follow."""
    page.goto(f"/{language}/")
    check("home")
    title = {"vi": "Tham quan vườn sâm", "en": "Farm visits"}[language]
    page.locator("main a.button--primary", has_text=title).click()
    page.wait_for_url(re.compile(rf"/{language}/[^/]+/$"))
    check("visits")
    visit = {"vi": "Đi bộ tới vườn sâm", "en": "A walk to the ginseng gardens"}[language]
    page.get_by_role("link", name=visit).click()
    page.wait_for_load_state()
    check("visit")


def fill_booking(page, slot, **fields):
    page.select_option("#id_slot", str(slot.pk))
    for name, value in fields.items():
        page.fill(f"#id_{name}", str(value))


def test_english_tourist_books_pays_by_card_and_cancels(
    browser, live_server, visit_site, stripe_fake, tmp_path
):
    from tourism.models import Booking

    slot = visit_site["slots"][0]  # in 3 days: after the free-cancellation limit
    context, page = phone(browser, live_server, "en")
    check = Check(page, tmp_path, "en", names(visit_site))
    find_the_visit(page, check, "en")

    fill_booking(
        page,
        slot,
        adults=2,
        children=1,
        youngest_age=9,
        name="Jane Doe",
        email="jane@example.com",
        phone="+44 20 7946 0000",
        notes="Vegetarian",
    )
    page.select_option("#id_guide_language", "en")
    page.check("input[name=payment_choice][value=full]")
    page.check("input[name=method][value=card]")
    page.check("#id_agree")
    page.get_by_role("button", name="Book these seats").click()
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/pay/cs_test_"))
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.HELD and booking.language == "en"
    assert booking.amount == 2 * 450_000 + 200_000
    page.click("#pay")
    page.wait_for_url(re.compile(r"/en/visits/booking/"))
    check("booking-paid")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.amount_paid == 1_100_000
    assert page.locator("[data-status]").get_attribute("data-status") == "confirmed"

    # The confirmation e-mail, in English, with a calendar file at the slot's time.
    confirmation = [m for m in mail.outbox if "confirmed" in m.subject]
    assert len(confirmation) == 1
    message = confirmation[0]
    assert message.to == ["jane@example.com"]
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{booking.code}.ics" and mimetype.startswith("text/calendar")
    event, start, _end = ical_check.the_event(content.encode("utf-8"))
    assert start == slot.starts_at
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(event["SUMMARY"]) == "A walk to the ginseng gardens"

    # The signed link in the e-mail opens the booking; the refund is shown first.
    link = re.search(r"https?://\S+/en/visits/booking/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    check("booking-from-email")
    refund = page.locator(".refund-preview").inner_text()
    assert "₫550,000" in refund  # half of ₫1,100,000: three days before, under seven
    page.get_by_role("button", name="Cancel the booking").click()  # box not ticked
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    page.check("input[name=confirm]")
    page.get_by_role("button", name="Cancel the booking").click()
    page.wait_for_load_state()
    check("booking-cancelled")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.refund_due == 550_000
    assert page.locator("[data-status]").get_attribute("data-status") == "cancelled"
    assert "₫550,000" in page.locator(".facts").inner_text()
    assert "cancelled" in mail.outbox[-1].subject
    context.close()
    assert check.count == 6
    assert check.problems == [], "\n".join(map(str, check.problems))


def test_vietnamese_tourist_books_and_pays_on_arrival(browser, live_server, visit_site, tmp_path):
    from payments.models import Payment
    from tourism.models import Booking

    slot = visit_site["slots"][1]
    context, page = phone(browser, live_server, "vi")
    check = Check(page, tmp_path, "vi", names(visit_site))
    find_the_visit(page, check, "vi")
    fill_booking(
        page,
        slot,
        adults=3,
        children=0,
        youngest_age=30,
        name="Nguyễn Thị Lan",
        email="lan@example.vn",
        phone="0912 345 678",
    )
    page.check("input[name=payment_choice][value=arrival]")
    page.check("#id_agree")
    page.get_by_role("button", name="Đặt các chỗ này").click()
    page.wait_for_url(re.compile(r"/vi/visits/booking/"))
    check("booking")
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED and booking.language == "vi"
    assert booking.payment_choice == Booking.Payment.ON_ARRIVAL
    assert not Payment.objects.filter(reference=booking.code).exists()
    facts = page.locator(".facts").inner_text()
    assert "Khi đến nơi" in facts
    assert "1.350.000 ₫" in facts
    (message,) = mail.outbox
    assert message.to == ["lan@example.vn"]
    _event, start, _end = ical_check.the_event(message.attachments[0][1].encode("utf-8"))
    assert start == slot.starts_at
    assert page.get_by_role("link", name="Thêm vào lịch của tôi (.ics)").count() == 1
    context.close()
    assert check.problems == [], "\n".join(map(str, check.problems))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_host_checks_guests_in(browser, live_server, visit_site, tmp_path, language):
    from tests.tourism.factories import book
    from tourism.models import Booking

    slot = visit_site["slots"][0]
    arriving = book(
        slot, adults=2, name="Nguyễn Thị Lan", payment_choice="arrival", youngest_age=30
    )
    missing = book(slot, adults=1, name="Jane Doe", payment_choice="arrival", youngest_age=40)
    assert arriving.status == missing.status == Booking.Status.CONFIRMED
    user = visit_site["host_user"]
    user.set_password("host-password-1")
    user.save()

    context, page = phone(browser, live_server, language)
    check = Check(page, tmp_path, language, names(visit_site))
    page.goto(f"/{language}/shop/accounts/login/?next=/{language}/shop/dashboard/visits/")
    page.fill('[name="login-username"]', user.email)
    page.fill('[name="login-password"]', "host-password-1")
    page.locator('[name="login_submit"]').click()
    page.wait_for_url(re.compile(r"/shop/dashboard/visits/$"))
    check("host-visits")
    page.locator(f"a[href$='/dashboard/visits/slots/{slot.pk}/']").click()
    page.wait_for_url(re.compile(rf"/dashboard/visits/slots/{slot.pk}/$"))
    check("check-in-list")
    arrived, no_show = {"vi": ("Đã đến", "Không đến"), "en": ("Arrived", "No-show")}[language]
    # Every guest's buttons lie wholly on the 390 px screen (not cut off by a wide table).
    for button in page.locator("table.checkin-list button").all():
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    page.locator(f"tr[data-booking='{arriving.code}']").get_by_role("button", name=arrived).click()
    page.wait_for_load_state()
    page.locator(f"tr[data-booking='{missing.code}']").get_by_role("button", name=no_show).click()
    page.wait_for_load_state()
    check("checked-in")
    arriving.refresh_from_db()
    missing.refresh_from_db()
    assert arriving.attendance == "arrived"
    assert missing.attendance == "no_show"
    row = page.locator(f"tr[data-booking='{arriving.code}'] .attendance")
    assert row.inner_text().strip() == {"vi": "Đã đến", "en": "Arrived"}[language]
    row = page.locator(f"tr[data-booking='{missing.code}'] .attendance")
    assert row.inner_text().strip() == {"vi": "Không đến", "en": "Did not come"}[language]
    context.close()
    assert check.problems == [], "\n".join(map(str, check.problems))
