"""Slots, bookings, cancellations and the waiting list: the rules in tourism/services.py."""

import datetime

import pytest
from django.core import mail

from payments import services as payment_services
from payments.models import Payment
from tests.tourism.factories import (
    TZ,
    book,
    make_experience,
    make_resource,
    make_slot,
)
from tourism import services
from tourism.models import Booking, Slot

pytestmark = pytest.mark.django_db


def pay(booking):
    payment = Payment.objects.get(purpose="booking", reference=booking.code, status="pending")
    payment_services.mark_paid(payment, note="test")
    booking.refresh_from_db()
    return booking


def test_rule_makes_weekly_slots_except_given_dates():
    experience = make_experience(translate=False)
    start = datetime.date(2027, 2, 1)  # a Monday
    tet = datetime.date(2027, 2, 6)  # a Saturday
    created = services.create_slots_from_rule(
        experience,
        start_date=start,
        end_date=datetime.date(2027, 2, 28),
        weekdays=[5, 6],
        times=[datetime.time(8, 0), datetime.time(13, 30)],
        capacity=8,
        exceptions=[tet],
    )
    days = sorted({s.starts_at.astimezone(TZ).date() for s in created})
    assert tet not in days
    assert all(d.weekday() in (5, 6) for d in days)
    assert len(created) == 7 * 2  # 8 weekend days in February 2027, one excepted
    first = min(created, key=lambda s: s.starts_at)
    assert first.starts_at.astimezone(TZ).time() == datetime.time(8, 0)
    assert first.starts_at.utcoffset() is None or first.starts_at.astimezone(
        TZ
    ).utcoffset() == datetime.timedelta(hours=7)
    again = services.create_slots_from_rule(
        experience,
        start_date=start,
        end_date=datetime.date(2027, 2, 28),
        weekdays=[5, 6],
        times=[datetime.time(8, 0)],
        capacity=8,
    )
    assert again == [tet and s for s in again]  # only the excepted day's 08:00 is new
    assert len(again) == 1


def test_full_slot_refuses_with_clear_message():
    slot = make_slot(make_experience(translate=False), capacity=3)
    book(slot, adults=2)
    with pytest.raises(services.SlotFull) as exc:
        book(slot, adults=2)
    assert "1" in str(exc.value.message)
    book(slot, adults=1)
    with pytest.raises(services.SlotFull) as exc:
        book(slot, adults=1)
    assert exc.value.code == "full" and exc.value.free == 0
    assert "hết chỗ" in str(exc.value.message)
    assert services.seats_taken(slot) == 3


def test_cutoff_is_respected():
    experience = make_experience(translate=False, cutoff_hours=24)
    slot = make_slot(experience, days=3)
    just_before = slot.starts_at - datetime.timedelta(hours=24, seconds=1)
    assert book(slot, now=just_before).status == Booking.Status.HELD
    with pytest.raises(services.BookingRefused) as exc:
        book(slot, now=slot.starts_at - datetime.timedelta(hours=24))
    assert exc.value.code == "cutoff"


def test_group_size_and_min_age():
    experience = make_experience(translate=False, min_group=2, max_group=4, min_age=12)
    slot = make_slot(experience)
    for adults, children, age, code in [
        (1, 0, 30, "group"),
        (3, 2, 30, "group"),
        (0, 2, 14, "group"),
        (2, 1, 8, "age"),
        (2, 0, None, "age"),
    ]:
        with pytest.raises(services.BookingRefused) as exc:
            book(slot, adults=adults, children=children, youngest_age=age)
        assert exc.value.code == code, (adults, children, age)
    assert book(slot, adults=2, children=1, youngest_age=12).seats == 3


