"""Booking flow (tourists) and the host's pages. Thin: parse, call services, render."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cooperatives import access
from core.csv_export import SafeUnicodeCSVWriter
from payments import services as payment_services
from payments.models import Method
from tourism import emails, links, selectors, services
from tourism.forms import (
    AcceptOfferForm,
    BookingForm,
    CancelDateForm,
    CapacityForm,
    RuleForm,
    SlotForm,
    WaitingListForm,
)
from tourism.models import Booking, ExperiencePage, Slot


# --------------------------------------------------------------------------- tourist
def book(request, page):
    """POST on the experience page: a booking or a waiting-list entry."""
    slots = selectors.coming_slots(page)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if request.POST.get("action") == "waitlist":
        form = WaitingListForm(request.POST, slots=slots)
        if form.is_valid():
            slot = Slot.objects.filter(pk=form.cleaned_data["slot"]).first()
            try:
                services.join_waiting_list(
                    slot,
                    seats=form.cleaned_data["seats"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    language=language,
                )
            except services.BookingRefused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("You are on the waiting list. We will e-mail you if seats free up."),
                )
                return redirect(page.url)
        request.tourism_context = {
            "waiting_form": form,
            "booking_form": BookingForm(page=page, slots=slots),
        }
        return _render_page(request, page, 400)

    form = BookingForm(request.POST, page=page, slots=slots)
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.place_booking(
                data["slot"],
                adults=data["adults"],
                children=data["children"],
                name=data["name"],
                email=data["email"],
                phone=data.get("phone", ""),
                language=language,
                guide_language=data.get("guide_language", ""),
                notes=data.get("notes", ""),
                nationality=data.get("nationality", ""),
                passport_number=data.get("passport_number", ""),
                payment_choice=data["payment_choice"],
                method=data["method"],
                youngest_age=data.get("youngest_age"),
                submission_key=data.get("submission_key", ""),
            )
        except Slot.DoesNotExist:
            form.add_error("slot", _("Choose one of the dates shown."))
        except services.BookingRefused as exc:
            form.add_error(None, exc.message)
            if isinstance(exc, services.SlotFull):
                request.tourism_context_full = True
        else:
            return _after_booking(request, booking, language)
    request.tourism_context = {
        "booking_form": form,
        "waiting_form": WaitingListForm(slots=slots, initial=_waitlist_initial(form)),
        "slot_full": getattr(request, "tourism_context_full", False),
    }
    return _render_page(request, page, 400)


def _render_page(request, page, status):
    from django.template.response import TemplateResponse

    return TemplateResponse(
        request, page.get_template(request), page.get_context(request), status=status
    )


def _waitlist_initial(form):
    data = getattr(form, "cleaned_data", {}) or {}
    seats = (data.get("adults") or 0) + (data.get("children") or 0)
    return {
        "slot": data.get("slot"),
        "seats": seats or None,
        "name": data.get("name", ""),
        "email": data.get("email", ""),
    }


def _after_booking(request, booking, language):
    payment = services.open_payment(booking)
    if payment is not None and payment.method == Method.CARD and not payment.checkout_url:
        url = links.booking_url(booking, language)
        try:
            payment = payment_services.start_card_payment(
                payment,
                description=f"{booking.slot.experience.title} {booking.code}",
                success_url=url,
                cancel_url=url,
                email=booking.email,
                locale=language,
            )
        except Exception:  # noqa: BLE001 - Stripe down: the VietQR option stays open
            messages.error(request, _("Card payment is not available right now."))
        else:
            return HttpResponseRedirect(payment.checkout_url)
    return redirect(links.booking_path(booking, language))


def _booking_from(token):
    code = links.code_from_token(token)
    if not code:
        raise Http404
    booking = Booking.objects.select_related("slot__experience__host").filter(code=code).first()
    if booking is None:
        raise Http404
    return booking


@require_http_methods(["GET", "HEAD", "POST"])
def booking_detail(request, token):
    booking = _booking_from(token)
    page = emails.experience_in(booking, translation.get_language())
    offer_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm the cancellation."))
            else:
                try:
                    services.cancel_booking(booking)
                except services.BookingRefused as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("Your booking is cancelled."))
            return redirect(request.path)
        if action == "accept":
            offer_form = AcceptOfferForm(request.POST)
            if offer_form.is_valid():
                try:
                    services.accept_offer(booking, **offer_form.cleaned_data)
                except services.BookingRefused as exc:
                    offer_form.add_error(None, exc.message)
                else:
                    return redirect(request.path)
        else:
            return redirect(request.path)
    booking.refresh_from_db()
    payment = services.open_payment(booking)
    context = {
        "booking": booking,
        "page": page,
        "slot": booking.slot,
        "payment": payment,
        "can_cancel": services.can_cancel(booking),
        "refund_if_cancelled": services.refund_for(booking),
        "offer_form": offer_form
        or (
            AcceptOfferForm(initial={"adults": booking.seats, "children": 0})
            if booking.status == Booking.Status.OFFERED
            else None
        ),
        "ics_url": reverse("tourism:booking-ics", kwargs={"token": token}),
    }
    return render(
        request, "tourism/booking.html", context, status=400 if offer_form is not None else 200
    )


@require_safe
def booking_ics(request, token):
    booking = _booking_from(token)
    if booking.status != Booking.Status.CONFIRMED:
        raise Http404
    response = HttpResponse(
        emails.calendar_for(booking), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{booking.code}.ics"'
    return response


# --------------------------------------------------------------------------- host
def _host_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (access.is_staff(user) or access.is_cooperative_user(user)):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _owned_slot(request, pk):
    return access.get_owned_or_404(
        request.user, Slot.objects.select_related("experience__host"), pk=pk
    )


@_host_only
def host_index(request):
    experiences = access.owned_queryset(request.user, ExperiencePage).filter(
        locale__language_code=settings.LANGUAGE_CODE
    )
    now = timezone.now()
    slots = (
        access.owned_queryset(request.user, Slot)
        .filter(starts_at__gte=now - datetime.timedelta(days=1))
        .select_related("experience")
        .order_by("starts_at", "pk")[:200]
    )
    experiences = list(experiences)
    slots = list(slots)
    titles = selectors.titles_in_language([*experiences, *(s.experience for s in slots)])
    for item in [*experiences, *(s.experience for s in slots)]:
        item.shown_title = titles[item.pk]
    return render(
        request,
        "tourism/host/index.html",
        {"experiences": experiences, "slots": slots},
    )


@_host_only
@require_http_methods(["GET", "HEAD", "POST"])
def host_experience(request, pk):
    experience = access.get_owned_or_404(request.user, ExperiencePage, pk=pk)
    slot_form = SlotForm(prefix="one")
    rule_form = RuleForm(prefix="rule")
    cancel_form = CancelDateForm(prefix="cancel")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "one":
                slot_form = SlotForm(request.POST, prefix="one")
                if slot_form.is_valid():
                    data = slot_form.cleaned_data
                    services.create_slot(
                        experience,
                        datetime.datetime.combine(data["date"], data["time"]),
                        data["capacity"],
                        min_participants=data["min_participants"],
                    )
                    messages.success(request, _("Slot added."))
                    return redirect(request.path)
            elif action == "rule":
                rule_form = RuleForm(request.POST, prefix="rule")
                if rule_form.is_valid():
                    created = services.create_slots_from_rule(experience, **rule_form.cleaned_data)
                    messages.success(request, _("%(n)d slots added.") % {"n": len(created)})
                    return redirect(request.path)
            elif action == "cancel_date":
                cancel_form = CancelDateForm(request.POST, prefix="cancel")
                if cancel_form.is_valid():
                    cancelled = services.cancel_date(
                        experience,
                        cancel_form.cleaned_data["date"],
                        reason=cancel_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request,
                        _("%(n)d slots cancelled; every guest is refunded and told.")
                        % {"n": len(cancelled)},
                    )
                    return redirect(request.path)
        except services.BookingRefused as exc:
            messages.error(request, exc.message)
        status = 400
    slots = Slot.objects.filter(experience=experience, starts_at__gte=timezone.now()).order_by(
        "starts_at", "pk"
    )[:200]
    experience.shown_title = selectors.titles_in_language([experience])[experience.pk]
    return render(
        request,
        "tourism/host/experience.html",
        {
            "experience": experience,
            "slots": slots,
            "slot_form": slot_form,
            "rule_form": rule_form,
            "cancel_form": cancel_form,
        },
        status=status,
    )


@_host_only
@require_http_methods(["GET", "HEAD", "POST"])
def host_slot(request, pk):
    """The check-in list of a slot (printable; the page needs nothing from the network)
    with arrivals, no-shows, capacity and closing."""
    slot = _owned_slot(request, pk)
    capacity_form = CapacityForm(initial={"capacity": slot.capacity})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("arrived", "no_show", "reset"):
                booking = Booking.objects.filter(
                    slot=slot, pk=_int(request.POST.get("booking"))
                ).first()
                if booking is None:
                    raise Http404
                value = {"arrived": "arrived", "no_show": "no_show", "reset": ""}[action]
                services.mark_attendance(booking, value)
            elif action == "capacity":
                capacity_form = CapacityForm(request.POST)
                if capacity_form.is_valid():
                    services.change_capacity(slot, capacity_form.cleaned_data["capacity"])
                    messages.success(request, _("Capacity changed."))
                else:
                    messages.error(request, _("Give a number of seats."))
            elif action == "close":
                services.close_slot(slot)
            elif action == "reopen":
                services.reopen_slot(slot)
            elif action == "cancel":
                if request.POST.get("confirm") == "yes":
                    services.cancel_slot(slot, reason=request.POST.get("reason", "")[:255])
                else:
                    messages.error(request, _("Tick the box to confirm the cancellation."))
        except services.BookingRefused as exc:
            messages.error(request, exc.message)
        return redirect(request.path)
    bookings = list(slot.bookings.order_by("name", "pk"))
    experience = slot.experience
    experience.shown_title = selectors.titles_in_language([experience])[experience.pk]
    return render(
        request,
        "tourism/host/slot.html",
        {
            "slot": slot,
            "bookings": bookings,
            "seats_taken": services.seats_taken(slot),
            "capacity_form": capacity_form,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@_host_only
@require_safe
def host_slot_csv(request, pk):
    slot = _owned_slot(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    local = timezone.localtime(slot.starts_at)
    response["Content-Disposition"] = (
        f'attachment; filename="slot-{slot.pk}-{local:%Y%m%d-%H%M}.csv"'
    )
    writer = SafeUnicodeCSVWriter(open_file=response)
    writer.writerow(
        [
            _("Booking code"),
            _("Name"),
            _("Adults"),
            _("Children"),
            _("Phone"),
            _("E-mail"),
            _("Guide language"),
            _("Notes"),
            _("Nationality"),
            _("Passport number"),
            _("Status"),
            _("Price (VND)"),
            _("Paid (VND)"),
            _("Attendance"),
        ]
    )
    for b in slot.bookings.order_by("name", "pk"):
        writer.writerow(
            [
                b.code,
                b.name,
                b.adults,
                b.children,
                b.phone,
                b.email,
                b.guide_language,
                b.notes,
                b.nationality,
                b.passport_number,
                b.get_status_display(),
                b.amount,
                b.amount_paid,
                b.get_attendance_display(),
            ]
        )
    return response
