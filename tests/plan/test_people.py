"""Farm visits and training against known answers: confirmed bookings and their visitors
by the month of the visit (Vietnam time); sessions held; each grower trained counted once
in the year however many sessions they attended."""

import datetime

import pytest

from events.models import TrainingRegistration, TrainingSession
from plan.figures import compute_report, current_year
from tests.plan.data import local
from tests.tourism.factories import make_experience, make_host
from tourism.models import Booking, Slot

pytestmark = pytest.mark.django_db


def slot(experience, starts_at):
    return Slot.objects.create(
        experience=experience,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        capacity=20,
    )


def booking(slot, status, adults, children=0):
    return Booking.objects.create(
        code=Booking.new_code(),
        slot=slot,
        adults=adults,
        children=children,
        name="Khách",
        email="k@example.com",
        status=status,
        amount=100_000,
    )


def session(cooperative, starts_at, *, cancelled=False, commune="Sin Suối Hồ"):
    return TrainingSession.objects.create(
        title_vi="Tập huấn GACP",
        topic="gacp",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=4),
        place="Nhà văn hoá",
        commune=commune,
        host_cooperative=cooperative,
        capacity=30,
        is_cancelled=cancelled,
    )


def attend(session, cooperative, name, attended=True):
    return TrainingRegistration.objects.create(
        session=session, cooperative=cooperative, attendee_name=name, attended=attended
    )


@pytest.fixture
def people():
    year = current_year()
    host = make_host("plan")
    visit = make_experience(host, translate=False, commune="Sin Suối Hồ")
    # 00:30 on 1 February in Vietnam is still 31 January in UTC: a February visit.
    february = slot(visit, local(year, 2, 1, 0, 30))
    march = slot(visit, local(year, 3, 10))
    booking(february, Booking.Status.CONFIRMED, 2, 1)
    booking(february, Booking.Status.HELD, 4)  # awaiting payment: not counted
    booking(march, Booking.Status.CONFIRMED, 1)
    booking(march, Booking.Status.CANCELLED, 3)
    slot_last_year = slot(visit, local(year - 1, 12, 31, 23, 30))
    booking(slot_last_year, Booking.Status.CONFIRMED, 5)

    s1 = session(host, local(year, 3, 5))
    s2 = session(host, local(year, 5, 5))
    cancelled = session(host, local(year, 6, 5), cancelled=True)
    attend(s1, host, "Lò Văn Páo")
    attend(s2, host, "  lò văn  páo ")  # the same grower, spelt otherwise
    attend(s1, host, "Vàng Thị Mai", attended=False)  # registered, not present
    attend(s2, host, "Vàng Thị Mai")
    attend(cancelled, host, "Sùng A Dơ")
    return year


def row(table, key):
    columns = [c.key for c in table.columns]
    return dict(zip(columns, next(r for r in table.rows if r.key == key).values, strict=True))


def test_visits_booked_and_visitors_by_month(people):
    report = compute_report(people)
    assert report.figure("visits_booked").value == 2
    assert report.figure("visitors").value == 4  # 2 adults + 1 child, then 1 adult
    table = report.table("people_by_month")
    assert row(table, f"{people}-02")["visitors"] == 3
    assert row(table, f"{people}-01")["visitors"] == 0
    assert row(table, f"{people}-03")["bookings"] == 1
    # 23:30 on 31 December is last year's.
    assert compute_report(people - 1).figure("visitors").value == 5


def test_sessions_held_and_growers_trained_once_a_year(people):
    report = compute_report(people)
    assert report.figure("training_sessions").value == 2  # the cancelled one is not held
    assert report.figure("growers_trained").value == 2  # Páo once, Mai once
    table = report.table("people_by_month")
    assert row(table, f"{people}-03")["trained"] == 1
    assert row(table, f"{people}-05")["trained"] == 2
    # Months add up to 3, the year counts each person once: 2.
    assert row(table, "total")["trained"] == 2


def test_commune_filter_for_visits_and_training(people):
    assert compute_report(people, "Sin Suối Hồ").figure("visitors").value == 4
    other = compute_report(people, "Sì Lở Lầu")
    assert other.figure("visitors").value == 0
    assert other.figure("training_sessions").value == 0
