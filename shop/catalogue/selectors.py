"""Read-only product queries shared by the CMS and the shop.

Every list comes with what a product card needs (class, images, stock records)
already fetched, so a card costs no query of its own.
"""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def _card_queryset():
    """What a product card shows: class, price and stock, first image, and the lots the
    provenance sale rule reads for every card."""
    return (
        Product.objects.browsable()
        .select_related("product_class")
        .prefetch_related("stockrecords__provenance_lots", "images")
    )


def featured_products(limit=8):
    return list(_card_queryset().order_by("-priority", "-date_created", "-pk")[:limit])


def products_by_upc(upcs):
    by_upc = {product.upc: product for product in _card_queryset().filter(upc__in=upcs)}
    return [by_upc[upc] for upc in upcs if upc in by_upc]


def products_in_category(slug, limit):
    return list(
        _card_queryset()
        .filter(categories__slug=slug)
        .distinct()
        .order_by("-priority", "-date_created", "-pk")[:limit]
    )
