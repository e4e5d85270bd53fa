"""Staff manage training sessions, their hand-outs and registrations in the Django admin
(event pages are Wagtail pages, edited in /cms-admin/)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import TrainingDocument, TrainingRegistration, TrainingSession


class TrainingDocumentInline(admin.TabularInline):
    model = TrainingDocument
    extra = 1


class TrainingRegistrationInline(admin.TabularInline):
    model = TrainingRegistration
    extra = 0
    fields = ["cooperative", "attendee_name", "registered_by", "registered_at", "attended"]
    readonly_fields = ["registered_by", "registered_at"]
    autocomplete_fields = ["cooperative"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "title_vi",
        "topic",
        "starts_at",
        "place",
        "host_cooperative",
        "capacity",
        "registered",
        "is_cancelled",
    ]
    list_filter = ["topic", "is_cancelled", "host_cooperative"]
    search_fields = ["title_vi", "title_en", "place", "commune"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["host_cooperative"]
    inlines = [TrainingDocumentInline, TrainingRegistrationInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(registered_count=Count("registrations"))

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count


@admin.register(TrainingRegistration)
class TrainingRegistrationAdmin(admin.ModelAdmin):
    list_display = ["attendee_name", "cooperative", "session", "attended", "registered_at"]
    list_filter = ["attended", "session__topic"]
    search_fields = ["attendee_name", "cooperative__legal_name"]
    list_select_related = ["cooperative", "session"]
    raw_id_fields = ["session", "user", "registered_by", "attendance_recorded_by"]
    readonly_fields = ["registered_at", "attendance_recorded_at"]
