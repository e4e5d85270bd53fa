from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cooperatives.models import KIND_CHOICES
from core.images import validate_image_pixels
from core.phones import parse_phone, validate_phone
from provenance.validators import (
    validate_certificate_file,
    validate_growing_area_code,
    validate_tax_code,
)

MAX_FILES = 5


def max_upload_bytes():
    return getattr(settings, "COOPERATIVE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    tax_code = forms.CharField(label=_("Tax code"), max_length=14, validators=[validate_tax_code])
    commune = forms.CharField(label=_("Commune"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=100)
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("A Vietnamese number (091 234 5678) or +country code."),
    )
    contact_email = forms.EmailField(label=_("E-mail"))
    area_codes = forms.CharField(
        label=_("Growing-area codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas, e.g. VN-LCPT-0001."),
    )
    story = forms.CharField(
        label=_("About your cooperative"), required=False, widget=forms.Textarea
    )
    certificates = MultipleFileField(
        label=_("Certificates"),
        required=False,
        help_text=_("PDF, PNG or JPEG files."),
    )

    def clean_contact_phone(self):
        return parse_phone(self.cleaned_data["contact_phone"])

    def clean_tax_code(self):
        return self.cleaned_data["tax_code"].strip()

    def clean_area_codes(self):
        raw = self.cleaned_data.get("area_codes", "")
        codes = [c.strip().upper() for c in raw.replace(",", "\n").splitlines() if c.strip()]
        for code in codes:
            validate_growing_area_code(code)
        return sorted(set(codes))

    def clean_certificates(self):
        files = self.cleaned_data.get("certificates") or []
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_FILES}, code="too_many"
            )
        limit = max_upload_bytes()
        for upload in files:
            if upload.size > limit:
                raise ValidationError(
                    _("%(name)s is larger than %(limit)s.")
                    % {"name": upload.name, "limit": filesizeformat(limit)},
                    code="too_large",
                )
            validate_certificate_file(upload)
            validate_image_pixels(upload)
        return files

    def clean(self):
        from cooperatives.services import application_blockers

        cleaned = super().clean()
        if cleaned.get("tax_code"):
            for problem in application_blockers(
                cleaned["tax_code"], cleaned.get("contact_email", "")
            ):
                self.add_error("tax_code", problem)
        return cleaned
