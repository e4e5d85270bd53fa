"""Oscar's dashboard, forked so that cooperative users get their own pages (sales) and
reach only what they own (cooperatives.access)."""

import oscar.apps.dashboard.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class DashboardConfig(apps.DashboardConfig):
    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        both = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        for name in (
            "cooperative-sales",
            "cooperative-lots",
            "cooperative-harvest",
            "cooperative-processing",
            "cooperative-lab-test",
            "cooperative-pack",
            "cooperative-profile",
        ):
            self.permissions_map[name] = both

    def get_urls(self):
        from shop.dashboard import profile_views, provenance_views, views

        urls = super().get_urls()
        extra = self.post_process_urls(
            [
                path("sales/", views.SalesReportView.as_view(), name="cooperative-sales"),
                path(
                    "lots/",
                    provenance_views.LotListView.as_view(),
                    name="cooperative-lots",
                ),
                path(
                    "lots/<int:pk>/harvest/",
                    provenance_views.RecordHarvestView.as_view(),
                    name="cooperative-harvest",
                ),
                path(
                    "lots/<int:pk>/processing/",
                    provenance_views.RecordProcessingView.as_view(),
                    name="cooperative-processing",
                ),
                path(
                    "lots/<int:pk>/lab-test/",
                    provenance_views.RecordLabTestView.as_view(),
                    name="cooperative-lab-test",
                ),
                path(
                    "lots/<int:pk>/pack/",
                    provenance_views.PackLotView.as_view(),
                    name="cooperative-pack",
                ),
                path(
                    "profile/<int:pk>/",
                    profile_views.ProfileUpdateView.as_view(),
                    name="cooperative-profile",
                ),
            ]
        )
        return extra + urls
