"""Farm-visit rules as plain verb functions (issue 11).

Seats are counted, never cached: a slot's seats taken are the seats of its bookings
that hold seats (awaiting payment, offered from the waiting list, confirmed). Every
change that can take or free seats runs inside one transaction holding row locks in
one order: payments of the booking → the booking → the experience's shared resources
(by pk) → the slot. E-mails go out after commit.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments import services as payment_services
from payments.models import Method
from payments.models import Status as PaymentStatus
from tourism.models import Booking, ExperiencePage, Resource, Slot, WaitingListEntry

logger = logging.getLogger(__name__)

PAYMENT_PURPOSE = "booking"
SITE_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


class BookingRefused(Exception):
    """A rule says no; ``message`` is for the tourist or the host (translated lazily)."""

    def __init__(self, message, code="refused"):
        super().__init__(str(message))
        self.message = message
        self.code = code


class SlotFull(BookingRefused):
    def __init__(self, free=0):
        if free:
            message = _(
                "Sorry, only %(free)d seats are left on this date. Choose fewer people, "
                "another date or join the waiting list."
            ) % {"free": free}
        else:
            message = _("Sorry, this date is full. Choose another date or join the waiting list.")
        super().__init__(message, code="full")
        self.free = free


def hold_hours():
    return getattr(settings, "TOURISM_HOLD_HOURS", 12)


def offer_hours():
    return getattr(settings, "TOURISM_OFFER_HOURS", 24)


# --------------------------------------------------------------------------- counting
def seats_taken(slot):
    return (
        Booking.objects.filter(slot=slot, status__in=Booking.SEAT_HOLDING).aggregate(
            n=Sum("adults") + Sum("children")
        )["n"]
        or 0
    )


def _resource_taken(resource, slot):
    """Seats taken at ``slot``'s time on every live slot that draws on ``resource``."""
    overlapping = Slot.objects.filter(
        experience__resources=resource,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    ).exclude(status=Slot.Status.CANCELLED)
    return (
        Booking.objects.filter(slot__in=overlapping, status__in=Booking.SEAT_HOLDING).aggregate(
            n=Sum("adults") + Sum("children")
        )["n"]
        or 0
    )


def free_seats(slot, resources=None):
    if resources is None:
        resources = list(slot.experience.resources.order_by("pk"))
    free = slot.capacity - seats_taken(slot)
    for resource in resources:
        free = min(free, resource.capacity - _resource_taken(resource, slot))
    return max(free, 0)


def _lock_slot(slot_id):
    """Lock the slot's resources (by pk), then the slot; return the locked slot and
    the resources."""
    experience_id = Slot.objects.values_list("experience_id", flat=True).get(pk=slot_id)
    resources = list(
        Resource.objects.select_for_update().filter(experiences__pk=experience_id).order_by("pk")
    )
    slot = Slot.objects.select_for_update().get(pk=slot_id)
    slot.experience = ExperiencePage.objects.get(pk=experience_id)
    return slot, resources


# --------------------------------------------------------------------------- slots
def _local(date, time):
    return datetime.datetime.combine(date, time, tzinfo=SITE_TZ)


def create_slot(experience, starts_at, capacity, *, min_participants=0, min_deadline=None):
    experience = experience.source
    if capacity < 1:
        raise BookingRefused(_("A slot needs at least one seat."), code="capacity")
    if timezone.is_naive(starts_at):
        starts_at = starts_at.replace(tzinfo=SITE_TZ)
    if min_participants and min_deadline is None:
        min_deadline = starts_at - datetime.timedelta(hours=max(experience.cutoff_hours, 24))
    slot, created = Slot.objects.get_or_create(
        experience=experience,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + datetime.timedelta(minutes=experience.duration_minutes),
            "capacity": capacity,
            "min_participants": min_participants,
            "min_deadline": min_deadline,
        },
    )
    return slot, created


