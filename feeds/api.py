"""A read-only JSON API of products, packed lots and their trace verdicts, for partners
and marketplaces. Documented by feeds/openapi.py (served at /api/v1/openapi.json).

Paginated (``page``, ``page_size``), in Vietnamese or English (``lang``), limited per
client address (``API_REQUESTS_PER_MINUTE``; HTTP 429 with ``Retry-After``), counted in
the cache: reading writes nothing to the database."""

import functools
import time

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from oscar.core.loading import get_class, get_model

from core import ratelimit
from feeds import openapi, services
from provenance import trace
from provenance.models import Lot
from provenance.services import blocker_message
from shop.catalogue.offers import offer_for, offers_for, plain_text

Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")

WINDOW_SECONDS = 60


def _error(message, status, **headers):
    response = JsonResponse({"error": str(message)}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class BadParameter(Exception):
    pass


def api_view(view):
    """GET/HEAD only, rate-limited per client address, in the language asked for."""

    @require_safe
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"api-rate:{ratelimit.client_ip(request)}:{window}"
        if ratelimit.hit(key, WINDOW_SECONDS) > settings.API_REQUESTS_PER_MINUTE:
            retry = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
            return _error("Too many requests", 429, Retry_After=str(retry))
        language = request.GET.get("lang", "vi")
        if language not in ("vi", "en"):
            return _error("lang must be vi or en", 400)
        with translation.override(language):
            try:
                response = view(request, *args, **kwargs)
            except BadParameter as exc:
                return _error(exc, 400)
        response["Content-Language"] = language
        return response

    return wrapped


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _int_param(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadParameter(f"{name} must be a whole number") from exc
    if value < 1 or (maximum is not None and value > maximum):
        raise BadParameter(f"{name} must be between 1 and {maximum or 'any'}")
    return value


def paginate(request, queryset):
    page = _int_param(request, "page", 1)
    size = _int_param(request, "page_size", settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE)
    count = queryset.count()
    start = (page - 1) * size
    rows = list(queryset[start : start + size])

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return rows, {
        "count": count,
        "page": page,
        "page_size": size,
        "next": link(page + 1) if start + size < count else None,
        "previous": link(page - 1) if page > 1 and start - size < count else None,
    }


def _lot_reference(request, lot):
    if lot is None or not lot.gtin or not lot.lot_number:
        return None
    return {
        "gtin": lot.gtin14,
        "lot_number": lot.lot_number,
        "url": request.build_absolute_uri(
            reverse("feeds-api:lot", kwargs={"gtin": lot.gtin14, "lot": lot.lot_number})
        ),
        "trace_url": request.build_absolute_uri(lot.get_trace_url()),
    }


def product_data(request, product, offer):
    images = sorted(product.images.all(), key=lambda image: (image.display_order, image.pk))
    image = images[0].original.url if images and images[0].original else None
    seller = None
    if offer.seller_name:
        seller = {
            "name": offer.seller_name,
            "url": request.build_absolute_uri(offer.seller_url) if offer.seller_url else None,
        }
    return {
        "id": product.pk,
        "sku": product.upc or str(product.pk),
        "title": product.get_title(),
        "description": plain_text(product.description),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "image": request.build_absolute_uri(image) if image else None,
        "product_type": str(product.product_class.name) if product.product_class else "",
        "price": {"amount": offer.price, "currency": "VND"} if offer.price is not None else None,
        "availability": offer.availability,
        "availability_message": offer.availability_message,
        "for_sale": offer.for_sale,
        "gtin": offer.gtin or None,
        "lot": _lot_reference(request, offer.lot),
        "seller": seller,
        "health_supplement": offer.health_supplement,
        "shipping": [
            {
                "country": rate.country,
                "service": rate.service,
                "price": {"amount": rate.price, "currency": "VND"},
                "handling_days": list(rate.handling_days),
                "transit_days": list(rate.transit_days),
            }
            for rate in offer.shipping
        ],
    }


@api_view
def product_list(request):
    products, page = paginate(request, services.feed_products())
    offers = offers_for(products, Selector().strategy())
    page["results"] = [product_data(request, p, o) for p, o in zip(products, offers, strict=True)]
    return _json(page)


@api_view
def product_detail(request, pk):
    product = services.feed_products().filter(pk=pk).first()
    if product is None:
        return _error("No such product", 404)
    return _json(product_data(request, product, offer_for(product, Selector().strategy())))


def _sale(lot):
    return {
        "sellable": bool(lot.is_sellable),
        "blockers": [
            {"code": blocker.get("code", ""), "message": str(blocker_message(blocker))}
            for blocker in (lot.sale_blockers or [])
        ],
        "checked_at": lot.checked_at.isoformat() if lot.checked_at else None,
    }


def lot_data(request, lot):
    kwargs = {"gtin": lot.gtin14, "lot": lot.lot_number}
    partner = lot.cooperative
    cooperative = getattr(partner, "cooperative", None)
    return {
        "gtin": lot.gtin14,
        "lot_number": lot.lot_number,
        "product": lot.product_id,
        "cooperative": cooperative.legal_name if cooperative else partner.name,
        "best_before": lot.best_before.isoformat() if lot.best_before else None,
        "released": lot.released,
        "digital_link": lot.digital_link_uri(),
        "trace_url": request.build_absolute_uri(lot.get_trace_url()),
        "verdict_url": request.build_absolute_uri(reverse("feeds-api:verdict", kwargs=kwargs)),
        "sale": _sale(lot),
        "summary": lot.summary or {},
    }


def public_lots():
    return (
        Lot.objects.filter(kind=Lot.Kind.PACKED)
        .exclude(gtin="")
        .exclude(lot_number="")
        .select_related("cooperative__cooperative")
        .order_by("pk")
    )


@api_view
def lot_list(request):
    lots, page = paginate(request, public_lots())
    page["results"] = [lot_data(request, lot) for lot in lots]
    return _json(page)


def _find(gtin, lot_number):
    try:
        _link, lot, _unit = trace.find_lot(gtin, lot_number)
    except trace.CodeNotFound:
        return None
    return lot


@api_view
def lot_detail(request, gtin, lot):
    found = _find(gtin, lot)
    if found is None:
        return _error("No such lot", 404)
    return _json(lot_data(request, found))


@api_view
def verdict(request, gtin, lot):
    """As the trace page judges the lot: may it be sold, and do its chains verify
    (hashes, links, the rows the page shows, the latest signed checkpoint)."""
    found = _find(gtin, lot)
    if found is None:
        return _error("No such lot", 404)
    verification = trace.build_trace(found)["verification"]
    checkpoint = getattr(verification, "checkpoint", None) if verification else None
    return _json(
        {
            "gtin": found.gtin14,
            "lot_number": found.lot_number,
            "sale": _sale(found),
            "chain": {
                "verified": verification.ok if verification is not None else None,
                "events_checked": verification.checked if verification is not None else 0,
                "problems": list(verification.failures) if verification is not None else [],
                "checkpoint": {
                    "created_at": checkpoint.created_at.isoformat(),
                    "digest": checkpoint.digest,
                }
                if checkpoint is not None
                else None,
            },
        }
    )


@api_view
def openapi_document(request):
    return _json(openapi.document())
