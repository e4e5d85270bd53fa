from haystack import indexes
from oscar.apps.search import search_indexes as oscar_indexes

from shop.search.analysis import folding_analyzer


class ProductIndex(oscar_indexes.ProductIndex):
    """Oscar's product index, with a bilingual, diacritic-folding search text.

    The text holds the title and description in Vietnamese and English, so a search
    in either language finds the product, with or without diacritics.
    """

    text = indexes.CharField(
        document=True,
        use_template=True,
        template_name="search/indexes/product/item_text.txt",
        analyzer=folding_analyzer(),
    )
    title = indexes.CharField(model_attr="title", null=True, analyzer=folding_analyzer())

    def read_queryset(self, using=None):
        # Products shown from search results come with their lots, so the shop's
        # provenance rule (shop/partner/strategy.py) costs no query per product.
        return super().read_queryset(using).prefetch_related("stockrecords__provenance_lots")

    def prepare_product_class(self, obj):
        return obj.get_product_class().slug
