import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        from shop.checkout import views

        self.order_status_view = views.order_status
        self.pay_by_card_view = views.pay_by_card
        self.proforma_view = views.order_proforma
        self.set_currency_view = views.set_display_currency
        self.confirm_cod_view = views.confirm_cod

    def get_urls(self):
        extra = [
            path("order/<str:token>/", self.order_status_view, name="order-status"),
            path("order/<str:token>/pay/", self.pay_by_card_view, name="order-pay-card"),
            path("order/<str:token>/proforma/", self.proforma_view, name="order-proforma"),
            path("currency/", self.set_currency_view, name="set-currency"),
            path("order/<str:token>/confirm/", self.confirm_cod_view, name="order-confirm-cod"),
        ]
        return super().get_urls() + self.post_process_urls(extra)
