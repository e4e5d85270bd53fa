"""Tourist pages: the experience page in both languages, booking, the booking's signed
page, cancelling, the calendar file; and bad input."""

import datetime
import re

import pytest
from django.core import mail

from payments.models import Payment
from tests.core import ical_check
from tests.tourism.factories import book, english, make_experience, make_slot
from tourism import links, services
from tourism.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit():
    experience = make_experience(pay_on_arrival=True)
    slots = [make_slot(experience, days=d, capacity=6) for d in (3, 5, 9)]
    return experience, slots


def form_data(slot, response, **extra):
    key = re.search(rb'name="submission_key" value="([^"]+)"', response.content)
    data = {
        "slot": slot.pk,
        "adults": 2,
        "children": 1,
        "youngest_age": 9,
        "name": "Jane Doe",
        "email": "jane@example.com",
        "phone": "+44 20 7946 0000",
        "guide_language": "en",
        "notes": "vegetarian",
        "payment_choice": "full",
        "method": "vietqr",
        "agree": "on",
        "submission_key": key.group(1).decode() if key else "k",
    }
    data.update(extra)
    return data


def test_page_renders_in_both_languages_with_calendar_and_map(client, visit):
    experience, slots = visit
    vi = client.get(experience.url)
    assert vi.status_code == 200
    html = vi.content.decode()
    assert "Những ngày còn chỗ" in html and "<svg" in html
    assert html.count("data-slot=") == 3
    assert "450.000" in html
    en = client.get(english(experience).url)
    assert en.status_code == 200
    html = en.content.decode()
    assert "Dates with free seats" in html and "Ginseng garden walk" in html
    assert html.count("data-slot=") == 3  # the same slots as the Vietnamese page


def test_page_query_budget_does_not_grow_with_slots(client, visit, django_assert_max_num_queries):
    experience, _slots = visit
    for d in range(10, 40):
        slot = make_slot(experience, days=d, capacity=8)
        book(slot, adults=1)
    for page in (experience, english(experience)):
        client.get(page.url)  # warm caches (site root, locales)
        with django_assert_max_num_queries(15):
            response = client.get(page.url)
        assert response.content.decode().count("data-slot=") > 20


