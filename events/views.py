"""Event calendar files and the training pages (thin: parse, call services, render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ical
from events import services
from events.forms import RegistrationForm
from events.models import TrainingRegistration, TrainingSession
from provenance.models import Cooperative


def _site_host(request):
    from urllib.parse import urlsplit

    from django.conf import settings

    return urlsplit(settings.SITE_URL).hostname or request.get_host().split(":")[0]


def event_ics(request, page):
    """One event as an iCalendar file; the UID is the same in every language, so a
    calendar updates the event it already has."""
    description = page.introduction or page.search_description or ""
    if page.status_note:
        description = f"{page.get_status_display()}: {page.status_note}\n\n{description}".strip()
    elif page.status != page.Status.SCHEDULED:
        description = f"{page.get_status_display()}\n\n{description}".strip()
    summary = page.title
    if page.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": page.title}
    event = ical.CalendarEvent(
        uid=f"event-{page.translation_key}@{_site_host(request)}",
        summary=summary,
        start=page.start,
        end=page.end,
        stamp=page.last_published_at or timezone.now(),
        description=description,
        location=page.place_line(),
        url=page.full_url or request.build_absolute_uri(page.url),
        status={
            "cancelled": "CANCELLED",
            "postponed": "TENTATIVE",
        }.get(page.status, "CONFIRMED"),
        sequence=page.sequence,
        categories=[str(page.get_kind_display())],
    )
    body = ical.calendar([event], name=page.title)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug[:60] or "event"}.ics"'
    return response


# --------------------------------------------------------------------------- training


def training_index(request):
    sessions = (
        TrainingSession.objects.upcoming()
        .filter(is_cancelled=False)
        .select_related("host_cooperative")
    )
    return render(request, "events/training_index.html", {"sessions": sessions})


def _own_cooperatives(user):
    if not user.is_authenticated:
        return Cooperative.objects.none()
    if user.is_staff and user.is_active:
        return Cooperative.objects.select_related("partner").order_by("legal_name")
    return (
        Cooperative.objects.filter(partner__users=user)
        .select_related("partner")
        .order_by("legal_name")
        .distinct()
    )


def _session_or_404(pk):
    return get_object_or_404(
        TrainingSession.objects.select_related("host_cooperative", "host_staff"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def training_detail(request, pk):
    session = _session_or_404(pk)
    cooperatives = list(_own_cooperatives(request.user))
    form = None
    status = 200
    if cooperatives and not session.is_cancelled and not session.has_started:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            cooperatives=cooperatives,
            user=request.user,
        )
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    created = services.register_for_training(
                        session,
                        user=request.user,
                        cooperative=data["cooperative"],
                        names=data["name_list"],
                        self_registration=data.get("myself", False),
                    )
                except (ValidationError, PermissionDenied) as exc:
                    for message in getattr(exc, "messages", None) or [str(exc)]:
                        form.add_error(None, message)
                    status = 409 if isinstance(exc, services.TrainingFull) else 400
                else:
                    messages.success(
                        request,
                        _("Registered: %(names)s.")
                        % {"names": ", ".join(r.attendee_name for r in created)},
                    )
                    return redirect(session.get_absolute_url())
            else:
                status = 400
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("Registration is not open to you for this session."))
    own = []
    if cooperatives:
        own = list(
            session.registrations.filter(cooperative__in=cooperatives)
            .select_related("cooperative")
            .order_by("cooperative__legal_name", "attendee_name")
        )
    context = {
        "session": session,
        "documents": list(session.documents.all()),
        "seats_left": services.seats_left(session),
        "form": form,
        "own_registrations": own,
        "may_record": services.may_record_attendance(request.user, session),
    }
    return render(request, "events/training_detail.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def withdraw(request, pk, registration_pk):
    session = _session_or_404(pk)
    registration = get_object_or_404(
        TrainingRegistration.objects.select_related("cooperative__partner"),
        pk=registration_pk,
        session=session,
    )
    try:
        services.cancel_registration(registration, user=request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s is no longer registered.") % {"name": registration})
    return redirect(session.get_absolute_url())
