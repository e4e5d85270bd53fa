"""Admin forms: validation that needs more than one field, and status changes with reasons."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from provenance import gs1, services
from provenance.models import AreaStatus, GrowingArea, LabTest, Lot


class GrowingAreaForm(forms.ModelForm):
    new_status = forms.ChoiceField(
        label=_("Change status to"), choices=[("", "—"), *AreaStatus.choices], required=False
    )
    status_reason_input = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    class Meta:
        model = GrowingArea
        fields = [
            "code",
            "name",
            "commune",
            "cooperative",
            "hectares",
            "land_type",
            "altitude_m",
            "boundary",
            "gacp_certificate_number",
            "gacp_issuer",
            "gacp_valid_from",
            "gacp_valid_until",
            "gacp_certificate",
            "gi_authorisation",
            "gi_authorised_on",
        ]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("new_status")
        if (
            status
            and status != getattr(self.instance, "status", None)
            and not (cleaned.get("status_reason_input") or "").strip()
        ):
            self.add_error("status_reason_input", _("Give the reason for the status change."))
        return cleaned


class LotForm(forms.ModelForm):
    """A new lot, or (for a lot already chained) a correction of it: then the reason is
    required and ``services.correct_lot`` records what changed. The rules are the
    services' own (``services.check_lot_fields``)."""

    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("The lot is sealed in the chain: a change is recorded as a correction."),
    )

    class Meta:
        model = Lot
        fields = [
            "code",
            "kind",
            "cooperative",
            "seed_source",
            "growing_area",
            "produced_on",
            "quantity",
            "unit",
            "area_ha",
            "process",
            "notes",
            "product_form",
            "gtin",
            "lot_number",
            "product",
            "stockrecord",
            "best_before",
            "released",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("code", "kind"):
                self.fields[name].disabled = True
            self.fields["correction_reason"].required = True

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_lot_fields(**cleaned)
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned

    def correction(self):
        """The fields this form changes, for ``services.correct_lot``."""
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in services.CORRECTABLE
        }


class LotInputFormSet(forms.BaseInlineFormSet):
    """Inputs may not use more of a lot than is left, nor outweigh what they make
    (``services.check_inputs``)."""

    def rows(self):
        return [
            (form.cleaned_data["source"], form.cleaned_data["quantity"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = self.rows()
        lot = self.instance
        if not rows:
            return
        try:
            services.check_inputs(
                rows,
                output_quantity=lot.quantity if lot.unit == Lot.Unit.KG else None,
                output_unit=lot.unit,
                process=lot.process,
                exclude_lot=lot if lot.pk else None,
            )
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


class LabTestForm(forms.ModelForm):
    class Meta:
        model = LabTest
        fields = ["lab", "lot", "certificate_number", "sampled_on", "tested_on", "certificate"]

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_lab_dates(cleaned.get("sampled_on"), cleaned.get("tested_on"))
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


# ---------------------------------------------------------------- buyers (provseller)


class SuspectPackReportForm(forms.Form):
    """A buyer tells us about a pack that may not be genuine (anyone may send it)."""

    gtin = forms.CharField(
        label=_("GTIN (the number after (01) on the label)"), max_length=20, required=False
    )
    lot_number = forms.CharField(
        label=_("Lot (after (10))"), max_length=20, required=False, strip=True
    )
    serial = forms.CharField(label=_("Serial (after (21))"), max_length=20, required=False)
    where_bought = forms.CharField(
        label=_("Where did you buy it?"),
        max_length=200,
        required=False,
        help_text=_("Shop, market or website, and the town."),
    )
    description = forms.CharField(
        label=_("What looks wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact = forms.CharField(
        label=_("Your phone or e-mail (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only if you want us to reply. We use it for nothing else."),
    )

    def clean_gtin(self):
        raw = "".join(self.cleaned_data["gtin"].split()).replace("-", "")
        if not raw:
            return ""
        try:
            return gs1.normalize_gtin(raw)
        except gs1.InvalidCode as exc:
            raise ValidationError(
                _("This is not a valid GTIN: check the 8 to 14 digits after (01).")
            ) from exc

    def _clean_ai(self, name):
        value = self.cleaned_data[name].strip()
        if value and not gs1.is_valid_ai_value(value):
            raise ValidationError(_("Use the letters and digits as printed on the label."))
        return value

    def clean_lot_number(self):
        return self._clean_ai("lot_number")

    def clean_serial(self):
        return self._clean_ai("serial")
