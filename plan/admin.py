"""Staff edit the plan's targets here; each change keeps the version it replaces
(plan.services.update_target: the admin holds no rule of its own)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plan import services
from plan.models import PlanTarget, PlanTargetRevision


class PlanTargetForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=255,
        required=False,
        help_text=_("Required when the target changes; kept with the earlier version."),
    )

    class Meta:
        model = PlanTarget
        fields = ("label_vi", "label_en", "value", "unit", "year", "source", "source_quote")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.changed_data and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", _("Say why the target changes."))
        return cleaned


class RevisionInline(admin.TabularInline):
    model = PlanTargetRevision
    extra = 0
    can_delete = False
    fields = (
        "value",
        "unit",
        "year",
        "source",
        "valid_from",
        "valid_until",
        "set_by",
        "replaced_by",
        "reason",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PlanTarget)
class PlanTargetAdmin(admin.ModelAdmin):
    form = PlanTargetForm
    list_display = ("key", "label_vi", "value", "unit", "year", "source", "updated_at")
    readonly_fields = ("key", "updated_at", "updated_by")
    inlines = [RevisionInline]

    def has_add_permission(self, request):
        # Targets are the figures plan.figures computes (added by a migration).
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:  # pragma: no cover - adding is refused above
            return super().save_model(request, obj, form, change)
        fields = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in PlanTargetForm.Meta.fields
        }
        services.update_target(
            obj, user=request.user, reason=form.cleaned_data.get("change_reason", ""), **fields
        )
