"""Rules for events and training sessions: plain functions that views, admin and the
demo call. Seats are counted under a lock on the session's row."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from events import emails
from events.models import EventPage, TrainingRegistration, TrainingSession, name_key

MAX_NAMES_PER_REQUEST = 50
MAX_NAME_LENGTH = 120


class TrainingFull(ValidationError):
    """Not enough seats left for everyone asked for."""


# --------------------------------------------------------------------------- events


def _set_on_every_translation(page, **fields):
    """Status and dates are the same in every language: change them on the page and on
    its translations, each published as a new revision."""
    changed = []
    for translation in page.get_translations(inclusive=True).specific():
        if not isinstance(translation, EventPage):
            continue
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.full_clean()
        translation.save_revision().publish()
        changed.append(translation)
    return changed


def cancel_event(page, *, note=""):
    """Cancel an event in every language. ``note`` (optional) says why."""
    page = page.specific
    fields = {"status": EventPage.Status.CANCELLED}
    if note:
        fields["status_note"] = note
    return _set_on_every_translation(page, **fields)


def postpone_event(page, *, note=""):
    """Postponed, new date not yet known."""
    page = page.specific
    fields = {"status": EventPage.Status.POSTPONED}
    if note:
        fields["status_note"] = note
    return _set_on_every_translation(page, **fields)


def reschedule_event(page, *, start, end, note=""):
    """Moved to a new date; the first planned start is kept for visitors and calendars."""
    page = page.specific
    if end < start:
        raise ValidationError(_("The event cannot end before it starts."))
    fields = {
        "status": EventPage.Status.RESCHEDULED,
        "previous_start": page.previous_start or page.start,
        "start": start,
        "end": end,
    }
    if note:
        fields["status_note"] = note
    return _set_on_every_translation(page, **fields)


# --------------------------------------------------------------------------- training


def _is_staff(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_member(user, cooperative):
    """A signed-in user of the cooperative's partner (its dashboard users)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return cooperative.partner.users.filter(pk=user.pk).exists()


def may_register_for(user, cooperative):
    return _is_staff(user) or is_member(user, cooperative)


def may_record_attendance(user, session):
    if _is_staff(user):
        return True
    if session.host_cooperative_id is None:
        return False
    return is_member(user, session.host_cooperative)


def clean_names(names):
    """Names as typed, one per person: spaces collapsed, blanks dropped, the same name
    twice refused."""
    cleaned, seen = [], set()
    for raw in names:
        name = " ".join(str(raw).split())
        if not name:
            continue
        if len(name) > MAX_NAME_LENGTH:
            raise ValidationError(
                _("A name may be at most %(n)d characters.") % {"n": MAX_NAME_LENGTH}
            )
        key = name_key(name)
        if key in seen:
            raise ValidationError(_("“%(name)s” is listed twice.") % {"name": name})
        seen.add(key)
        cleaned.append(name)
    if not cleaned:
        raise ValidationError(_("Give at least one name."))
    if len(cleaned) > MAX_NAMES_PER_REQUEST:
        raise ValidationError(
            _("Register at most %(n)d people at a time.") % {"n": MAX_NAMES_PER_REQUEST}
        )
    return cleaned


def seats_left(session):
    return max(session.capacity - session.registrations.count(), 0)


def register_for_training(
    session, *, user, cooperative, names, self_registration=False, language=None
):
    """Register people of ``cooperative`` for ``session``.

    Only the cooperative's own users (or staff) may register its members. The session's
    row is locked while the seats are counted, so two cooperatives registering at once
    can never take more seats than there are. Once committed, ``user`` gets an e-mail
    listing them in ``language`` (by default the language active now). Returns the new
    registrations."""
    if not may_register_for(user, cooperative):
        raise PermissionDenied(_("Only the cooperative's own members can register its people."))
    names = clean_names(names)
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise ValidationError(_("This training session has been cancelled."))
        if session.starts_at <= timezone.now():
            raise ValidationError(_("Registration has closed: the session has started."))
        taken = set(
            TrainingRegistration.objects.filter(
                session=session, cooperative=cooperative
            ).values_list("attendee_key", flat=True)
        )
        already = [name for name in names if name_key(name) in taken]
        if already:
            raise ValidationError(
                _("Already registered: %(names)s.") % {"names": ", ".join(already)}
            )
        left = session.capacity - TrainingRegistration.objects.filter(session=session).count()
        if len(names) > left:
            if left <= 0:
                message = _("This training session is full: all %(capacity)d seats are taken.") % {
                    "capacity": session.capacity
                }
            else:
                message = ngettext(
                    "This training session is nearly full: only %(left)d seat is left.",
                    "This training session is nearly full: only %(left)d seats are left.",
                    left,
                ) % {"left": left}
            raise TrainingFull(message, code="full")
        created = [
            TrainingRegistration.objects.create(
                session=session,
                cooperative=cooperative,
                attendee_name=name,
                user=user if self_registration and index == 0 else None,
                registered_by=user,
            )
            for index, name in enumerate(names)
        ]
        emails.send_registered_on_commit(
            session, user, created, language or get_language() or settings.LANGUAGE_CODE
        )
    return created


def cancel_registration(registration, *, user):
    """A registration is withdrawn by its cooperative's users or staff, before the
    session starts; the seat is free again."""
    if not may_register_for(user, registration.cooperative):
        raise PermissionDenied(_("Only the cooperative's own members can change its places."))
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=registration.session_id)
        if session.starts_at <= timezone.now():
            raise ValidationError(_("The session has started: registrations can no longer change."))
        TrainingRegistration.objects.filter(pk=registration.pk).delete()


def record_attendance(session, *, user, attended):
    """Record who came. ``attended`` maps registration ids of this session to True
    (came) or False (did not come). Only the host (staff, or the host cooperative's
    users) may do it, and only once the session has started."""
    if not may_record_attendance(user, session):
        raise PermissionDenied(_("Only the host of the session can record attendance."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    try:
        attended = {int(pk): bool(value) for pk, value in dict(attended).items()}
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The attendance list was not understood.")) from exc
    now = timezone.now()
    with transaction.atomic():
        registrations = {
            registration.pk: registration
            for registration in TrainingRegistration.objects.select_for_update()
            .filter(session=session)
            .order_by("pk")
        }
        unknown = set(attended) - set(registrations)
        if unknown:
            raise ValidationError(_("Some people in the list are not registered for this session."))
        changed = []
        for pk, came in sorted(attended.items()):
            registration = registrations[pk]
            if registration.attended is came:
                continue
            registration.attended = came
            registration.attendance_recorded_by = user
            registration.attendance_recorded_at = now
            changed.append(registration)
        TrainingRegistration.objects.bulk_update(
            changed, ["attended", "attendance_recorded_by", "attendance_recorded_at"]
        )
    return changed


def attended_training(cooperative):
    """The sessions the cooperative's members attended, with how many of them came,
    newest first (one query)."""
    from django.db.models import Count, Q

    return (
        TrainingSession.objects.filter(
            registrations__cooperative=cooperative, registrations__attended=True
        )
        .annotate(
            members_attended=Count(
                "registrations",
                filter=Q(registrations__cooperative=cooperative, registrations__attended=True),
            )
        )
        .order_by("-starts_at", "pk")
    )
