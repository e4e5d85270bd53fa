"""Field validators for provenance data."""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from provenance import geo, gs1

DEFAULT_AREA_CODE_PATTERN = r"^VN-[A-Z]{2,6}-\d{4}$"
CERTIFICATE_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg"}
_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff")


def area_code_pattern():
    return getattr(settings, "PROVENANCE_GROWING_AREA_CODE_PATTERN", DEFAULT_AREA_CODE_PATTERN)


def validate_growing_area_code(value):
    pattern = area_code_pattern()
    if not re.fullmatch(pattern, value or ""):
        raise ValidationError(
            _("“%(code)s” is not a valid growing-area code (expected a code like %(example)s)."),
            code="invalid_area_code",
            params={
                "code": value,
                "example": getattr(
                    settings, "PROVENANCE_GROWING_AREA_CODE_EXAMPLE", "VN-LCPT-0001"
                ),
            },
        )


def validate_gtin(value):
    if value and not gs1.is_valid_gtin(value):
        raise ValidationError(
            _("“%(gtin)s” is not a valid GTIN: wrong length or check digit."),
            code="invalid_gtin",
            params={"gtin": value},
        )


def validate_ai_value(value):
    if value and not gs1.is_valid_ai_value(value):
        raise ValidationError(
            _("Use 1–20 letters, digits or - . / _ characters (GS1 character set 82)."),
            code="invalid_ai",
        )


def validate_boundary(value):
    if value in (None, "", {}):
        return
    try:
        geo.polygon_rings(value)
    except geo.InvalidBoundary as exc:
        raise ValidationError(
            _("The boundary is not a valid GeoJSON polygon: %(reason)s"),
            code="invalid_boundary",
            params={"reason": str(exc)},
        ) from exc


def validate_certificate_file(upload):
    """Certificates are PDF or image files, checked by extension and by content."""
    if not upload:
        return
    extension = Path(upload.name).suffix.lower()
    head = b""
    try:
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(8)
        upload.seek(position)
    except (OSError, ValueError, AttributeError):
        head = b""
    if extension not in CERTIFICATE_EXTENSIONS or (head and not head.startswith(_SIGNATURES)):
        raise ValidationError(
            _("A certificate must be a PDF, PNG or JPEG file."), code="invalid_certificate"
        )


def validate_tax_code(value):
    if value and not re.fullmatch(r"\d{10}(-\d{3})?", value):
        raise ValidationError(
            _("A Vietnamese tax code has 10 digits, or 10 digits, a dash and 3 digits."),
            code="invalid_tax_code",
        )
