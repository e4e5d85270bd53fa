"""Staff enter and review provenance data here; writes go through provenance.services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from provenance import services
from provenance.forms import GrowingAreaForm, LabTestForm, LotForm, LotInputFormSet
from provenance.models import (
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
    model = UnitSerial
    extra = 0
    fields = ("serial", "qr")
    readonly_fields = ("qr",)

    @admin.display(description="QR")
    def qr(self, obj):
        if not obj.pk:
            return ""
        return format_html(
            '<a href="{}">SVG</a> · <a href="{}">PNG</a>',
            reverse("provenance:qr-serial", args=[obj.lot_id, obj.serial, "svg"]),
            reverse("provenance:qr-serial", args=[obj.lot_id, obj.serial, "png"]),
        )


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        lot = form.instance
        if not change:
            services.record_lot_from_admin(lot, user=request.user)
        else:
            services.refresh_lineage(lot)
            services.refresh_dependants([lot.pk])


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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.register_lab_test(form.instance, user=request.user)


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
