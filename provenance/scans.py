"""Scan signals a stranger cannot forge.

A serial's warning counts distinct *devices*, never raw hits. A device is a random id in
a signed first-party cookie (``slc_scan``); the database keeps only a keyed hash of that
id, no address and nothing about the person. Who may introduce a new device is limited
per client (a keyed hash of the network address, kept in the cache only, never in the
database): at most one new device per serial per window, and a few per day overall. A
client that drops its cookies therefore cannot turn five requests into five "other
devices"; a real second phone on another network still counts.

Codes we never issued are rate-limited per client and counted in one row per day and
code prefix (``UnknownCodeTally``), never one row per request.
"""

import hashlib
import ipaddress
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from provenance import useragents
from provenance.models import Lot, ScanRecord, SuspectPackReport, UnknownCodeTally

logger = logging.getLogger(__name__)

COOKIE_NAME = "slc_scan"
COOKIE_SALT = "provenance.scans.device"
_ID_BYTES = 16


def _setting(name, default):
    return getattr(settings, name, default)


# ---------------------------------------------------------------- who is asking


def client_key(request) -> str:
    """A keyed hash of the client's network (IPv6: its /64), for cache counters only."""
    raw = request.META.get(_setting("PROVENANCE_CLIENT_IP_META", "REMOTE_ADDR"), "") or ""
    raw = raw.split(",")[0].strip()
    try:
        address = ipaddress.ip_address(raw)
        if address.version == 6:
            raw = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            raw = str(address)
    except ValueError:
        raw = "unknown"
    return salted_hmac("provenance.scans.client", raw).hexdigest()[:32]


def device_key(device_id: str) -> str:
    """What the database stores for a device: a keyed hash of its cookie id."""
    return salted_hmac("provenance.scans.device-key", device_id).hexdigest()[:32]


def _take(key, limit, seconds):
    """Count one use of ``key`` in a fixed window; False once ``limit`` is reached."""
    if limit <= 0:
        return False
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used <= limit


