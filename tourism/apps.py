from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "tourism"
    verbose_name = _("Community tourism")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import registry as cooperatives
        from payments import registry
        from tourism import services

        # The host cooperative owns its experiences, their slots, bookings and resources.
        for model, path in {
            "tourism.ExperiencePage": "host__partner",
            "tourism.Resource": "cooperative__partner",
            "tourism.Slot": "experience__host__partner",
            "tourism.Booking": "slot__experience__host__partner",
            "tourism.WaitingListEntry": "slot__experience__host__partner",
        }.items():
            cooperatives.register_owned(model, path)
        # The host's pages, in the cooperative dashboard.
        cooperatives.register_dashboard_page(
            "visits/",
            "tourism.views.host_index",
            "cooperative-visits",
            menu_label=_("Farm visits"),
            menu_group=_("Visits and training"),
            menu_icon="fas fa-route",
        )
        cooperatives.register_dashboard_page(
            "visits/<int:pk>/", "tourism.views.host_experience", "cooperative-visit"
        )
        cooperatives.register_dashboard_page(
            "visits/slots/<int:pk>/", "tourism.views.host_slot", "cooperative-visit-slot"
        )
        cooperatives.register_dashboard_page(
            "visits/slots/<int:pk>/guests.csv",
            "tourism.views.host_slot_csv",
            "cooperative-visit-slot-csv",
        )
        from wagtail.signals import page_published, page_unpublished

        from tourism.templatetags.tourism_tags import forget_visited_areas

        page_published.connect(forget_visited_areas, dispatch_uid="tourism-areas-published")
        page_unpublished.connect(forget_visited_areas, dispatch_uid="tourism-areas-unpublished")
        registry.register(
            services.PAYMENT_PURPOSE,
            on_paid=services.booking_paid,
            on_cancelled=services.booking_payment_cancelled,
        )
