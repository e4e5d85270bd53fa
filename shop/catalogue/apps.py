import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from django.db.models.signals import post_save
        from oscar.core.loading import get_model

        from shop.catalogue.thumbnails import schedule_thumbnails

        post_save.connect(
            schedule_thumbnails,
            sender=get_model("catalogue", "ProductImage"),
            dispatch_uid="product-image-thumbnails",
        )
