"""Staff see every farm-visit booking in the Django admin, read-only: bookings change
only through tourism.services (the tourist's signed page, the host's dashboard)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tourism.models import Booking, Slot


class SlotFilter(admin.SimpleListFilter):
    """The latest hundred slots, named by visit and local start (one query)."""

    title = _("slot")
    parameter_name = "slot"

    def lookups(self, request, model_admin):
        slots = Slot.objects.select_related("experience").order_by("-starts_at", "-pk")[:100]
        return [
            (
                str(slot.pk),
                f"{timezone.localtime(slot.starts_at):%d/%m/%Y %H:%M} · {slot.experience.title}",
            )
            for slot in slots
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(slot_id=int(value))
        return queryset


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "visit",
        "starts_at",
        "adults",
        "children",
        "status",
        "payment_choice",
        "amount",
        "amount_paid",
        "refund_due",
        "attendance",
    ]
    list_filter = [SlotFilter, "status", "payment_choice", "attendance"]
    search_fields = ["code", "name", "email", "phone"]
    list_select_related = ["slot__experience"]
    ordering = ["-slot__starts_at", "name"]
    date_hierarchy = "created_at"

    @admin.display(description=_("visit"), ordering="slot__experience__title")
    def visit(self, booking):
        return booking.slot.experience.title

    @admin.display(description=_("start"), ordering="slot__starts_at")
    def starts_at(self, booking):
        return timezone.localtime(booking.slot.starts_at).strftime("%d/%m/%Y %H:%M")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
