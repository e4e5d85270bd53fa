import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self):
        super().ready()
        from payments import registry
        from shop.order import services

        registry.register(
            services.PAYMENT_PURPOSE,
            on_paid=services.on_payment_paid,
            on_cancelled=services.on_payment_cancelled,
        )
