"""Admin forms: validation that needs more than one field, and status changes with reasons."""

from decimal import Decimal

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

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Lot.Kind.PACKED:
            for name in ("gtin", "lot_number", "product_form"):
                if not cleaned.get(name):
                    self.add_error(name, _("A packed lot needs this."))
            if cleaned.get("gtin") and cleaned.get("cooperative"):
                try:  # only the holder of the GTIN's company prefix packs under it
                    services.check_gtin_owner(cleaned["gtin"], cleaned["cooperative"])
                except gs1.InvalidCode:
                    pass  # the field's own validator says so
                except ValidationError as exc:
                    self.add_error("gtin", exc)
        if kind in (Lot.Kind.PLANTING, Lot.Kind.HARVEST) and not cleaned.get("growing_area"):
            self.add_error("growing_area", _("Plantings and harvests happen in a growing area."))
        if kind == Lot.Kind.SEEDLING and not cleaned.get("seed_source"):
            self.add_error("seed_source", _("Seedlings come from a seed source."))
        if kind == Lot.Kind.HARVEST and cleaned.get("quantity") and cleaned.get("area_ha"):
            limit = services.max_yield_kg_per_ha() * cleaned["area_ha"]
            if cleaned["quantity"] > limit:
                self.add_error(
                    "quantity",
                    _(
                        "A harvest of %(kg)s kg from %(ha)s ha is heavier than the planting allows (at most %(max)s kg)."
                    )
                    % {
                        "kg": cleaned["quantity"].normalize(),
                        "ha": cleaned["area_ha"].normalize(),
                        "max": limit.normalize(),
                    },
                )
        area = cleaned.get("growing_area")
        if area and cleaned.get("area_ha") and cleaned["area_ha"] > area.hectares:
            self.add_error(
                "area_ha", _("The growing area has only %(ha)s ha.") % {"ha": area.hectares}
            )
        return cleaned


class LotInputFormSet(forms.BaseInlineFormSet):
    """Inputs may not use more of a lot than is left, nor outweigh what they make."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            rows.append((form.cleaned_data["source"], form.cleaned_data["quantity"]))
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
        if lot.kind == Lot.Kind.PACKED:
            # packs hold no more than their inputs (the product's net weight per pack)
            try:
                net = services.pack_net_weight_g(lot.product)
                for source, quantity in rows:
                    services.check_mass_balance(source, quantity, lot.quantity, net)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        if lot.kind == Lot.Kind.HARVEST and lot.area_ha:
            # A harvest weighs no more than its hectares allow.
            limit = services.max_yield_kg_per_ha() * Decimal(lot.area_ha)
            if lot.quantity and lot.quantity > limit:
                raise ValidationError(_("The harvest is heavier than its inputs allow."))


class LabTestForm(forms.ModelForm):
    class Meta:
        model = LabTest
        fields = ["lab", "lot", "certificate_number", "sampled_on", "tested_on", "certificate"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sampled_on") and cleaned.get("tested_on"):
            if cleaned["tested_on"] < cleaned["sampled_on"]:
                self.add_error("tested_on", _("A sample is tested after it is taken."))
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
