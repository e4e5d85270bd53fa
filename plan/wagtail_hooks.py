"""Staff who work in /cms-admin/ find the plan report in its menu too (the dashboard
menu has the same entry: settings.OSCAR_DASHBOARD_NAVIGATION)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff


@hooks.register("register_admin_menu_item")
def plan_progress_menu_item():
    return StaffMenuItem(
        _("Plan progress"), reverse("plan-staff:report"), icon_name="doc-full", order=900
    )
