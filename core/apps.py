from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from core import csv_export

        csv_export.install_in_oscar_reports()

        from core.sites import sync_site_after_migrate

        # After django.contrib.sites has created its example.com Site (it runs earlier
        # in INSTALLED_APPS), set it to SITE_URL's host.
        post_migrate.connect(sync_site_after_migrate, dispatch_uid="core.sync_site")

        from core.pagecache import connect_signals

        # Cached anonymous pages are dropped when what they show changes (issue 12).
        connect_signals()