def create_slots_from_rule(
    experience,
    *,
    start_date,
    end_date,
    weekdays,
    times,
    capacity,
    exceptions=(),
    min_participants=0,
):
    """A slot at each of ``times`` on each of ``weekdays`` (0 = Monday) from
    ``start_date`` to ``end_date`` inclusive, except the ``exceptions`` dates (Tết,
    given days). Slots that already exist are left alone. Returns the new slots."""
    if end_date < start_date:
        raise BookingRefused(_("The last date is before the first."), code="range")
    if (end_date - start_date).days > 366:
        raise BookingRefused(_("A rule covers at most one year."), code="range")
    skip = set(exceptions)
    weekdays = set(weekdays)
    created = []
    day = start_date
    with transaction.atomic():
        while day <= end_date:
            if day.weekday() in weekdays and day not in skip:
                for time in sorted(times):
                    slot, new = create_slot(
                        experience,
                        _local(day, time),
                        capacity,
                        min_participants=min_participants,
                    )
                    if new:
                        created.append(slot)
            day += datetime.timedelta(days=1)
    return created


@transaction.atomic
def change_capacity(slot, capacity):
    slot, _resources = _lock_slot(slot.pk)
    taken = seats_taken(slot)
    if capacity < taken:
        raise BookingRefused(
            _("%(taken)d seats are already booked: the capacity cannot go below that.")
            % {"taken": taken},
            code="capacity",
        )
    slot.capacity = capacity
    slot.save(update_fields=["capacity"])
    _offer_freed_seats(slot)
    return slot


@transaction.atomic
def close_slot(slot):
    """No new bookings; those made stay."""
    slot, _resources = _lock_slot(slot.pk)
    if slot.status == Slot.Status.OPEN:
        slot.status = Slot.Status.CLOSED
        slot.save(update_fields=["status"])
    return slot


@transaction.atomic
def reopen_slot(slot):
    slot, _resources = _lock_slot(slot.pk)
    if slot.status == Slot.Status.CLOSED:
        slot.status = Slot.Status.OPEN
        slot.save(update_fields=["status"])
    return slot


def cancel_slot(slot, *, reason, email_kind="date_cancelled"):
    """The slot does not run: every booking is cancelled with a full refund of what
    was paid and every tourist is told in their language."""
    with transaction.atomic():
        codes = list(
            Booking.objects.filter(slot=slot, status__in=Booking.SEAT_HOLDING)
            .order_by("pk")
            .values_list("code", flat=True)
        )
        for code in codes:
            _cancel(code, full_refund=True, reason=reason, email_kind=email_kind, offer=False)
        slot, _resources = _lock_slot(slot.pk)
        slot.status = Slot.Status.CANCELLED
        slot.cancel_reason = str(reason)[:255]
        slot.save(update_fields=["status", "cancel_reason"])
        WaitingListEntry.objects.filter(slot=slot).update(status=WaitingListEntry.Status.DONE)
    return slot