def test_payment_holds_seats_then_paid_confirms_and_expiry_releases():
    experience = make_experience(translate=False, deposit_percent=30)
    slot = make_slot(experience, capacity=4)
    held = book(slot, adults=2, payment_choice=Booking.Payment.DEPOSIT)
    assert held.status == Booking.Status.HELD
    assert held.amount == 900_000 and held.amount_due_now == 270_000
    payment = Payment.objects.get(reference=held.code)
    assert payment.amount == 270_000 and payment.expires_at == held.hold_expires_at
    assert pay(held).status == Booking.Status.CONFIRMED
    assert held.amount_paid == 270_000

    other = book(slot, adults=2)
    assert services.seats_taken(slot) == 4
    expired = services.expire_unpaid_bookings(
        now=other.hold_expires_at + datetime.timedelta(seconds=1)
    )
    assert expired == [other.code]
    other.refresh_from_db()
    assert other.status == Booking.Status.EXPIRED
    assert Payment.objects.get(reference=other.code).status == "cancelled"
    assert services.seats_taken(slot) == 2
    # money arriving after expiry is flagged for a refund, the seats are not taken again
    payment_services.mark_paid(Payment.objects.get(reference=other.code))
    assert Payment.objects.get(reference=other.code).needs_attention
    assert services.seats_taken(slot) == 2


def test_pay_on_arrival_only_where_allowed():
    slot = make_slot(make_experience(translate=False, pay_on_arrival=False))
    with pytest.raises(services.BookingRefused):
        book(slot, payment_choice=Booking.Payment.ON_ARRIVAL)
    slot2 = make_slot(make_experience(translate=False, pay_on_arrival=True))
    booking = book(slot2, payment_choice=Booking.Payment.ON_ARRIVAL)
    assert booking.status == Booking.Status.CONFIRMED
    assert not Payment.objects.filter(reference=booking.code).exists()


def test_double_submit_makes_one_booking():
    slot = make_slot(make_experience(translate=False))
    first = book(slot, adults=2, submission_key="k1")
    second = book(slot, adults=2, submission_key="k1")
    assert first.pk == second.pk
    assert Booking.objects.count() == 1


def test_capacity_never_below_seats_booked():
    slot = make_slot(make_experience(translate=False), capacity=6)
    book(slot, adults=4)
    with pytest.raises(services.BookingRefused) as exc:
        services.change_capacity(slot, 3)
    assert "4" in str(exc.value.message)
    assert services.change_capacity(slot, 4).capacity == 4
    slot.refresh_from_db()
    assert slot.capacity == 4


def test_closed_slot_takes_no_new_bookings_but_keeps_old():
    slot = make_slot(make_experience(translate=False))
    kept = book(slot)
    services.close_slot(slot)
    with pytest.raises(services.BookingRefused) as exc:
        book(slot)
    assert exc.value.code == "closed"
    kept.refresh_from_db()
    assert kept.status == Booking.Status.HELD


@pytest.mark.parametrize(
    "before, share",
    [
        (datetime.timedelta(days=7), 100),  # exactly N days before: still free
        (datetime.timedelta(days=7, seconds=1), 100),
        (datetime.timedelta(days=7) - datetime.timedelta(seconds=1), 50),
        (datetime.timedelta(hours=1), 50),
    ],
)
def test_refund_at_policy_edges(before, share):
    slot = make_slot(make_experience(translate=False, late_refund_percent=50), days=20)
    booking = pay(book(slot, adults=1, children=1))  # 650.000 ₫
    now = slot.starts_at - before
    assert services.refund_for(booking, now) == 650_000 * share // 100
    cancelled = services.cancel_booking(booking, now=now)
    assert cancelled.status == Booking.Status.CANCELLED
    assert cancelled.refund_due == 650_000 * share // 100
    paid = Payment.objects.get(reference=booking.code)
    assert paid.needs_attention  # staff send the refund


def test_cannot_cancel_after_start():
    slot = make_slot(make_experience(translate=False), days=20)
    booking = book(slot)
    with pytest.raises(services.BookingRefused):
        services.cancel_booking(booking, now=slot.starts_at + datetime.timedelta(minutes=1))


