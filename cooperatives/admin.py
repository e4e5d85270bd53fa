"""Staff review the "Sell with us" queue here: approve, or write a reason and reject."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cooperatives import services
from cooperatives.models import Application, ApplicationDocument, Profile


class DocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    readonly_fields = ("file",)
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "tax_code", "commune", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("legal_name", "tax_code", "contact_email")
    inlines = [DocumentInline]
    actions = ["approve", "reject", "resend_approval"]
    readonly_fields = [f.name for f in Application._meta.fields if f.name not in ("id", "reason")]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve selected applications"))
    def approve(self, request, queryset):
        for application in queryset:
            try:
                services.approve_application(application, reviewer=request.user)
            except services.ApplicationError as exc:
                self.message_user(request, f"{application}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Approved: %s") % application, messages.SUCCESS)

    @admin.action(description=_("Reject selected applications (with the reason written on each)"))
    def reject(self, request, queryset):
        for application in queryset:
            try:
                services.reject_application(
                    application, reason=application.reason, reviewer=request.user
                )
            except services.ApplicationError as exc:
                self.message_user(request, f"{application}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("Rejected: %s") % application, messages.SUCCESS)

    @admin.action(description=_("Send the approval e-mail again (a fresh claim link)"))
    def resend_approval(self, request, queryset):
        for application in queryset.filter(status=Application.Status.APPROVED):
            user = services.approval_user(application)
            if user is None:
                self.message_user(request, f"{application}: -", messages.ERROR)
                continue
            services.send_approved_email(application.pk, user.pk)
            self.message_user(request, _("Sent again: %s") % application, messages.SUCCESS)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("slug", "cooperative", "is_public")
    list_filter = ("is_public",)
