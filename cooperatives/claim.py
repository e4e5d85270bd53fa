"""The claim link: an existing shop account gets a new cooperative's dashboard when its
owner, signed in, confirms the link mailed to the applicant's address (thin view)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cooperatives import services


@never_cache
def claim(request, token):
    try:
        services.read_claim_token(token)
    except services.ClaimError as exc:
        return render(request, "cooperatives/claim.html", {"error": str(exc)}, status=400)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            application = services.claim_cooperative(token, request.user)
        except services.ClaimError as exc:
            return render(request, "cooperatives/claim.html", {"error": str(exc)}, status=400)
        messages.success(
            request,
            _("Your account now opens the dashboard of %(name)s.")
            % {"name": application.cooperative.legal_name},
        )
        return redirect("dashboard:index")
    return render(request, "cooperatives/claim.html", {"token": token})