def test_cancel_date_refunds_everyone_in_full_in_their_language(django_capture_on_commit_callbacks):
    experience = make_experience(late_refund_percent=0)
    morning = make_slot(experience, days=2, hour=8)
    afternoon = make_slot(experience, days=2, hour=14)
    other_day = make_slot(experience, days=3, hour=8)
    with django_capture_on_commit_callbacks(execute=True):
        vi = pay(book(morning, adults=2, language="vi", email="vi@example.com"))
        en = pay(book(afternoon, adults=1, language="en", email="en@example.com"))
        untouched = book(other_day)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.cancel_date(
            experience, morning.starts_at.astimezone(TZ).date(), reason="Sạt lở đất"
        )
    assert {s.pk for s in cancelled} == {morning.pk, afternoon.pk}
    for booking, amount in ((vi, 900_000), (en, 450_000)):
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED
        assert booking.refund_due == amount  # in full, although the policy says 0 % now
    untouched.refresh_from_db()
    assert untouched.status == Booking.Status.HELD
    assert Slot.objects.get(pk=morning.pk).status == Slot.Status.CANCELLED
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"vi@example.com", "en@example.com"}
    assert "hoàn lại toàn bộ" in by_address["vi@example.com"].body
    assert "refunded in full" in by_address["en@example.com"].body


def test_below_minimum_at_deadline_is_cancelled():
    experience = make_experience(translate=False)
    slot = make_slot(experience, days=5, min_participants=4)
    assert slot.min_deadline == slot.starts_at - datetime.timedelta(hours=24)
    enough = make_slot(experience, days=5, hour=14, min_participants=2)
    small = pay(book(slot, adults=3))
    book(enough, adults=2)
    assert (
        services.cancel_below_minimum(now=slot.min_deadline - datetime.timedelta(minutes=1)) == []
    )
    cancelled = services.cancel_below_minimum(now=slot.min_deadline)
    assert [s.pk for s in cancelled] == [slot.pk]
    small.refresh_from_db()
    assert small.status == Booking.Status.CANCELLED and small.refund_due == 1_350_000
    assert services.cancel_below_minimum(now=slot.min_deadline) == []  # runs again safely


def test_waiting_list_offers_in_order_and_hold_expires(django_capture_on_commit_callbacks):
    slot = make_slot(make_experience(translate=False), capacity=4)
    first = book(slot, adults=3)
    pay(book(slot, adults=1))
    a = services.join_waiting_list(slot, seats=2, name="A", email="a@w.example")
    b = services.join_waiting_list(slot, seats=1, name="B", email="b@w.example")
    c = services.join_waiting_list(slot, seats=1, name="C", email="c@w.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(first)  # 3 seats free: A (2) then B (1); C waits
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.status, b.status, c.status) == ("offered", "offered", "waiting")
    offers = sorted(m.to[0] for m in mail.outbox if m.to[0].endswith("@w.example"))
    assert offers == ["a@w.example", "b@w.example"]
    assert services.free_seats(slot) == 0
    # B takes the offer and pays
    accepted = services.accept_offer(b.offered_booking, adults=1)
    assert accepted.status == Booking.Status.HELD
    assert pay(accepted).status == Booking.Status.CONFIRMED
    # A lets the offer lapse: its seats go to C, next in line
    offer_a = a.offered_booking
    with django_capture_on_commit_callbacks(execute=True):
        services.expire_unpaid_bookings(now=offer_a.hold_expires_at + datetime.timedelta(seconds=1))
    a.refresh_from_db(), c.refresh_from_db()
    assert a.status == "done" and c.status == "offered"
    assert c.offered_booking.seats == 1
    assert services.seats_taken(slot) == 1 + 1 + 1  # the 1-seat booking, B, C's offer


def test_shared_guide_caps_two_experiences_at_the_same_time():
    from tests.tourism.factories import make_host

    host = make_host("gamma")
    guide = make_resource(host, capacity=5)
    one = make_experience(host, translate=False)
    two = make_experience(host, translate=False)
    one.resources.add(guide)
    two.resources.add(guide)
    one.save_revision().publish()
    two.save_revision().publish()
    s1 = make_slot(one, capacity=10)
    s2 = make_slot(two, capacity=10)
    book(s1, adults=3)
    with pytest.raises(services.SlotFull) as exc:
        book(s2, adults=3)
    assert exc.value.free == 2
    book(s2, adults=2)
    later = make_slot(two, capacity=10, hour=14)  # 8:00-11:00 is over by 14:00
    assert services.free_seats(later) == 5
