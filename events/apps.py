from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import registry

        # A session belongs to its host cooperative (it records attendance); a
        # registration to the cooperative whose member it is.
        registry.register_owned("events.TrainingSession", "host_cooperative__partner")
        registry.register_owned("events.TrainingRegistration", "cooperative__partner")
        registry.register_dashboard_page(
            "training/",
            "events.dashboard.HostedTrainingListView",
            "events-training",
            menu_label=_("Training you host"),
            menu_group=_("Visits and training"),
            menu_icon="fas fa-chalkboard-teacher",
        )
        registry.register_dashboard_page(
            "training/<int:pk>/attendance/",
            "events.dashboard.TrainingAttendanceView",
            "events-training-attendance",
        )

        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from events.models import EventIndexPage, EventPage, forget_upcoming_events

        signals = {"published": page_published, "unpublished": page_unpublished}
        signals["deleted"] = post_delete
        for model in (EventPage, EventIndexPage):
            for name, signal in signals.items():
                signal.connect(
                    forget_upcoming_events,
                    sender=model,
                    dispatch_uid=f"events.forget.{name}.{model.__name__}",
                )
        post_page_move.connect(forget_upcoming_events, dispatch_uid="events.forget.move")
