from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "cooperatives"
    verbose_name = _("Cooperatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import registry

        # A cooperative edits its own public profile (cooperatives.access).
        registry.register_owned("cooperatives.Profile", "cooperative__partner")

        # Its dashboard pages: its lots (recorded through the provenance services)
        # and its public profile.
        views = "cooperatives.dashboard.provenance_views"
        page = registry.register_dashboard_page
        page(
            "lots/",
            f"{views}.LotListView",
            "cooperative-lots",
            menu_label=_("Your lots"),
            menu_icon="fas fa-seedling",
        )
        page("lots/<int:pk>/harvest/", f"{views}.RecordHarvestView", "cooperative-harvest")
        page("lots/<int:pk>/processing/", f"{views}.RecordProcessingView", "cooperative-processing")
        page("lots/<int:pk>/lab-test/", f"{views}.RecordLabTestView", "cooperative-lab-test")
        page("lots/<int:pk>/pack/", f"{views}.PackLotView", "cooperative-pack")
        page(
            "profile/<int:pk>/",
            "cooperatives.dashboard.profile_views.ProfileUpdateView",
            "cooperative-profile",
        )
