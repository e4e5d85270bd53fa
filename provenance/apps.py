from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvenanceConfig(AppConfig):
    name = "provenance"
    verbose_name = _("Provenance and traceability")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # cooperatives.registry imports no app: declaring ownership here adds no
        # dependency on the cooperatives app.
        from cooperatives import registry

        # What a cooperative (partner) user owns in the dashboard (cooperatives.access).
        registry.register_owned("provenance.Cooperative", "partner")
        registry.register_owned("provenance.GrowingArea", "cooperative")
        registry.register_owned("provenance.SeedSource", "cooperative")
        registry.register_owned("provenance.Lot", "cooperative")
        registry.register_owned("provenance.LabTest", "lot__cooperative")
