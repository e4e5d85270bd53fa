import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from core.images import apply_pillow_limit

        apply_pillow_limit()
        from cooperatives import registry

        # A cooperative owns the products it stocks (cooperatives.access).
        registry.register_owned("catalogue.Product", "stockrecords__partner")
        from django.db.models.signals import post_save
        from oscar.core.loading import get_model

        from shop.catalogue.thumbnails import schedule_thumbnails

        post_save.connect(
            schedule_thumbnails,
            sender=get_model("catalogue", "ProductImage"),
            dispatch_uid="product-image-thumbnails",
        )
        from django.db.models.signals import pre_save

        pre_save.connect(
            sanitise_description,
            sender=get_model("catalogue", "Product"),
            dispatch_uid="product-description-sanitise",
        )


def sanitise_description(sender, instance, **kwargs):
    """Descriptions are written by cooperatives and editors: only harmless markup is
    stored, whatever form or script saved it (Oscar's templates render them |safe)."""
    from django.conf import settings

    from core.sanitize import clean_html

    # The per-language columns (``product.description`` reads them, with fallback).
    for name in [f"description_{code}" for code, _name in settings.LANGUAGES]:
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, clean_html(value))
