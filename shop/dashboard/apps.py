"""Oscar's dashboard, forked so that cooperative users get their own pages and reach
only what they own (cooperatives.access). The pages are not listed here: each app
registers its own (cooperatives.registry.register_dashboard_page, from its
AppConfig.ready()); this app mounts what was registered and opens it to staff and
cooperative users. The menu entries are added by shop/dashboard/menu.py."""

import oscar.apps.dashboard.apps as apps
from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    name = "shop.dashboard"

    def ready(self):
        from cooperatives import registry

        registry.register_dashboard_page(
            "sales/",
            "shop.dashboard.views.SalesReportView",
            "cooperative-sales",
            menu_label=_("Sales"),
            menu_group=_("Selling"),
            menu_icon="fas fa-chart-line",
        )
        super().ready()

    def configure_permissions(self):
        super().configure_permissions()
        self._open_registered_pages()

    def _open_registered_pages(self):
        from cooperatives import registry

        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        both = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        for page in registry.dashboard_pages():
            self.permissions_map[page.name] = both

    def get_urls(self):
        from cooperatives import registry

        # Apps after this one in INSTALLED_APPS register in their ready(), which runs
        # after ours: the URLs are built once every app is ready.
        self._open_registered_pages()
        urls = super().get_urls()
        extra = self.post_process_urls(
            [
                path(page.route, page.as_view(), name=page.name)
                for page in registry.dashboard_pages()
            ]
        )
        return extra + urls
