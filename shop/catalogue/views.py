from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, fetching what the page shows in a fixed number of queries
    (images, stock records, options, attribute values with their attributes)."""

    def get_queryset(self):
        return Product.objects.base_queryset().prefetch_attribute_values()


CatalogueView = oscar_views.CatalogueView
ProductCategoryView = oscar_views.ProductCategoryView
