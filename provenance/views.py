"""The GS1 Digital Link resolver, trace pages, QR codes and the staff views (thin)."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count, Max, Min, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from provenance import epcis, qr, services, signing, trace
from provenance.models import (
    ChainCheckpoint,
    GrowingArea,
    Lot,
    ProvenanceEvent,
    ScanRecord,
    UnitSerial,
)
from provenance.services import checkpoints


def _not_found(request, reason, link=None):
    # Django's LocaleMiddleware answers a 404 outside the language prefix with a
    # redirect to /<lang>/<path> when that path resolves (Wagtail's catch-all always
    # does). A code that does not exist must stay a 404: tell the middleware that this
    # request was routed by the resolver's urlconf, which has no language prefix.
    if translation.get_language_from_path(request.path_info) is None:
        request.urlconf = "provenance.resolver_urls"
    return render(
        request,
        "provenance/not_found.html",
        {"reason": reason, "message": trace.not_found_message(reason), "link": link},
        status=404,
    )


def _alternate_urls(link):
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            kwargs = {"gtin": link.gtin, "lot": link.lot}
            if link.serial:
                kwargs["serial"] = link.serial
                urls[code] = reverse("provenance:trace-serial", kwargs=kwargs)
            else:
                urls[code] = reverse("provenance:trace", kwargs=kwargs)
    return urls


def _epcis_response(request, lot):
    lineage = services.load_lineage(lot)
    events = list(ProvenanceEvent.objects.for_lots(list(lineage.lots)).order_by("event_time", "pk"))
    latest = checkpoints.latest_checkpoint()
    document = epcis.epcis_document(
        ((e.content, e.hash, e.recorded_at.isoformat()) for e in events),
        settings.SITE_URL,
        timezone.now().isoformat(),
        checkpoint=_published(latest, {e.chain for e in events}) if latest else None,
    )
    return JsonResponse(
        document, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )


def _published(checkpoint, chains=None):
    document = checkpoints.checkpoint_document(checkpoint, chains)
    document["publicKey"] = settings.SITE_URL.rstrip("/") + reverse("provenance:checkpoints-json")
    return document


@require_safe
def checkpoint_list(request):
    """The signed checkpoints and the public key that verifies them (public)."""
    rows = list(ChainCheckpoint.objects.order_by("-pk")[:100])
    return render(
        request,
        "provenance/checkpoints.html",
        {
            "checkpoints": rows,
            "public_key_pem": signing.public_key_pem(),
            "key_id": signing.key_id(),
            "json_url": reverse("provenance:checkpoints-json"),
        },
    )


@require_safe
def checkpoint_json(request):
    """Every checkpoint as JSON (``?after=<id>`` for those newer than one already kept)."""
    rows = ChainCheckpoint.objects.order_by("pk")
    after = request.GET.get("after", "")
    if after.isdigit():
        rows = rows.filter(pk__gt=int(after))
    return JsonResponse(
        {
            "format": checkpoints.FORMAT,
            "algorithm": "Ed25519",
            "publicKey": signing.public_key_pem(),
            "keyId": signing.key_id(),
            "checkpoints": [checkpoints.checkpoint_document(c) for c in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def resolve(request, gtin, lot, serial=None, log=True):
    """``/01/{gtin}/10/{lot}[/21/{serial}]``: the trace page, EPCIS events or the product."""
    try:
        link, lot_obj, unit = trace.find_lot(gtin, lot, serial)
    except trace.CodeNotFound as exc:
        if log and exc.reason == "unknown_serial" and exc.link is not None:
            lot_obj = Lot.objects.filter(gtin=exc.link.gtin, lot_number=exc.link.lot).first()
            trace.log_scan(request, exc.link, lot_obj, None, ScanRecord.Result.UNKNOWN_SERIAL)
        return _not_found(request, exc.reason, exc.link)

    link_type = request.GET.get("linkType", "")
    if link_type == "gs1:epcis":
        return _epcis_response(request, lot_obj)
    if link_type == "gs1:pip":
        if lot_obj.product is None:
            return _not_found(request, "unknown_lot", link)
        return redirect(lot_obj.product.get_absolute_url())

    context = trace.build_trace(lot_obj)
    context["link"] = link
    context["unit"] = unit
    context["alternate_language_urls"] = _alternate_urls(link)
    context["digital_link_uri"] = link.uri(settings.SITE_URL)
    if unit is not None:
        info = trace.scan_info(lot_obj, unit, not context["inactive_areas"])
        context["scan"] = info
        if log:
            trace.log_scan(request, link, lot_obj, unit, trace.scan_result(lot_obj, info))
    return render(request, "provenance/lot.html", context)


def trace_page(request, gtin, lot, serial=None):
    """The same page inside the language prefix (for the language switcher and links);
    it does not count as a scan."""
    return resolve(request, gtin, lot, serial, log=False)


def invalid_code(request, rest=""):
    return _not_found(request, "invalid")


def _qr_response(uri, fmt):
    if fmt == "svg":
        return HttpResponse(qr.qr_svg(uri), content_type="image/svg+xml")
    return HttpResponse(qr.qr_png(uri), content_type="image/png")


def lot_qr(request, pk, fmt):
    lot = get_object_or_404(Lot, pk=pk, kind=Lot.Kind.PACKED)
    return _qr_response(lot.digital_link_uri(), fmt)


@staff_member_required
def serial_qr(request, pk, serial, fmt):
    unit = get_object_or_404(UnitSerial.objects.select_related("lot"), lot_id=pk, serial=serial)
    return _qr_response(unit.lot.digital_link_uri(unit.serial), fmt)


@staff_member_required
def label_sheet(request, pk):
    lot = get_object_or_404(Lot.objects.select_related("product"), pk=pk, kind=Lot.Kind.PACKED)
    serials = list(lot.serials.all())
    labels = (
        [
            {
                "serial": None,
                "uri": lot.digital_link_uri(),
                "svg": qr.qr_svg_inline(lot.digital_link_uri()),
            }
        ]
        if not serials
        else [
            {
                "serial": unit.serial,
                "uri": lot.digital_link_uri(unit.serial),
                "svg": qr.qr_svg_inline(lot.digital_link_uri(unit.serial)),
            }
            for unit in serials
        ]
    )
    return render(request, "provenance/label_sheet.html", {"lot": lot, "labels": labels})


@staff_member_required
def suspicious_codes(request):
    threshold = trace.scan_warning_threshold()
    rows = (
        ScanRecord.objects.values("gtin", "lot_number", "serial_text")
        .annotate(
            scans=Count("pk"),
            first=Min("scanned_at"),
            last=Max("scanned_at"),
            flagged=Count("pk", filter=~Q(result=ScanRecord.Result.GENUINE)),
        )
        .filter(Q(scans__gte=threshold) | Q(flagged__gt=0))
        .order_by("-last")
    )
    return render(
        request, "provenance/suspicious_codes.html", {"rows": rows, "threshold": threshold}
    )


@staff_member_required
def area_buyers(request, pk):
    area = get_object_or_404(GrowingArea, pk=pk)
    lines = services.buyers_of_area(area)
    return render(
        request,
        "provenance/area_buyers.html",
        {"area": area, "lines": lines, "lots": services.affected_packed_lots(area)},
    )
