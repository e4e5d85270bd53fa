from oscar.apps.search.views import base as oscar_base


class BaseSearchView(oscar_base.BaseSearchView):
    """Oscar's search view, loading the page's products in bulk.

    Stock Haystack loads each result's product on its own (six queries a product with
    Oscar's prefetches); ``load_all`` fetches the whole page with one set of queries.
    """

    def get_queryset(self):
        self.queryset = super().get_queryset().load_all()
        return self.queryset
