from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site's builders (`load_demo`, `demo_accounts`). The top layer: it may
    import every app, and no app imports it (only tests do)."""

    name = "demo"
    verbose_name = _("Demo content")
