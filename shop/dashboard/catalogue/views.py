"""Product views of the dashboard: Oscar's, with lookups limited to what the user owns
(cooperatives.access)."""

from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403

from cooperatives import access


class ProductLookupView(oscar_views.ProductLookupView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductDeleteView(oscar_views.ProductDeleteView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class StockAlertListView(oscar_views.StockAlertListView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductListView(oscar_views.ProductListView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductBulkActionConfirmView(oscar_views.ProductBulkActionConfirmView):
    def get_selectable_queryset(self):
        if not hasattr(self, "_selectable_qs"):
            self._selectable_qs = access.owned_queryset(
                self.request.user, super().get_selectable_queryset()
            )
        return self._selectable_qs
