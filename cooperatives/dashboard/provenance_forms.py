"""Forms for a cooperative's own provenance records. Every choice of a lot or stock
record is narrowed through cooperatives.access; the records are made by
provenance.services (the same rules as for staff)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from cooperatives import access
from core.images import validate_image_pixels
from provenance import services
from provenance.models import Lab, LabResult, Lot
from provenance.validators import validate_ai_value, validate_certificate_file, validate_gtin

StockRecord = get_model("partner", "StockRecord")


#: A date picker; ISO values, so a redisplayed form keeps them in any language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _new_code(value):
    return services.check_new_lot_code(value)


class OwnLotForm(forms.Form):
    def __init__(self, *args, lot, user, **kwargs):
        self.lot, self.user = lot, user
        super().__init__(*args, **kwargs)


class ProcessingForm(OwnLotForm):
    code = forms.CharField(label=_("Lot code"), max_length=40)
    kg_used = forms.DecimalField(
        label=_("Weight used from this harvest (kg)"), min_value=Decimal("0.001"), decimal_places=3
    )
    other_harvests = forms.ModelMultipleChoiceField(
        label=_("Also used whole (all that is left)"),
        queryset=Lot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    process = forms.ChoiceField(
        label=_("Process"), choices=[c for c in Lot.Process.choices if c[0]]
    )
    quantity = forms.DecimalField(
        label=_("Weight made (kg)"), min_value=Decimal("0.001"), decimal_places=3
    )
    processed_on = forms.DateField(label=_("Processed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_harvests"].queryset = (
            access.owned_queryset(self.user, Lot)
            .filter(kind=Lot.Kind.HARVEST)
            .exclude(pk=self.lot.pk)
            .order_by("code")
        )
        self.fields["kg_used"].help_text = _("%(kg)s kg left.") % {
            "kg": services.remaining(self.lot).normalize()
        }

    def clean_code(self):
        return _new_code(self.cleaned_data["code"])

    def inputs(self):
        rows = [(self.lot, self.cleaned_data["kg_used"])]
        for other in self.cleaned_data.get("other_harvests") or ():
            left = services.remaining(other)
            if left > 0:
                rows.append((other, left))
        return rows

    def lot_fields(self):
        data = self.cleaned_data
        return {
            "code": data["code"],
            "process": data["process"],
            "quantity": data["quantity"],
            "processed_on": data["processed_on"],
        }


class LabChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from core.templatetags.names import vi_name_text

        return vi_name_text(obj.name)


class LabTestForm(OwnLotForm):
    lab = LabChoiceField(
        label=_("Laboratory"),
        queryset=Lab.objects.order_by("name"),
        widget=forms.Select(attrs={"lang": "vi"}),  # official Vietnamese names
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60)
    sampled_on = forms.DateField(label=_("Sampled on"), widget=DATE)
    tested_on = forms.DateField(label=_("Tested on"), widget=DATE)
    certificate = forms.FileField(
        label=_("Certificate file (PDF, PNG or JPEG)"),
        required=False,
        validators=[validate_certificate_file, validate_image_pixels],
    )

    def clean(self):
        cleaned = super().clean()
        try:
            services.check_lab_dates(cleaned.get("sampled_on"), cleaned.get("tested_on"))
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


class LabResultForm(forms.ModelForm):
    class Meta:
        model = LabResult
        # no limit: results are judged against the lab's own limits (LabLimit)
        fields = ["category", "analyte", "value", "unit"]


class BaseLabResultFormSet(forms.BaseFormSet):
    def rows(self):
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.rows():
            raise ValidationError(_("Enter at least one result."))


LabResultFormSet = forms.formset_factory(LabResultForm, formset=BaseLabResultFormSet, extra=3)


class PackForm(OwnLotForm):
    stockrecord = forms.ModelChoiceField(
        label=_("Your stock record (product)"), queryset=StockRecord.objects.none()
    )
    code = forms.CharField(label=_("Lot code"), max_length=40)
    used = forms.DecimalField(
        label=_("Quantity used"), min_value=Decimal("0.001"), decimal_places=3
    )
    units = forms.IntegerField(label=_("Packs made"), min_value=1)
    gtin = forms.CharField(label=_("GTIN"), max_length=14, min_length=8, validators=[validate_gtin])
    lot_number = forms.CharField(
        label=_("Lot number (printed on the pack)"), max_length=20, validators=[validate_ai_value]
    )
    best_before = forms.DateField(label=_("Best before"), widget=DATE)
    packed_on = forms.DateField(label=_("Packed on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = access.owned_queryset(
            self.user, StockRecord
        ).select_related("product")
        self.fields["stockrecord"].label_from_instance = lambda record: (
            f"{record.product.get_title()} ({record.partner_sku})"
        )
        self.fields["used"].help_text = _("%(quantity)s %(unit)s left.") % {
            "quantity": services.remaining(self.lot).normalize(),
            "unit": self.lot.get_unit_display(),
        }

    def clean_code(self):
        return _new_code(self.cleaned_data["code"])

    def pack_fields(self):
        data = self.cleaned_data
        return {
            "stockrecord": data["stockrecord"],
            "code": data["code"],
            "used": data["used"],
            "units": data["units"],
            "gtin": data["gtin"],
            "lot_number": data["lot_number"],
            "best_before": data["best_before"],
            "packed_on": data["packed_on"],
            "product_form": Lot.Form.FRESH
            if self.lot.kind == Lot.Kind.HARVEST
            else Lot.Form.PROCESSED,
        }
