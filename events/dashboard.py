"""The host's pages in the cooperative dashboard: the training sessions it hosts and the
attendance of each. Sessions are loaded through cooperatives.access (the host
cooperative's users, and staff); the rules are in events.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic

from cooperatives import access
from events import services
from events.models import TrainingSession


class HostedTrainingListView(generic.ListView):
    model = TrainingSession
    template_name = "events/dashboard/training_list.html"
    context_object_name = "sessions"
    paginate_by = 50

    def get_queryset(self):
        from django.db.models import Count

        return (
            access.owned_queryset(self.request.user, TrainingSession)
            .annotate(registered=Count("registrations"))
            .order_by("-starts_at", "-pk")
        )


class TrainingAttendanceView(generic.DetailView):
    """The host marks who came; a value other than came/did not come is refused with a
    message, never a 500."""

    model = TrainingSession
    template_name = "events/dashboard/training_attendance.html"
    context_object_name = "session"

    def get_object(self, queryset=None):
        return access.get_owned_or_404(self.request.user, TrainingSession, pk=self.kwargs["pk"])

    def registrations(self):
        return list(
            self.object.registrations.select_related("cooperative").order_by(
                "cooperative__legal_name", "attendee_name"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("registrations", self.registrations())
        context.setdefault("errors", [])
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        registrations = self.registrations()
        attended, errors = {}, []
        for registration in registrations:
            value = request.POST.get(f"r{registration.pk}")
            if value in ("yes", "no"):
                attended[registration.pk] = value == "yes"
            elif value not in (None, "", "unknown"):
                errors.append(_("The attendance list was not understood."))
                break
        if not errors:
            try:
                services.record_attendance(self.object, user=request.user, attended=attended)
            except (ValidationError, PermissionDenied) as exc:
                errors.extend(getattr(exc, "messages", None) or [str(exc)])
            else:
                messages.success(request, _("Attendance saved."))
                return redirect("dashboard:events-training-attendance", pk=self.object.pk)
        context = self.get_context_data(registrations=registrations, errors=errors)
        return self.render_to_response(context, status=400)
