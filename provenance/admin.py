"""Staff enter and review provenance data here; every write goes through provenance.services
(the admin holds no rule of its own)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from provenance import services
from provenance.forms import GrowingAreaForm, LabTestForm, LotForm, LotInputFormSet
from provenance.models import (
    ChainCheckpoint,
    CompanyPrefix,
    Cooperative,
    EventLot,
    GrowingArea,
    GrowingAreaStatusChange,
    Lab,
    LabLimit,
    LabResult,
    LabTest,
    Lot,
    LotInput,
    ProvenanceEvent,
    ScanRecord,
    SeedSource,
    SuspectPackReport,
    UnitSerial,
    UnknownCodeTally,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "kind", "commune", "tax_code", "facility_code", "partner")
    list_filter = ("kind", "commune")
    search_fields = ("legal_name", "tax_code", "partner__name")


@admin.register(SeedSource)
class SeedSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "facility_code", "commune", "recognised_on")
    list_filter = ("kind", "commune")
    search_fields = ("name", "facility_code")


class StatusChangeInline(ReadOnlyInline):
    model = GrowingAreaStatusChange
    fields = ("changed_at", "from_status", "to_status", "reason", "changed_by")
    readonly_fields = fields


@admin.register(GrowingArea)
class GrowingAreaAdmin(admin.ModelAdmin):
    form = GrowingAreaForm
    list_display = (
        "code",
        "name",
        "commune",
        "hectares",
        "land_type",
        "status",
        "cooperative",
        "buyers",
    )
    list_filter = ("status", "land_type", "commune")
    search_fields = ("code", "name", "commune")
    readonly_fields = ("status", "status_changed_at", "status_reason")
    inlines = [StatusChangeInline]

    @admin.display(description=_("buyers"))
    def buyers(self, obj):
        if obj.pk is None or obj.status == "active":
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("provenance:area-buyers", args=[obj.pk]),
            _("list buyers"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        status = form.cleaned_data.get("new_status")
        if status and status != obj.status:
            services.change_area_status(
                obj, status, reason=form.cleaned_data["status_reason_input"], user=request.user
            )
            messages.warning(
                request,
                _("Growing area %(code)s is now %(status)s; its lots were re-checked for sale.")
                % {"code": obj.code, "status": status},
            )


class LotInputInline(admin.TabularInline):
    model = LotInput
    fk_name = "lot"
    formset = LotInputFormSet
    extra = 1
    autocomplete_fields = ("source",)


class UnitSerialInline(admin.TabularInline):
    """Serials are entered with a new lot; a chained lot's serials are read-only."""

    model = UnitSerial
    extra = 0
    fields = ("serial", "qr")
    readonly_fields = ("qr",)

    def has_add_permission(self, request, obj=None):
        return obj is None

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="QR")
    def qr(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">SVG</a> · <a href="{}">PNG</a>',
            reverse("provenance:qr-serial", args=[obj.lot_id, obj.serial, "svg"]),
            reverse("provenance:qr-serial", args=[obj.lot_id, obj.serial, "png"]),
        )


