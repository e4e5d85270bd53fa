"""E-mails about training, in the member's language, sent through the site's one door
for mail (``core.mail``: a task enqueued once the transaction commits)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def send_registered_on_commit(session, user, registrations, language):
    """Tell ``user`` (who registered) which people are registered, in ``language``."""
    from core import mail

    if not getattr(user, "email", ""):
        return
    mail.send_on_commit(
        registered_message,
        session.pk,
        user.pk,
        [registration.pk for registration in registrations],
        language,
    )


def registered_message(session_pk, user_pk, registration_pks, language):
    from events.models import TrainingRegistration, TrainingSession

    session = TrainingSession.objects.select_related("host_cooperative").filter(pk=session_pk)
    session = session.first()
    user = get_user_model().objects.filter(pk=user_pk).first()
    registrations = list(
        TrainingRegistration.objects.filter(pk__in=registration_pks, session_id=session_pk)
        .select_related("cooperative")
        .order_by("attendee_name", "pk")
    )
    if session is None or user is None or not user.email or not registrations:
        return None  # withdrawn or deleted before the mail went: nothing to say
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "session": session,
            "user": user,
            "registrations": registrations,
            "session_url": settings.SITE_URL.rstrip("/") + session.get_absolute_url(),
            "site_name": getattr(settings, "OSCAR_SHOP_NAME", "Sâm Lai Châu"),
        }
        subject = _("Registered for training: %(title)s") % {"title": session.display_title}
        body = render_to_string("events/emails/registered.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[user.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
