"""Deleting something in the dashboard that other records protect (a partner with
lots, a product a lot points at) is a message on the page, not a ProtectedError 500."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class ProtectedDeleteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError):
            return None
        if not request.path.startswith(reverse("dashboard:index")):
            return None
        kinds = sorted({str(obj._meta.verbose_name) for obj in exception.protected_objects})
        messages.error(
            request,
            _(
                "This cannot be deleted while other records point at it (%(records)s). "
                "Provenance records are kept; make it inactive or hidden instead."
            )
            % {"records": ", ".join(kinds)},
        )
        return redirect(request.get_full_path())
