"""Feeds for ad platforms (public, cached) and a cooperative's marketplace CSV (dashboard)."""

from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe
from oscar.core.loading import get_model

from cooperatives import access
from feeds import services

Product = get_model("catalogue", "Product")

FORMATS = {
    "google": (services.render_google, "application/rss+xml; charset=utf-8"),
    "meta": (services.render_meta, "text/csv; charset=utf-8"),
}


def _feed(request, platform, currency):
    currency = currency.upper()
    render, content_type = FORMATS[platform]
    language = translation.get_language()
    exclude = services.excluded_for(platform, request.GET.get("exclude", ""))
    origin = f"{request.scheme}://{request.get_host()}"

    def build():
        items, rate = services.build_items(request.build_absolute_uri, currency, exclude)
        if platform == "google":
            return render(items, rate, request.build_absolute_uri("/"))
        return render(items)

    try:
        body = services.cached([platform, language, currency, origin, ",".join(exclude)], build)
    except services.UnknownCurrency as exc:
        raise Http404("no exchange rate for this currency") from exc
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Language"] = language
    return response


@require_safe
def google_feed(request, currency):
    return _feed(request, "google", currency)


@require_safe
def meta_feed(request, currency):
    return _feed(request, "meta", currency)


@require_safe
def marketplace_csv(request):
    """The signed-in cooperative's own products that can be sold, in the columns of
    Shopee's basic mass-upload template (staff: every product)."""
    own = access.owned_queryset(request.user, Product)
    with translation.override("vi"):
        body = services.marketplace_csv(own, request.build_absolute_uri)
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="shopee-mau-co-ban-{day}.csv"'
    return response
