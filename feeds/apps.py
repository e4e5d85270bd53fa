from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = _("Feeds and API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import registry
        from feeds import services

        # A cooperative downloads its own products in a marketplace's bulk-listing columns.
        registry.register_dashboard_page(
            "marketplace/shopee.csv",
            "feeds.views.marketplace_csv",
            "cooperative-marketplace-csv",
            menu_label=_("Shopee listing (CSV)"),
            menu_group=_("Selling"),
            menu_icon="fas fa-file-csv",
        )
        services.connect_cache_invalidation()
