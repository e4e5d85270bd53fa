"""Staff read enquiries, quotes and orders here; they answer in the dashboard
(*Wholesale enquiries*), where the rules of trade.services apply."""

from django.contrib import admin

from trade.models import Enquiry, EnquiryLine, Quote, QuoteLine, TradeOrder


class EnquiryLineInline(admin.TabularInline):
    model = EnquiryLine
    extra = 0
    can_delete = False
    readonly_fields = ("product", "partner", "quantity", "unit")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ("reference", "company", "country", "status", "created_at")
    list_filter = ("status", "country", "incoterm")
    search_fields = ("reference", "company", "email", "contact_name")
    readonly_fields = [f.name for f in Enquiry._meta.fields if f.name != "id"]
    inlines = [EnquiryLineInline]

    def has_add_permission(self, request):
        return False


class QuoteLineInline(admin.TabularInline):
    model = QuoteLine
    extra = 0
    can_delete = False
    readonly_fields = ("enquiry_line", "partner", "quantity", "unit_price", "minimum_order", "lot")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("enquiry", "version", "status", "valid_until", "sent_at")
    list_filter = ("status",)
    search_fields = ("enquiry__reference", "enquiry__company")
    readonly_fields = [f.name for f in Quote._meta.fields if f.name != "id"]
    inlines = [QuoteLineInline]

    def has_add_permission(self, request):
        return False


@admin.register(TradeOrder)
class TradeOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "quote", "amount", "method", "status", "created_at")
    list_filter = ("status", "method")
    search_fields = ("number", "quote__enquiry__reference")
    readonly_fields = [f.name for f in TradeOrder._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False
