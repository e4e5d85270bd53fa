import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self):
        super().ready()
        from payments import registry
        from provenance.services import register_buyers_of_lots
        from shop.order import services

        registry.register(
            services.PAYMENT_PURPOSE,
            on_paid=services.on_payment_paid,
            on_cancelled=services.on_payment_cancelled,
        )
        # The staff page listing who bought from a recalled growing area.
        register_buyers_of_lots(services.buyers_of_lots)
        from cooperatives import registry as cooperatives_registry

        # A cooperative owns its lines, and sees every order holding one of them
        # (cooperatives.access narrows the lines shown).
        cooperatives_registry.register_owned("order.Order", "lines__partner")
        cooperatives_registry.register_owned("order.Line", "partner")
