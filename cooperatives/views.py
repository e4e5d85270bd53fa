"""Public cooperative pages (thin: read, render)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives import services
from cooperatives.forms import ApplicationForm
from cooperatives.models import Profile
from core import ratelimit
from provenance import geo
from provenance.models import GrowingArea

Product = get_model("catalogue", "Product")


def public_profiles():
    return Profile.objects.filter(is_public=True).select_related("cooperative__partner")


def profile_index(request):
    return render(request, "cooperatives/index.html", {"profiles": public_profiles()})


def profile_detail(request, slug):
    profile = get_object_or_404(public_profiles(), slug=slug)
    partner = profile.cooperative.partner
    areas = []
    for area in GrowingArea.objects.filter(cooperative=partner).order_by("code"):
        try:
            svg = geo.svg_path(area.boundary) if area.boundary else None
        except geo.InvalidBoundary:
            svg = None
        areas.append({"area": area, "map": svg})
    products = (
        Product.objects.browsable()
        .filter(is_public=True, stockrecords__partner=partner)
        .distinct()
        .order_by("title")
    )
    context = {
        "profile": profile,
        "cooperative": profile.cooperative,
        "story": profile.story(),
        "areas": areas,
        "certified": [row["area"] for row in areas if row["area"].gacp_certificate_number],
        "products": products,
    }
    return render(request, "cooperatives/profile.html", context)


HOUR = 3600


def _apply_keys(request):
    ip = ratelimit.client_ip(request)
    return f"apply:sent:{ip}", f"apply:tries:{ip}"


def _apply_limited(request):
    """Anonymous applications per address and hour: so many sent, so many tries."""
    if request.user.is_authenticated:
        return False
    sent, tries = _apply_keys(request)
    if ratelimit.hit(tries, HOUR) > settings.COOPERATIVE_APPLY_TRIES_PER_HOUR:
        return True
    return ratelimit.count(sent) >= settings.COOPERATIVE_APPLY_PER_HOUR


def apply(request):
    """ "Sell with us": a cooperative applies; staff review it in the admin."""
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        if _apply_limited(request):
            form = ApplicationForm(request.POST)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many applications have come from your connection in the last "
                    "hour. Please try again in an hour, or call or write to us."
                ),
            )
            status = 429
        elif form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("certificates")
            try:
                services.submit_application(
                    files=files, language=translation.get_language() or "vi", **data
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                if not request.user.is_authenticated:
                    ratelimit.hit(_apply_keys(request)[0], HOUR)
                return redirect("cooperatives:applied")
    else:
        form = ApplicationForm()
    return render(request, "cooperatives/apply.html", {"form": form}, status=status)


def applied(request):
    return render(request, "cooperatives/applied.html")
