from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """Progress against the district plan (issue 13): reads the records of provenance,
    the shop, tourism and events; nothing but config/urls and the tests imports it."""

    name = "plan"
    verbose_name = _("Plan progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from plan import signals

        signals.connect()
