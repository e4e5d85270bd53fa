from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.templatetags.money import currency
from payments import services
from payments.models import (
    ExchangeRate,
    Payment,
    ProviderEvent,
    StatementImport,
    Status,
    StatusChange,
)
from payments.statement import StatementError


@admin.display(description=_("amount"), ordering="amount")
def amount_shown(obj):
    """Amounts through the site's one formatter (1.234.567 ₫), not as stored."""
    return currency(obj.amount, getattr(obj, "currency", None) or "VND") or obj.amount


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("at", "old_status", "new_status", "note", "event", "by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ProviderEventInline(admin.TabularInline):
    model = ProviderEvent
    extra = 0
    can_delete = False
    fields = ("received_at", "provider", "type", "event_id", amount_shown, "outcome")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Bank statement (CSV)"))


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "purpose",
        "method",
        amount_shown,
        "status",
        "needs_attention",
        "created_at",
        "paid_at",
    )
    list_filter = ("status", "method", "purpose", "needs_attention")
    search_fields = ("reference", "provider_id", "provider_payment_id")
    readonly_fields = (
        "purpose",
        "reference",
        "method",
        amount_shown,
        "status",
        "provider_id",
        "provider_payment_id",
        "checkout_url",
        "expires_at",
        "paid_at",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields + ("needs_attention",)
    inlines = [StatusChangeInline, ProviderEventInline]
    actions = ["mark_paid"]
    change_list_template = "admin/payments/payment/change_list.html"

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark selected bank transfers as paid"), permissions=["change"])
    def mark_paid(self, request, queryset):
        done = 0
        for payment in queryset.filter(status=Status.PENDING):
            services.mark_paid_by_staff(payment, user=request.user)
            done += 1
        self.message_user(request, _("%(count)d payments marked as paid.") % {"count": done})

    def get_urls(self):
        extra = [
            path(
                "import-statement/",
                self.admin_site.admin_view(self.import_statement),
                name="payments_payment_import_statement",
            )
        ]
        return extra + super().get_urls()

    def import_statement(self, request):
        if not self.has_change_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        form = StatementForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = services.start_statement_import(
                    upload.read(), file_name=upload.name, by=request.user
                )
            except StatementError as exc:
                messages.error(request, _("The file could not be read: %(error)s") % {"error": exc})
            else:
                messages.success(
                    request,
                    _("The statement is being imported: %(lines)d lines.")
                    % {"lines": record.rows_total},
                )
                return redirect("admin:payments_statementimport_change", record.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "recent": StatementImport.objects.all()[:10],
            "title": _("Import a bank statement"),
        }
        return TemplateResponse(request, "admin/payments/import_statement.html", context)


@admin.register(StatementImport)
class StatementImportAdmin(admin.ModelAdmin):
    """Staff follow an import here: lines done of the total, then every line's outcome."""

    list_display = (
        "created_at",
        "file_name",
        "state",
        "progress",
        "matched",
        "to_check",
        "unmatched",
        "refused",
        "already_imported",
        "created_by",
    )
    list_filter = ("state",)
    fields = (
        "file_name",
        "state",
        "progress",
        "matched",
        "to_check",
        "unmatched",
        "refused",
        "already_imported",
        "error",
        "created_by",
        "created_at",
        "finished_at",
    )
    readonly_fields = fields
    change_form_template = "admin/payments/statementimport/change_form.html"

    @admin.display(description=_("lines done"))
    def progress(self, obj):
        return f"{obj.rows_done} / {obj.rows_total}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        results = []
        for row in (obj.results if obj else []) or []:
            row = {
                key: ""
                for key in (
                    "transaction_id",
                    "amount",
                    "description",
                    "text",
                    "reason",
                    "reference",
                )
            } | row
            if row.get("refusal"):
                row["reason"] = services.REFUSAL_REASONS.get(row["refusal"], row["refusal"])
            results.append(row)
        extra = {"results": results, "import": obj, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=extra)


@admin.register(ProviderEvent)
class ProviderEventAdmin(admin.ModelAdmin):
    list_display = ("received_at", "provider", "type", "event_id", "payment", "outcome")
    list_filter = ("provider", "type")
    search_fields = ("event_id", "payment__reference")
    readonly_fields = [f.name for f in ProviderEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "vnd_per_unit", "updated_at")
