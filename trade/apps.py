from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "trade"
    verbose_name = _("Wholesale and export")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperatives import registry as cooperatives
        from payments import registry
        from trade import services

        # A cooperative owns the enquiries that name its products, and only its lines.
        for model, path in {
            "trade.Enquiry": "lines__partner",
            "trade.EnquiryLine": "partner",
            "trade.Quote": "enquiry__lines__partner",
            "trade.QuoteLine": "partner",
            "trade.TradeOrder": "quote__enquiry__lines__partner",
        }.items():
            cooperatives.register_owned(model, path)
        cooperatives.register_dashboard_page(
            "trade/",
            "trade.dashboard.enquiry_list",
            "trade-enquiries",
            menu_label=_("Wholesale enquiries"),
            menu_group=_("Selling"),
            menu_icon="fas fa-file-invoice-dollar",
        )
        cooperatives.register_dashboard_page(
            "trade/<int:pk>/", "trade.dashboard.enquiry_detail", "trade-enquiry"
        )
        registry.register(
            services.PAYMENT_PURPOSE,
            on_paid=services.order_paid,
            on_cancelled=services.order_payment_cancelled,
        )
