"""The catalogue and category pages list products from the database when no search words
(or facets) are given; only a search goes to the search index (issue 12: two index
searches per listing were half of the page's cost)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic.list import MultipleObjectMixin
from oscar.apps.search.views.catalogue import CatalogueView as OscarCatalogueView
from oscar.apps.search.views.catalogue import ProductCategoryView as OscarProductCategoryView

from shop.catalogue.selectors import browse_products


class _Hit:
    """A product shaped like a search result (templates read ``result.object``)."""

    __slots__ = ("object", "pk")

    def __init__(self, product):
        self.object = product
        self.pk = product.pk


class ProductResults:
    """A product queryset that pages like Haystack's results."""

    ordered = True

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [_Hit(product) for product in self.queryset[item]]
        return _Hit(self.queryset[item])

    def __iter__(self):
        return (_Hit(product) for product in self.queryset)


class DatabaseBrowseMixin:
    def browse_categories(self):
        return None

    def browse_context(self):
        return {}

    def form_valid(self, form):
        if form.cleaned_data.get(self.search_field) or form.selected_facets:
            return super().form_valid(form)
        results = ProductResults(
            browse_products(self.browse_categories(), form.cleaned_data.get("sort_by"))
        )
        context = MultipleObjectMixin.get_context_data(
            self, object_list=results, **{self.form_name: form, "query": ""}
        )
        context.update(
            facets={},
            selected_facets=form.selected_facets,
            **{self.page_kwarg: context["page_obj"]},
            **self.browse_context(),
        )
        return self.render_to_response(context)


class CatalogueView(DatabaseBrowseMixin, OscarCatalogueView):
    def browse_context(self):
        return {"summary": _("All products")}


class ProductCategoryView(DatabaseBrowseMixin, OscarProductCategoryView):
    def browse_categories(self):
        return self.category.get_descendants_and_self()

    def browse_context(self):
        return {"category": self.category}
