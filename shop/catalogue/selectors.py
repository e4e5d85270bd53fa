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


# How a listing without search words is sorted (the search form's ``sort_by``); the
# default puts what the shop features first, then the newest.
BROWSE_ORDER = {
    "": ("-priority", "-date_created", "-pk"),
    "relevancy": ("-priority", "-date_created", "-pk"),
    "rating": ("-rating", "-pk"),
    "newest": ("-date_created", "-pk"),
    "price-asc": ("min_price", "pk"),
    "price-desc": ("-min_price", "-pk"),
    "title-asc": ("title", "pk"),
    "title-desc": ("-title", "-pk"),
}


def browse_products(categories=None, sort_by=""):
    """Every browsable product (in ``categories`` when given), from the database: what the
    catalogue and category pages list when no search words are given."""
    from django.db.models import Min

    products = (
        Product.objects.base_queryset()
        .browsable()
        .prefetch_related("stockrecords__provenance_lots")
    )
    order = BROWSE_ORDER.get(sort_by or "", BROWSE_ORDER[""])
    if "min_price" in order[0]:
        products = products.annotate(min_price=Min("stockrecords__price"))
    if categories is not None:
        products = products.filter(
            pk__in=Product.objects.filter(categories__in=categories).values("pk")
        )
    return products.order_by(*order)