def _window_bucket(seconds):
    return int(timezone.now().timestamp() // seconds)


@dataclass
class Device:
    key: str = ""  # stored on ScanRecord.device; "" = not counted as a device
    new_cookie: str | None = None  # a freshly issued id to set on the response
    returning: bool = False


def read_device(request) -> str | None:
    try:
        value = request.get_signed_cookie(
            COOKIE_NAME,
            default=None,
            salt=COOKIE_SALT,
            max_age=timedelta(days=_setting("PROVENANCE_SCAN_COOKIE_DAYS", 730)),
        )
    except signing.BadSignature:  # pragma: no cover - get_signed_cookie returns default
        return None
    if not value or len(value) > 64:
        return None
    return value


def identify_device(request, unit) -> Device:
    """The device scanning ``unit``: its cookie if it kept one, else a new one when the
    client may still introduce one (per serial and per day); otherwise uncounted."""
    existing = read_device(request)
    if existing:
        return Device(key=device_key(existing), returning=True)
    client = client_key(request)
    window = int(_setting("PROVENANCE_SCAN_NEW_DEVICE_WINDOW_DAYS", 30)) * 86400
    per_serial = f"slc:scan:newdev:{client}:{unit.pk}"
    if not cache.add(per_serial, 1, window):
        return Device()
    if not _take(
        f"slc:scan:mint:{client}:{_window_bucket(86400)}",
        int(_setting("PROVENANCE_SCAN_NEW_DEVICES_PER_CLIENT_PER_DAY", 3)),
        86400,
    ):
        return Device()
    device_id = secrets.token_urlsafe(_ID_BYTES)
    return Device(key=device_key(device_id), new_cookie=device_id)


def remember_device(request, response, device):
    if device.new_cookie:
        response.set_signed_cookie(
            COOKIE_NAME,
            device.new_cookie,
            salt=COOKIE_SALT,
            max_age=int(_setting("PROVENANCE_SCAN_COOKIE_DAYS", 730)) * 86400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


# ---------------------------------------------------------------- known serials


@dataclass
class ScanInfo:
    """What earlier scans of a serial say, in distinct devices (never raw hits)."""

    first_scan: bool
    count: int  # other devices, ever
    first_seen: object = None
    devices_day: int = 0  # other devices in the last 24 hours
    devices_window: int = 0  # other devices in the last PROVENANCE_SCAN_WINDOW_DAYS
    window_days: int = 30
    seen_here: bool = False  # this device scanned it before
    warnings: list = field(default_factory=list)


def scan_warning_threshold():
    return int(_setting("PROVENANCE_SCAN_WARNING_THRESHOLD", 5))


def scan_info(lot, unit, areas_ok, device=None):
    """Distinct other devices that scanned this serial over three windows (one query)."""
    now = timezone.now()
    window_days = int(_setting("PROVENANCE_SCAN_WINDOW_DAYS", 30))
    mine = device.key if device is not None else ""
    others = ~Q(device="") & ~Q(device=mine)
    seen = ScanRecord.objects.filter(serial=unit).aggregate(
        ever=Count("device", distinct=True, filter=others),
        day=Count("device", distinct=True, filter=others & Q(scanned_at__gte=now - timedelta(1))),
        window=Count(
            "device",
            distinct=True,
            filter=others & Q(scanned_at__gte=now - timedelta(days=window_days)),
        ),
        first=Min("scanned_at", filter=~Q(device="")),
        here=Count("pk", filter=Q(device=mine) & ~Q(device="")),
    )
    info = ScanInfo(
        first_scan=seen["ever"] == 0,
        count=seen["ever"],
        first_seen=seen["first"],
        devices_day=seen["day"],
        devices_window=seen["window"],
        window_days=window_days,
        seen_here=bool(seen["here"]),
    )
    if info.count >= scan_warning_threshold():
        info.warnings.append("overscanned")
    if not areas_ok:
        info.warnings.append("recalled")
    if not lot.released:
        info.warnings.append("unreleased")
    return info


def scan_result(lot, info):
    if "recalled" in info.warnings:
        return ScanRecord.Result.RECALLED
    if "unreleased" in info.warnings:
        return ScanRecord.Result.UNRELEASED
    if "overscanned" in info.warnings:
        return ScanRecord.Result.OVERSCANNED
    return ScanRecord.Result.GENUINE


def log_scan(request, link, lot, unit, device, result=None):
    """Record a scan of a known serial: at most one row per serial, device (or client,
    when uncounted) and day. Never fails the page."""
    who = device.key or f"c{client_key(request)}"
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{unit.pk}:{who}:{day}".encode()).hexdigest()[:40]
    if not cache.add(f"slc:scan:seen:{digest}", 1, 86400 + 3600):
        return None
    try:
        with transaction.atomic():
            return ScanRecord.objects.create(
                lot=lot,
                serial=unit,
                gtin=link.gtin,
                lot_number=link.lot[:20],
                serial_text=(link.serial or "")[:40],
                device=device.key,
                user_agent_family=useragents.family(request.META.get("HTTP_USER_AGENT", "")),
                language=(getattr(request, "LANGUAGE_CODE", "") or "")[:10],
                result=result or ScanRecord.Result.GENUINE,
            )
    except DatabaseError:
        logger.exception("could not record the scan of %s", link.path)
        return None


# ---------------------------------------------------------------- codes we never issued


def allow_unknown_code(request) -> bool:
    """Per-client budget of not-found codes; False: answer 429 and record nothing."""
    seconds = int(_setting("PROVENANCE_UNKNOWN_CODES_WINDOW_SECONDS", 3600))
    return _take(
        f"slc:scan:unknown:{client_key(request)}:{_window_bucket(seconds)}",
        int(_setting("PROVENANCE_UNKNOWN_CODES_PER_CLIENT", 30)),
        seconds,
    )


def tally_unknown_code(request, link, reason):
    """Count a scan of a code we never issued in its day's row for the code's prefix:
    the lot for an unknown serial, the GTIN for an unknown lot, one row for foreign
    GTINs. Never fails the page."""
    if link is None:
        return None
    lot = None
    if reason == "unknown_serial":
        lot = Lot.objects.filter(kind=Lot.Kind.PACKED, gtin=link.gtin, lot_number=link.lot).first()
        kind, gtin, lot_number = UnknownCodeTally.Reason.UNKNOWN_SERIAL, link.gtin, link.lot
    elif Lot.objects.filter(kind=Lot.Kind.PACKED, gtin=link.gtin).exists():
        kind, gtin, lot_number = UnknownCodeTally.Reason.UNKNOWN_LOT, link.gtin, ""
    else:
        kind, gtin, lot_number = UnknownCodeTally.Reason.UNKNOWN_GTIN, "", ""
    now = timezone.now()
    day = timezone.localdate()
    code = f"{link.gtin}/{link.lot}" + (f"/{link.serial}" if link.serial else "")
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    tally, _created = UnknownCodeTally.objects.get_or_create(
                        day=day,
                        reason=kind,
                        gtin=gtin,
                        lot_number=lot_number[:20],
                        defaults={"lot": lot, "first_seen": now, "last_seen": now},
                    )
            except IntegrityError:  # another request created it first
                tally = UnknownCodeTally.objects.get(
                    day=day, reason=kind, gtin=gtin, lot_number=lot_number[:20]
                )
            new_client = cache.add(
                f"slc:scan:tally:{tally.pk}:{client_key(request)}", 1, 86400 + 3600
            )
            UnknownCodeTally.objects.filter(pk=tally.pk).update(
                hits=F("hits") + 1,
                clients=F("clients") + (1 if new_client else 0),
                last_seen=now,
                last_code=code[:60],
            )
        return tally
    except DatabaseError:
        logger.exception("could not count the unknown code %s", code)
        return None


# ---------------------------------------------------------------- suspect pack reports


class TooManyReports(Exception):
    pass


def submit_suspect_report(request, *, gtin="", lot_number="", serial="", **fields):
    """Save a buyer's report of a suspect pack; limited per client, and the same code
    from the same client within a day is one report (returns the existing one's None)."""
    client = client_key(request)
    seconds = int(_setting("PROVENANCE_SUSPECT_REPORTS_WINDOW_SECONDS", 86400))
    code = f"{gtin}/{lot_number}/{serial}"
    repeat = f"slc:report:{client}:{hashlib.sha256(code.encode()).hexdigest()[:32]}"
    if gtin and cache.get(repeat):
        return None
    if not _take(
        f"slc:report:budget:{client}:{_window_bucket(seconds)}",
        int(_setting("PROVENANCE_SUSPECT_REPORTS_PER_CLIENT", 3)),
        seconds,
    ):
        raise TooManyReports
    lot = None
    if gtin and lot_number:
        lot = Lot.objects.filter(kind=Lot.Kind.PACKED, gtin=gtin, lot_number=lot_number).first()
    report = SuspectPackReport.objects.create(
        gtin=gtin,
        lot_number=lot_number,
        serial=serial,
        lot=lot,
        language=(getattr(request, "LANGUAGE_CODE", "") or "")[:10],
        **fields,
    )
    if gtin:
        cache.set(repeat, report.pk, seconds)
    return report
