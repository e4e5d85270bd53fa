"""E-mails to tourists, in their language, sent through the site's one door for mail
(``core.mail``: a task enqueued once the transaction commits)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core import mail
from tourism import ics, links


def send_on_commit(booking, kind):
    mail.send_on_commit(build_message, booking.pk, kind)


def subject_for(kind, booking):
    title = booking.slot.experience.title
    subjects = {
        "held": _("Seats held: %(title)s, booking %(code)s"),
        "confirmed": _("Booking confirmed: %(title)s, %(code)s"),
        "cancelled": _("Booking cancelled: %(title)s, %(code)s"),
        "date_cancelled": _("Your visit is cancelled, full refund: %(title)s, %(code)s"),
        "min_cancelled": _("Not enough guests, visit cancelled: %(title)s, %(code)s"),
        "offer": _("Seats are free for you: %(title)s"),
    }
    return subjects[kind] % {"title": title, "code": booking.code}


def calendar_for(booking):
    from tourism.models import Booking

    slot = booking.slot
    page = experience_in(booking)
    geo = (page.latitude, page.longitude) if page.latitude is not None else None
    return ics.event_calendar(
        uid=f"{booking.code}@{settings.SITE_URL.split('://')[-1].split('/')[0]}",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=page.title,
        location=f"{page.meeting_point}, {page.commune}",
        description=_("Booking %(code)s, %(n)d people.")
        % {"code": booking.code, "n": booking.seats},
        url=links.booking_url(booking),
        geo=geo,
        status="CANCELLED" if booking.status != Booking.Status.CONFIRMED else "CONFIRMED",
    )


def experience_in(booking, language=None):
    """The experience page in the booking's language where it is translated."""
    from wagtail.models import Locale

    page = booking.slot.experience
    locale = Locale.objects.filter(language_code=language or booking.language).first()
    if locale is not None and locale.pk != page.locale_id:
        other = page.get_translation_or_none(locale)
        if other is not None:
            return other.specific
    return page


def build_message(booking_pk, kind):
    from tourism import services
    from tourism.models import Booking

    booking = Booking.objects.select_related("slot__experience__host").get(pk=booking_pk)
    with translation.override(booking.language or settings.LANGUAGE_CODE):
        page = experience_in(booking)
        context = {
            "booking": booking,
            "kind": kind,
            "page": page,
            "slot": booking.slot,
            "booking_url": links.booking_url(booking),
            "payment": services.open_payment(booking),
            "site_name": getattr(settings, "OSCAR_SHOP_NAME", "Sâm Lai Châu"),
        }
        subject = subject_for(kind, booking)
        body = render_to_string("tourism/emails/booking.txt", context)
        attachment = calendar_for(booking) if kind == "confirmed" else None
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[booking.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if attachment:
        message.attach(f"{booking.code}.ics", attachment, "text/calendar; charset=utf-8")
    return message
