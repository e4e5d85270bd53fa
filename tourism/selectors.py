"""What the experience page shows: the calendar of coming weeks with free seats
(a fixed number of queries whatever the number of slots), products grown there."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import get_language

from tourism.models import Booking, Resource, Slot


def calendar_weeks():
    return getattr(settings, "TOURISM_CALENDAR_WEEKS", 6)


def _taken(slot_filter):
    holding = Q(bookings__status__in=Booking.SEAT_HOLDING)
    return (
        Slot.objects.filter(slot_filter)
        .annotate(
            adults_taken=Sum("bookings__adults", filter=holding),
            children_taken=Sum("bookings__children", filter=holding),
        )
        .order_by("starts_at", "pk")
    )


def coming_slots(experience, now=None, weeks=None):
    """Open slots of the coming weeks, each with ``free`` seats (shared resources
    counted), bookable ones only after the cut-off. Four queries."""
    now = now or timezone.now()
    weeks = weeks or calendar_weeks()
    source = experience.source
    first = now + datetime.timedelta(hours=source.cutoff_hours)
    last = now + datetime.timedelta(weeks=weeks)
    slots = list(
        _taken(
            Q(experience=source, starts_at__gt=first, starts_at__lte=last)
            & ~Q(status=Slot.Status.CANCELLED)
        )
    )
    for slot in slots:
        slot.free = max(slot.capacity - (slot.adults_taken or 0) - (slot.children_taken or 0), 0)
    resources = list(Resource.objects.filter(experiences=source).order_by("pk"))
    if resources and slots:
        others = _resource_rows(resources, slots)
        by_resource = defaultdict(list)
        for row in others:
            by_resource[row["resource"]].append(row)
        for slot in slots:
            for resource in resources:
                used = sum(
                    row["taken"]
                    for row in by_resource[resource.pk]
                    if row["starts_at"] < slot.ends_at and row["ends_at"] > slot.starts_at
                )
                slot.free = max(min(slot.free, resource.capacity - used), 0)
    return slots


def _resource_rows(resources, slots):
    """Seats taken per (resource, slot) on every slot using one of ``resources`` in
    the window: one query."""
    holding = Q(bookings__status__in=Booking.SEAT_HOLDING)
    rows = (
        Slot.objects.filter(
            experience__resources__in=resources,
            starts_at__lt=slots[-1].ends_at,
            ends_at__gt=slots[0].starts_at,
        )
        .exclude(status=Slot.Status.CANCELLED)
        .values("pk", "starts_at", "ends_at", "experience__resources")
        .annotate(
            a=Sum("bookings__adults", filter=holding),
            c=Sum("bookings__children", filter=holding),
        )
    )
    return [
        {
            "resource": row["experience__resources"],
            "starts_at": row["starts_at"],
            "ends_at": row["ends_at"],
            "taken": (row["a"] or 0) + (row["c"] or 0),
        }
        for row in rows
    ]


def calendar(slots):
    """Slots grouped by local date: [(date, [slots])]."""
    days = defaultdict(list)
    for slot in slots:
        days[timezone.localtime(slot.starts_at).date()].append(slot)
    return sorted(days.items())


def products_grown_at(experience, limit=6):
    """Live products packed from lots of the experience's growing areas. The lineage
    walk takes a query per level, so the answer is cached for a few minutes."""
    from django.core.cache import cache

    source = experience.source
    stamp = int(source.last_published_at.timestamp()) if source.last_published_at else 0
    key = f"tourism:grown:{source.pk}:{stamp}:{get_language()}"
    return cache.get_or_set(key, lambda: _products_grown_at(source, limit), 600)


def _products_grown_at(experience, limit):
    from oscar.core.loading import get_model

    from provenance.models import Lot
    from provenance.services import descendant_ids

    Product = get_model("catalogue", "Product")
    area_lots = list(
        Lot.objects.filter(growing_area__experiences=experience.source).values_list("pk", flat=True)
    )
    if not area_lots:
        return []
    lots = descendant_ids(area_lots)
    products = (
        Product.objects.filter(is_public=True, provenance_lots__in=lots)
        .distinct()
        .order_by("pk")[:limit]
    )
    return [{"title": p.get_title(), "url": p.get_absolute_url()} for p in products]


def experience_context(page, request):
    from tourism.forms import BookingForm, WaitingListForm

    slots = coming_slots(page)
    context = {
        "slots": slots,
        "calendar": calendar(slots),
        "products_grown": products_grown_at(page),
        "meeting_map": meeting_map(page),
    }
    if "booking_form" not in getattr(request, "tourism_context", {}):
        context["booking_form"] = BookingForm(page=page, slots=slots)
        context["waiting_form"] = WaitingListForm(slots=slots)
    context.update(getattr(request, "tourism_context", {}))
    return context


def meeting_map(page, size=240):
    """A small inline SVG marker map of the meeting point (no tiles): a grid with the
    point at its centre and its coordinates written beside it."""
    if page.latitude is None or page.longitude is None:
        return None
    return {
        "size": size,
        "centre": size / 2,
        "lat": float(page.latitude),
        "lon": float(page.longitude),
        "grid": [size * i / 6 for i in range(1, 6)],
    }


def titles_in_language(experiences, language=None):
    """``{pk: title}`` of ``experiences`` (the pages slots belong to) in ``language``
    (the active one by default), falling back to their own title: one query."""
    from tourism.models import ExperiencePage

    experiences = {page.pk: page for page in experiences}
    titles = {pk: page.title for pk, page in experiences.items()}
    language = language or get_language() or settings.LANGUAGE_CODE
    keys = {page.translation_key: pk for pk, page in experiences.items()}
    translated = ExperiencePage.objects.filter(
        translation_key__in=keys, locale__language_code=language
    ).values_list("translation_key", "title")
    for key, title in translated:
        titles[keys[key]] = title
    return titles