def _saved_by_services(formsets):
    """The services wrote the rows; tell the admin's change message nothing else did."""
    for formset in formsets:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    """A new lot is recorded by ``services.record_lot``; a chained lot is never saved
    here: a change is ``services.correct_lot``, a correction event with its reason."""

    form = LotForm
    list_display = (
        "code",
        "kind",
        "cooperative",
        "growing_area",
        "produced_on",
        "quantity",
        "unit",
        "gtin",
        "lot_number",
        "is_sellable",
    )
    list_filter = ("kind", "is_sellable", "released", "cooperative")
    search_fields = ("code", "gtin", "lot_number")
    raw_id_fields = ("product", "stockrecord")
    readonly_fields = ("is_sellable", "sale_blockers", "checked_at", "links")
    inlines = [LotInputInline, UnitSerialInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is None and "correction_reason" in fields:
            fields.remove("correction_reason")
        return fields

    @admin.display(description=_("trace, QR, labels"))
    def links(self, obj):
        if not obj.pk or not obj.gtin:
            return ""
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">QR SVG</a> · <a href="{}">QR PNG</a> · <a href="{}">{}</a>',
            obj.get_trace_url(),
            _("trace page"),
            reverse("provenance:qr-lot", args=[obj.pk, "svg"]),
            reverse("provenance:qr-lot", args=[obj.pk, "png"]),
            reverse("provenance:labels", args=[obj.pk]),
            _("label sheet"),
        )

    def save_model(self, request, obj, form, change):
        """Nothing here: ``save_related`` hands the lot and its inputs to the services."""

    def save_related(self, request, form, formsets, change):
        inputs, serials, inputs_changed = [], [], False
        for formset in formsets:
            if isinstance(formset, LotInputFormSet):
                inputs, inputs_changed = formset.rows(), formset.has_changed()
            elif formset.model is UnitSerial:
                serials = [
                    f.cleaned_data["serial"]
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
        if not change:
            services.record_lot(form.instance, inputs=inputs, serials=serials, user=request.user)
        else:
            services.correct_lot(
                form.instance,
                reason=form.cleaned_data.get("correction_reason", ""),
                changes=form.correction(),
                inputs=inputs if inputs_changed else None,
                user=request.user,
            )
        _saved_by_services(formsets)


class LabResultInline(admin.TabularInline):
    model = LabResult
    extra = 3
    # the limit is the lab's (LabLimit), copied when the test is judged
    fields = ("category", "analyte", "value", "unit", "limit_kind", "limit", "passed")
    readonly_fields = ("limit_kind", "limit", "passed")


class LabLimitInline(admin.TabularInline):
    model = LabLimit
    extra = 1
    fields = ("category", "analyte", "unit", "limit_kind", "limit", "basis")


@admin.register(Lab)
class LabAdmin(admin.ModelAdmin):
    list_display = ("name", "accreditation", "accreditation_number")
    inlines = [LabLimitInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # tests awaiting a limit (or accreditation) are judged again
        services.rejudge_awaiting_tests(form.instance, user=request.user)


@admin.register(LabTest)
class LabTestAdmin(admin.ModelAdmin):
    """A lab test is recorded by ``services.record_lab_test`` and then read-only (a
    corrected result is a new lab test, with its own event)."""

    form = LabTestForm
    list_display = ("certificate_number", "lab", "lot", "tested_on", "status")
    list_filter = ("status", "lab")
    readonly_fields = ("status", "review")

    @admin.display(description=_("Why it awaits review"))
    def review(self, obj):
        return "; ".join(services.review_reason_message(r) for r in obj.review_reasons or [])

    search_fields = ("certificate_number", "lot__code")
    raw_id_fields = ("lot",)
    inlines = [LabResultInline]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Nothing here: ``save_related`` hands the test and its results to the services."""

    def save_related(self, request, form, formsets, change):
        results = []
        for formset in formsets:
            for row in formset.forms:
                data = row.cleaned_data
                if data and not data.get("DELETE"):
                    # no limit: the lab's own (LabLimit) judges each result
                    results.append(
                        {name: data[name] for name in ("category", "analyte", "value", "unit")}
                    )
        data = form.cleaned_data
        test = services.record_lab_test(
            lot=data["lot"],
            lab=data["lab"],
            certificate_number=data["certificate_number"],
            sampled_on=data["sampled_on"],
            tested_on=data["tested_on"],
            certificate=data.get("certificate") or None,
            results=results,
            user=request.user,
        )
        form.instance.pk, form.instance._state.adding = test.pk, False
        _saved_by_services(formsets)


class EventLotInline(ReadOnlyInline):
    model = EventLot
    fields = ("lot", "role")
    readonly_fields = fields


@admin.register(ProvenanceEvent)
class ProvenanceEventAdmin(admin.ModelAdmin):
    """Read-only: events are appended by the services and never changed."""

    list_display = (
        "chain",
        "sequence",
        "event_type",
        "biz_step",
        "event_time",
        "recorded_by",
        "short_hash",
    )
    list_filter = ("biz_step", "event_type", "chain")
    readonly_fields = [f.name for f in ProvenanceEvent._meta.fields]
    inlines = [EventLotInline]
    actions = None

    @admin.display(description=_("hash"))
    def short_hash(self, obj):
        return obj.hash[:12]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChainCheckpoint)
class ChainCheckpointAdmin(admin.ModelAdmin):
    """Read-only: checkpoints are signed by ``manage.py checkpoint_provenance``."""

    list_display = ("pk", "created_at", "digest", "key_id")
    readonly_fields = [f.name for f in ChainCheckpoint._meta.fields]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScanRecord)
class ScanRecordAdmin(admin.ModelAdmin):
    list_display = (
        "scanned_at",
        "gtin",
        "lot_number",
        "serial_text",
        "result",
        "user_agent_family",
        "language",
    )
    list_filter = ("result", "language", "user_agent_family")
    search_fields = ("gtin", "lot_number", "serial_text")
    readonly_fields = [f.name for f in ScanRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# ---------------------------------------------------------------- scan signals (provseller)


@admin.register(UnknownCodeTally)
class UnknownCodeTallyAdmin(admin.ModelAdmin):
    list_display = ("day", "reason", "gtin", "lot_number", "hits", "clients", "last_code")
    list_filter = ("reason", "day")
    search_fields = ("gtin", "lot_number", "last_code")
    readonly_fields = [f.name for f in UnknownCodeTally._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SuspectPackReport)
class SuspectPackReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "gtin", "lot_number", "serial", "lot", "status", "language")
    list_filter = ("status", "language")
    search_fields = ("gtin", "lot_number", "serial", "where_bought", "description")
    readonly_fields = (
        "created_at",
        "gtin",
        "lot_number",
        "serial",
        "lot",
        "where_bought",
        "description",
        "contact",
        "language",
    )
    fields = (*readonly_fields, "status", "staff_notes")

    def has_add_permission(self, request):
        return False


# ---------------------------------------------------------------- GS1 company prefixes (provseller)


class CompanyPrefixForm(forms.ModelForm):
    class Meta:
        model = CompanyPrefix
        fields = ("prefix", "cooperative", "reference")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("prefix") and cleaned.get("cooperative"):
            try:
                services.check_company_prefix(cleaned["prefix"], cleaned["cooperative"])
            except ValidationError as exc:
                self.add_error("prefix", exc)
        return cleaned


@admin.register(CompanyPrefix)
class CompanyPrefixAdmin(admin.ModelAdmin):
    """Staff register the GS1 company prefix GS1 Vietnam issued to a cooperative."""

    form = CompanyPrefixForm
    list_display = ("prefix", "cooperative", "reference", "registered_at", "registered_by")
    search_fields = ("prefix", "cooperative__name", "reference")
    fields = ("prefix", "cooperative", "reference")

    def get_readonly_fields(self, request, obj=None):
        return ("prefix", "cooperative") if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["reference"])
            return
        registered = services.register_company_prefix(
            prefix=obj.prefix,
            cooperative=obj.cooperative,
            reference=obj.reference,
            user=request.user,
        )
        obj.pk = registered.pk
        obj._state.adding = False
