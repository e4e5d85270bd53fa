"""Staff list farm-visit bookings in the Django admin, filtered by slot and status;
nothing can be added, changed or deleted there."""

import pytest

from tests.factories import UserFactory
from tests.tourism.factories import book, make_experience, make_slot
from tourism import services

pytestmark = pytest.mark.django_db

LIST = "/django-admin/tourism/booking/"


@pytest.fixture
def bookings():
    experience = make_experience(translate=False, pay_on_arrival=True)
    early, late = make_slot(experience, days=4), make_slot(experience, days=9)
    kept = book(early, name="Lò Thị Mai", payment_choice="arrival")
    gone = book(early, name="Jane Doe", payment_choice="arrival")
    services.cancel_booking(gone)
    other = book(late, name="Vàng A Sử", payment_choice="arrival")
    return {"early": early, "late": late, "kept": kept, "gone": gone, "other": other}


def test_staff_list_and_filter_bookings(client, bookings, django_assert_max_num_queries):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("kept", "gone", "other"):
        assert bookings[key].code in html
    html = client.get(f"{LIST}?slot={bookings['early'].pk}").content.decode()
    assert bookings["kept"].code in html and bookings["gone"].code in html
    assert bookings["other"].code not in html
    html = client.get(f"{LIST}?slot={bookings['early'].pk}&status__exact=cancelled").content
    assert bookings["gone"].code in html.decode() and bookings["kept"].code not in html.decode()
    for _n in range(8):  # the slot takes ten
        book(bookings["late"], payment_choice="arrival")
    with django_assert_max_num_queries(15):
        assert client.get(LIST).status_code == 200


def test_bookings_are_read_only_in_the_admin(client, bookings):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    booking = bookings["kept"]
    assert client.get(f"{LIST}add/").status_code == 403
    page = client.get(f"{LIST}{booking.pk}/change/")
    assert page.status_code == 200  # view only
    client.post(f"{LIST}{booking.pk}/change/", {"name": "Changed", "status": "cancelled"})
    client.post(f"{LIST}{booking.pk}/delete/", {"post": "yes"})
    booking.refresh_from_db()
    assert booking.name == "Lò Thị Mai" and booking.status == "confirmed"


def test_cooperative_users_do_not_reach_it(client, bookings):
    client.force_login(UserFactory(is_staff=False))
    assert client.get(LIST).status_code == 302
