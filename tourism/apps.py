from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "tourism"
    verbose_name = _("Community tourism")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import access
        from payments import registry
        from tourism import services

        # Issue 11: the host cooperative owns its experiences' slots, bookings and
        # resources (the one ownership rule; moves to its registry when that lands).
        access.PARTNER_PATHS.update(
            {
                ("tourism", "experiencepage"): "host__partner",
                ("tourism", "resource"): "cooperative__partner",
                ("tourism", "slot"): "experience__host__partner",
                ("tourism", "booking"): "slot__experience__host__partner",
                ("tourism", "waitinglistentry"): "slot__experience__host__partner",
            }
        )
        registry.register(
            services.PAYMENT_PURPOSE,
            on_paid=services.booking_paid,
            on_cancelled=services.booking_payment_cancelled,
        )