def cancel_date(experience, date, *, reason):
    """Weather, a landslide: every slot of the experience on that (local) day is
    cancelled, every booking refunded in full. Returns the slots cancelled."""
    experience = experience.source
    start = _local(date, datetime.time(0, 0))
    slots = list(
        Slot.objects.filter(
            experience=experience,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .exclude(status=Slot.Status.CANCELLED)
        .order_by("pk")
    )
    for slot in slots:
        cancel_slot(slot, reason=reason)
    return slots


def cancel_below_minimum(now=None):
    """At its deadline, a slot that runs only if N join and has fewer is cancelled and
    refunded. Safe to run again (management command ``cancel_small_slots``)."""
    now = now or timezone.now()
    cancelled = []
    candidates = Slot.objects.filter(
        status__in=[Slot.Status.OPEN, Slot.Status.CLOSED],
        min_participants__gt=0,
        min_deadline__lte=now,
        starts_at__gt=now,
    ).order_by("pk")
    for slot in candidates:
        if seats_taken(slot) < slot.min_participants:
            cancel_slot(
                slot,
                reason="Fewer than the minimum joined",
                email_kind="min_cancelled",
            )
            cancelled.append(slot)
    return cancelled


# --------------------------------------------------------------------------- booking
def price_for(experience, adults, children):
    return adults * experience.price_adult + children * experience.price_child


def due_now(experience, amount, payment_choice):
    if payment_choice == Booking.Payment.ON_ARRIVAL:
        return 0
    if payment_choice == Booking.Payment.DEPOSIT and experience.deposit_percent:
        return amount * experience.deposit_percent // 100
    return amount


def _check_booking_rules(slot, experience, *, adults, children, youngest_age, now):
    if slot.status != Slot.Status.OPEN:
        raise BookingRefused(_("This date is no longer open for booking."), code="closed")
    if now >= slot.starts_at - datetime.timedelta(hours=experience.cutoff_hours):
        raise BookingRefused(
            _("Booking for this date closed %(hours)d hours before the start.")
            % {"hours": experience.cutoff_hours},
            code="cutoff",
        )
    seats = adults + children
    if adults < 1:
        raise BookingRefused(_("At least one adult must come."), code="group")
    if seats < experience.min_group:
        raise BookingRefused(
            _("This visit takes groups of at least %(n)d people.") % {"n": experience.min_group},
            code="group",
        )
    if seats > experience.max_group:
        raise BookingRefused(
            _("One booking takes at most %(n)d people.") % {"n": experience.max_group},
            code="group",
        )
    if experience.min_age and (youngest_age is None or youngest_age < experience.min_age):
        raise BookingRefused(
            _("Every guest must be at least %(age)d years old.") % {"age": experience.min_age},
            code="age",
        )


def place_booking(
    slot_id,
    *,
    adults,
    children=0,
    name,
    email,
    phone="",
    language="vi",
    guide_language="",
    notes="",
    nationality="",
    passport_number="",
    payment_choice=Booking.Payment.FULL,
    method=Method.VIETQR,
    youngest_age=None,
    submission_key="",
    now=None,
):
    """Take seats on a slot, or raise BookingRefused (SlotFull when it is full). The
    same ``submission_key`` twice returns the first booking (double submit)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            slot, resources = _lock_slot(slot_id)
            if submission_key:
                earlier = Booking.objects.filter(submission_key=submission_key, slot=slot).first()
                if earlier is not None:
                    return earlier
            experience = slot.experience
            _check_booking_rules(
                slot,
                experience,
                adults=adults,
                children=children,
                youngest_age=youngest_age,
                now=now,
            )
            if payment_choice == Booking.Payment.ON_ARRIVAL and not experience.pay_on_arrival:
                raise BookingRefused(_("This host asks for payment when you book."), code="payment")
            if payment_choice == Booking.Payment.DEPOSIT and not experience.deposit_percent:
                payment_choice = Booking.Payment.FULL
            free = free_seats(slot, resources)
            if adults + children > free:
                raise SlotFull(free)
            amount = price_for(experience, adults, children)
            to_pay = due_now(experience, amount, payment_choice)
            booking = Booking(
                code=Booking.new_code(),
                slot=slot,
                adults=adults,
                children=children,
                name=name,
                email=email,
                phone=phone,
                language=language,
                guide_language=guide_language,
                notes=notes,
                nationality=nationality,
                passport_number=passport_number,
                payment_choice=payment_choice,
                amount=amount,
                amount_due_now=to_pay,
                submission_key=submission_key,
            )
            _start_payment(booking, to_pay, method, now)
            return booking
    except IntegrityError:  # a booking code drawn twice: vanishingly rare, try again once
        logger.warning("booking code clash; retrying")
        return place_booking(
            slot_id,
            adults=adults,
            children=children,
            name=name,
            email=email,
            phone=phone,
            language=language,
            guide_language=guide_language,
            notes=notes,
            nationality=nationality,
            passport_number=passport_number,
            payment_choice=payment_choice,
            method=method,
            youngest_age=youngest_age,
            submission_key=submission_key,
            now=now,
        )


def _start_payment(booking, to_pay, method, now):
    """Save ``booking`` held while its payment is open, or confirmed when nothing is
    due now; e-mail the tourist after commit."""
    from tourism import emails

    if to_pay > 0:
        booking.status = Booking.Status.HELD
        booking.hold_expires_at = min(
            now + datetime.timedelta(hours=hold_hours()), booking.slot.starts_at
        )
        booking.save()
        payment_services.create_payment(
            purpose=PAYMENT_PURPOSE,
            reference=booking.code,
            amount=to_pay,
            method=method,
            expires_at=booking.hold_expires_at,
        )
        emails.send_on_commit(booking, "held")
    else:
        booking.status = Booking.Status.CONFIRMED
        booking.hold_expires_at = None
        booking.save()
        emails.send_on_commit(booking, "confirmed")


def open_payment(booking):
    return (
        payment_services.payments_for(PAYMENT_PURPOSE, booking.code)
        .filter(status=PaymentStatus.PENDING)
        .order_by("-pk")
        .first()
    )


def _locked_booking(code):
    payment_services.lock_payments_for(PAYMENT_PURPOSE, code)
    return Booking.objects.select_for_update().select_related("slot").get(code=code)


def booking_paid(payment):
    """payments told us the money is in (inside its transaction, payment locked)."""
    from tourism import emails

    booking = _locked_booking(payment.reference)
    paid = (
        payment_services.payments_for(PAYMENT_PURPOSE, booking.code)
        .filter(status=PaymentStatus.PAID)
        .aggregate(n=Sum("amount"))["n"]
        or 0
    )
    booking.amount_paid = paid
    if booking.status in (Booking.Status.HELD, Booking.Status.OFFERED):
        booking.status = Booking.Status.CONFIRMED
        booking.hold_expires_at = None
        booking.save(update_fields=["status", "hold_expires_at", "amount_paid"])
        emails.send_on_commit(booking, "confirmed")
    else:
        booking.save(update_fields=["amount_paid"])
        if booking.status in (Booking.Status.CANCELLED, Booking.Status.EXPIRED):
            payment_services.flag_for_attention(
                payment, note=f"booking {booking.code} was {booking.status}: refund"
            )


def booking_payment_cancelled(payment):
    """The provider ended the payment (e.g. the card session expired): the seats go."""
    booking = _locked_booking(payment.reference)
    if booking.status == Booking.Status.HELD and open_payment(booking) is None:
        _release(booking, Booking.Status.EXPIRED, reason="Payment ended unpaid")


def _release(booking, status, *, reason, offer=True):
    booking.status = status
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = str(reason)[:255]
    booking.hold_expires_at = None
    booking.save(
        update_fields=["status", "cancelled_at", "cancel_reason", "hold_expires_at", "refund_due"]
    )
    for payment in payment_services.payments_for(PAYMENT_PURPOSE, booking.code).filter(
        status=PaymentStatus.PENDING
    ):
        payment_services.cancel_payment(payment, note=f"booking {status}")
    entry = getattr(booking, "waiting_entry", None)
    if entry is not None and entry.status == WaitingListEntry.Status.OFFERED:
        entry.status = WaitingListEntry.Status.DONE
        entry.save(update_fields=["status"])
    if offer:
        slot, _resources = _lock_slot(booking.slot_id)
        _offer_freed_seats(slot)


def expire_unpaid_bookings(now=None):
    """Held or offered bookings past their deadline give their seats back, and the
    waiting list is offered them. Safe to run again (``expire_bookings`` command)."""
    now = now or timezone.now()
    codes = list(
        Booking.objects.filter(
            status__in=[Booking.Status.HELD, Booking.Status.OFFERED], hold_expires_at__lt=now
        )
        .order_by("pk")
        .values_list("code", flat=True)
    )
    expired = []
    for code in codes:
        with transaction.atomic():
            booking = _locked_booking(code)
            if (
                booking.status in (Booking.Status.HELD, Booking.Status.OFFERED)
                and booking.hold_expires_at
                and booking.hold_expires_at < now
            ):
                _release(booking, Booking.Status.EXPIRED, reason="Not paid in time")
                expired.append(code)
    return expired


# --------------------------------------------------------------------------- cancelling
def refund_for(booking, now=None):
    """What the tourist gets back of what they paid if they cancel at ``now``: all of
    it until ``free_cancel_days`` days before the start (that instant included), the
    stated share after."""
    now = now or timezone.now()
    experience = booking.slot.experience
    free_until = booking.slot.starts_at - datetime.timedelta(days=experience.free_cancel_days)
    if now <= free_until:
        return booking.amount_paid
    return booking.amount_paid * experience.late_refund_percent // 100


def can_cancel(booking, now=None):
    now = now or timezone.now()
    return booking.status in Booking.SEAT_HOLDING and now < booking.slot.starts_at


def cancel_booking(booking, *, now=None, reason="Cancelled by the tourist"):
    """The tourist cancels: the refund due under the policy is recorded (and the
    payment flagged for staff to send it); freed seats go to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_booking(booking.code)
        if not can_cancel(locked, now):
            raise BookingRefused(_("This booking can no longer be cancelled."), code="state")
        return _cancel(locked.code, full_refund=False, reason=reason, now=now, locked=locked)


def _cancel(
    code,
    *,
    full_refund,
    reason,
    email_kind="cancelled",
    now=None,
    locked=None,
    offer=True,
):
    from tourism import emails

    booking = locked or _locked_booking(code)
    if booking.status not in Booking.SEAT_HOLDING:
        return booking
    booking.refund_due = booking.amount_paid if full_refund else refund_for(booking, now)
    _release(booking, Booking.Status.CANCELLED, reason=reason, offer=offer)
    if booking.refund_due:
        paid = (
            payment_services.payments_for(PAYMENT_PURPOSE, booking.code)
            .filter(status=PaymentStatus.PAID)
            .order_by("pk")
            .first()
        )
        if paid is not None:
            payment_services.flag_for_attention(
                paid, note=f"booking {booking.code} cancelled: refund {booking.refund_due} VND"
            )
    emails.send_on_commit(booking, email_kind)
    return booking


# --------------------------------------------------------------------------- waiting list
def join_waiting_list(slot, *, seats, name, email, language="vi"):
    if seats < 1 or seats > slot.experience.source.max_group:
        raise BookingRefused(_("Choose how many seats you need."), code="group")
    if slot.status != Slot.Status.OPEN:
        raise BookingRefused(_("This date is no longer open for booking."), code="closed")
    existing = WaitingListEntry.objects.filter(
        slot=slot, email__iexact=email, status=WaitingListEntry.Status.WAITING
    ).first()
    if existing is not None:
        return existing
    return WaitingListEntry.objects.create(
        slot=slot, seats=seats, name=name, email=email, language=language
    )


def _offer_freed_seats(slot):
    """Inside the slot's lock: offer free seats to the waiting list, first come first
    served; an entry that does not fit stops the queue (nobody jumps ahead)."""
    from tourism import emails

    if slot.status != Slot.Status.OPEN:
        return []
    free = free_seats(slot)
    offered = []
    now = timezone.now()
    experience = slot.experience
    for entry in WaitingListEntry.objects.filter(
        slot=slot, status=WaitingListEntry.Status.WAITING
    ).order_by("created_at", "pk"):
        if entry.seats > free:
            break
        booking = Booking.objects.create(
            code=Booking.new_code(),
            slot=slot,
            adults=entry.seats,
            children=0,
            name=entry.name,
            email=entry.email,
            language=entry.language,
            status=Booking.Status.OFFERED,
            amount=price_for(experience, entry.seats, 0),
            hold_expires_at=min(now + datetime.timedelta(hours=offer_hours()), slot.starts_at),
        )
        entry.status = WaitingListEntry.Status.OFFERED
        entry.offered_booking = booking
        entry.save(update_fields=["status", "offered_booking"])
        free -= entry.seats
        offered.append(booking)
        emails.send_on_commit(booking, "offer")
    return offered


def accept_offer(
    booking,
    *,
    adults,
    children=0,
    phone="",
    payment_choice=Booking.Payment.FULL,
    method=Method.VIETQR,
    now=None,
):
    """The tourist takes the seats offered (up to the number held)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked_booking(booking.code)
        if booking.status != Booking.Status.OFFERED or (
            booking.hold_expires_at and booking.hold_expires_at < now
        ):
            raise BookingRefused(_("This offer has ended."), code="state")
        slot, _resources = _lock_slot(booking.slot_id)
        experience = slot.experience
        if adults < 1 or adults + children > booking.seats:
            raise BookingRefused(
                _("The offer holds %(n)d seats.") % {"n": booking.seats}, code="group"
            )
        if payment_choice == Booking.Payment.ON_ARRIVAL and not experience.pay_on_arrival:
            payment_choice = Booking.Payment.FULL
        booking.adults, booking.children, booking.phone = adults, children, phone
        booking.payment_choice = payment_choice
        booking.amount = price_for(experience, adults, children)
        booking.amount_due_now = due_now(experience, booking.amount, payment_choice)
        entry = getattr(booking, "waiting_entry", None)
        if entry is not None:
            entry.status = WaitingListEntry.Status.DONE
            entry.save(update_fields=["status"])
        _start_payment(booking, booking.amount_due_now, method, now)
        _offer_freed_seats(slot)
        return booking


# --------------------------------------------------------------------------- host
@transaction.atomic
def mark_attendance(booking, attendance):
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.CONFIRMED:
        raise BookingRefused(_("Only confirmed bookings can be checked in."), code="state")
    booking.attendance = attendance
    booking.save(update_fields=["attendance"])
    return booking
