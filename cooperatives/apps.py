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
