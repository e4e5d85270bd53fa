import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        # Statistics over whole orders and editing the buyer's address: staff only.
        from oscar.core.loading import get_class

        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        for name in ("order-stats", "order-shipping-address", "order-export-permits"):
            self.permissions_map[name] = (DashboardPermission.staff,)

    def get_urls(self):
        from django.urls import path

        from shop.dashboard.orders.views import ExportPermitListView

        extra = self.post_process_urls(
            [
                path(
                    "export-permits/",
                    ExportPermitListView.as_view(),
                    name="order-export-permits",
                ),
            ]
        )
        return extra + super().get_urls()
