"""The GS1 Digital Link resolver, trace pages, QR codes and the staff views (thin)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count, Max, Min, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from provenance import epcis, qr, scans, services, signing, trace
from provenance.forms import SuspectPackReportForm
from provenance.models import (
    ChainCheckpoint,
    GrowingArea,
    Lot,
    ProvenanceEvent,
    ScanRecord,
    SuspectPackReport,
    UnitSerial,
    UnknownCodeTally,
)
from provenance.services import checkpoints


def _not_found(request, reason, link=None, status=404):
    # Django's LocaleMiddleware answers a 404 outside the language prefix with a
    # redirect to /<lang>/<path> when that path resolves (Wagtail's catch-all always
    # does). A code that does not exist must stay a 404: tell the middleware that this
    # request was routed by the resolver's urlconf, which has no language prefix.
    if translation.get_language_from_path(request.path_info) is None:
        request.urlconf = "provenance.resolver_urls"
    return render(
        request,
        "provenance/not_found.html",
        {
            "reason": reason,
            "message": trace.not_found_message(reason),
            "link": link,
            "report_url": _report_url(link),
            "too_many": status == 429,
        },
        status=status,
    )


def _report_url(link=None, unit=None):
    url = reverse("provenance:report")
    if link is None:
        return url
    query = {"gtin": link.gtin, "lot": link.lot}
    if link.serial:
        query["serial"] = link.serial
    return f"{url}?{urlencode(query)}"


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
        if exc.link is not None and exc.reason in ("unknown_serial", "unknown_lot"):
            # a flood of made-up codes: per-client limit, one counter row per day/prefix
            if not scans.allow_unknown_code(request):
                return _not_found(request, exc.reason, exc.link, status=429)
            if log:
                scans.tally_unknown_code(request, exc.link, exc.reason)
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
    device = None
    if unit is not None:
        # distinct devices (signed first-party cookie), never raw hits: see scans.py
        device = scans.identify_device(request, unit) if log else scans.Device()
        info = scans.scan_info(lot_obj, unit, not context["inactive_areas"], device)
        context["scan"] = info
        context["scan_threshold"] = scans.scan_warning_threshold()
        context["report_url"] = _report_url(link)
        if log:
            scans.log_scan(request, link, lot_obj, unit, device, scans.scan_result(lot_obj, info))
    response = render(request, "provenance/lot.html", context)
    if device is not None:
        scans.remember_device(request, response, device)
    return response


def trace_page(request, gtin, lot, serial=None):
    """The same page inside the language prefix (for the language switcher and links);
    it does not count as a scan."""
    return resolve(request, gtin, lot, serial, log=False)


@require_safe
def document_pack(request, gtin, lot):
    """The lot's document pack (provenance.docpack): one ZIP for customs or an importer."""
    from provenance import docpack

    try:
        _link, lot_obj, _unit = trace.find_lot(gtin, lot)
    except trace.CodeNotFound as exc:
        return _not_found(request, exc.reason, exc.link)
    response = HttpResponse(docpack.build_pack(lot_obj), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{docpack.pack_name(lot_obj)}"'
    response["X-Robots-Tag"] = "noindex"
    return response


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
    return render(
        request,
        "provenance/label_sheet.html",
        {"lot": lot, "labels": labels, "qr_mm": qr.LABEL_QR_MM},
    )


@staff_member_required
def suspicious_codes(request):
    threshold = scans.scan_warning_threshold()
    rows = (
        ScanRecord.objects.values("gtin", "lot_number", "serial_text")
        .annotate(
            devices=Count("device", distinct=True, filter=~Q(device="")),
            first=Min("scanned_at"),
            last=Max("scanned_at"),
            flagged=Count("pk", filter=~Q(result=ScanRecord.Result.GENUINE)),
        )
        .filter(Q(devices__gte=threshold) | Q(flagged__gt=0))
        .order_by("-last")
    )
    since = timezone.localdate() - timedelta(days=90)
    tallies = UnknownCodeTally.objects.filter(day__gte=since).order_by("-day", "-hits")[:200]
    reports = SuspectPackReport.objects.filter(status=SuspectPackReport.Status.NEW)[:50]
    return render(
        request,
        "provenance/suspicious_codes.html",
        {"rows": rows, "threshold": threshold, "tallies": tallies, "reports": reports},
    )


@staff_member_required
def area_buyers(request, pk):
    area = get_object_or_404(GrowingArea, pk=pk)
    lots = services.affected_packed_lots(area)
    return render(
        request,
        "provenance/area_buyers.html",
        {"area": area, "lines": services.buyers_of_lots(lots), "lots": lots},
    )


def report_suspect_pack(request):
    """Anyone may tell us about a pack they think is not genuine; staff see it in the
    admin. Prefilled from the code that was scanned."""
    if request.method == "POST":
        form = SuspectPackReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                scans.submit_suspect_report(
                    request,
                    gtin=data["gtin"],
                    lot_number=data["lot_number"],
                    serial=data["serial"],
                    where_bought=data["where_bought"],
                    description=data["description"],
                    contact=data["contact"],
                )
            except scans.TooManyReports:
                form.add_error(
                    None,
                    _(
                        "We have received several reports from your network today. Please try again tomorrow or call us."
                    ),
                )
                return render(request, "provenance/report_suspect.html", {"form": form}, status=429)
            return redirect("provenance:report-sent")
    else:
        initial = {
            "gtin": request.GET.get("gtin", "")[:20],
            "lot_number": request.GET.get("lot", "")[:20],
            "serial": request.GET.get("serial", "")[:20],
        }
        form = SuspectPackReportForm(initial=initial)
    return render(request, "provenance/report_suspect.html", {"form": form})


def report_sent(request):
    return render(request, "provenance/report_sent.html")