def test_english_tourist_books_and_cancels(client, visit, django_capture_on_commit_callbacks):
    experience, slots = visit
    page_en = english(experience)
    response = client.get(page_en.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page_en.url, form_data(slots[2], response))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.language == "en" and booking.status == Booking.Status.HELD
    assert booking.amount == 2 * 450_000 + 200_000
    assert mail.outbox[-1].to == ["jane@example.com"]
    assert "Seats held" in mail.outbox[-1].subject
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "VietQR" in page.content.decode()
    # paid → confirmed, the e-mail carries a valid calendar file
    with django_capture_on_commit_callbacks(execute=True):
        from payments import services as payment_services

        payment_services.mark_paid(Payment.objects.get(reference=booking.code))
    confirmation = mail.outbox[-1]
    assert "confirmed" in confirmation.subject
    name, content, mimetype = confirmation.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    _event, start, _end = ical_check.the_event(content.encode())
    assert start == slots[2].starts_at
    ics_response = client.get(links.booking_path(booking, "en").rstrip("/") + "/calendar.ics")
    assert ics_response.status_code == 200
    ical_check.the_event(ics_response.content)
    # the refund is shown before confirming; cancelling needs the box ticked
    page = client.get(response["Location"]).content.decode()
    assert "If you cancel now, you get" in page and "1,100,000" in page
    client.post(response["Location"], {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "cancel", "confirm": "yes"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.refund_due == 1_100_000  # nine days before, the policy gives all back
    assert "cancelled" in mail.outbox[-1].subject


def test_vietnamese_tourist_reserves_and_pays_on_arrival(client, visit):
    experience, slots = visit
    response = client.get(experience.url)
    response = client.post(
        experience.url,
        form_data(slots[0], response, payment_choice="arrival", guide_language="hmn"),
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED and booking.language == "vi"
    assert not Payment.objects.filter(reference=booking.code).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Đã xác nhận" in page


def test_double_submit_books_once(client, visit):
    experience, slots = visit
    response = client.get(experience.url)
    data = form_data(slots[0], response)
    first = client.post(experience.url, data)
    second = client.post(experience.url, data)
    assert first.status_code == second.status_code == 302
    code = links.code_from_token(first["Location"].rstrip("/").split("/")[-1])
    assert code == links.code_from_token(second["Location"].rstrip("/").split("/")[-1])
    assert Booking.objects.count() == 1


def test_full_slot_says_so_and_offers_the_waiting_list(client, visit):
    experience, slots = visit
    book(slots[0], adults=5)
    response = client.get(experience.url)
    response = client.post(experience.url, form_data(slots[0], response, adults=2, children=0))
    assert response.status_code == 400
    html = response.content.decode()
    assert "chỉ còn 1 chỗ" in html
    assert 'value="waitlist"' in html
    response = client.post(
        experience.url,
        {
            "action": "waitlist",
            "slot": slots[0].pk,
            "seats": 2,
            "name": "B",
            "email": "b@x.example",
        },
    )
    assert response.status_code == 302
    assert slots[0].waiting_list.get().seats == 2


@pytest.mark.parametrize(
    "junk",
    [
        {},
        {"slot": "abc", "adults": "x"},
        {
            "slot": "999999",
            "adults": "2",
            "children": "0",
            "name": "A",
            "email": "a@b.cd",
            "agree": "on",
            "payment_choice": "full",
        },
        {"adults": "1" * 500, "name": "x" * 10_000, "email": "not-an-email"},
        {"adults": "-3", "children": "2.5", "payment_choice": "free"},
        {"action": "waitlist", "slot": "1'; DROP TABLE", "seats": "0"},
    ],
)
def test_junk_posts_get_a_clear_message_not_a_500(client, visit, junk):
    experience, _slots = visit
    response = client.post(experience.url, junk)
    assert response.status_code == 400
    assert Booking.objects.count() == 0


def test_tampered_or_unknown_booking_links_are_404(client, visit):
    experience, slots = visit
    booking = book(slots[0])
    path = links.booking_path(booking, "en")
    assert client.get(path).status_code == 200
    assert (
        client.get(path.replace(path.split("/")[-2], path.split("/")[-2][:-2] + "xx")).status_code
        == 404
    )
    assert client.get("/en/visits/booking/nonsense/").status_code == 404
    assert client.post(path, {"action": "accept", "adults": "zz"}).status_code in (302, 400)


def test_cutoff_hides_dates_and_refuses_late_posts(client):
    experience = make_experience(translate=False, cutoff_hours=72)
    soon = make_slot(experience, days=2)
    later = make_slot(experience, days=6)
    html = client.get(experience.url).content.decode()
    assert f'data-slot="{later.pk}"' in html and f'data-slot="{soon.pk}"' not in html
    with pytest.raises(services.BookingRefused):
        book(soon)


def test_border_paperwork_asks_foreign_guests_for_a_passport(client):
    experience = make_experience(translate=False, border_paperwork=True)
    slot = make_slot(experience)
    response = client.get(experience.url)
    assert 'name="passport_number"' in response.content.decode()
    response = client.post(experience.url, form_data(slot, response, nationality="fr"))
    assert response.status_code == 400
    assert "số hộ chiếu" in response.content.decode()
    response = client.post(
        experience.url, form_data(slot, response, nationality="fr", passport_number="12AB34567")
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.nationality, booking.passport_number) == ("FR", "12AB34567")
    assert "hộ chiếu" in client.get(response["Location"]).content.decode()


def test_price_is_shown_in_vnd_format(client, visit):
    experience, _slots = visit
    assert "450.000 ₫" in client.get(experience.url).content.decode()
    en = client.get(english(experience).url).content.decode()
    assert "₫450,000" in en


def test_a_minute_before_cutoff(client):
    experience = make_experience(translate=False, cutoff_hours=24)
    slot = make_slot(experience, days=4)
    now = slot.starts_at - datetime.timedelta(hours=24, minutes=1)
    assert book(slot, now=now).status == Booking.Status.HELD
