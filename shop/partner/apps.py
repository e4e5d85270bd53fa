import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    name = "shop.partner"

    def ready(self):
        super().ready()
        from cooperatives import registry

        # What a cooperative (partner) user owns in the dashboard (cooperatives.access).
        registry.register_owned("partner.Partner", "")
        registry.register_owned("partner.StockRecord", "partner")
        registry.register_owned("partner.StockAlert", "stockrecord__partner")
