import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics, minus the receivers.

    Stock Oscar writes a row on every product view and basket change; on SQLite under
    load that write fails the page with "database is locked". An anonymous page view
    must not write, so the receivers are not connected. The models stay, so the
    dashboard's reports keep working (they show no view counts).
    """

    name = "shop.analytics"

    def ready(self):
        pass
