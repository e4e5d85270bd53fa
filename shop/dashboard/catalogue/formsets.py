"""Oscar's product formsets, forked: a POST without the stock-record formset's
management data (so with no forms) is a form error, not an IndexError; product images
go through the pixel limit (shop.dashboard.catalogue.forms)."""

from django.forms.models import inlineformset_factory
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403
from oscar.apps.dashboard.catalogue.formsets import (
    StockRecordFormSet as OscarStockRecordFormSet,
)
from oscar.core.loading import get_model

from shop.dashboard.catalogue.forms import ProductImageForm

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")


class StockRecordFormSet(OscarStockRecordFormSet):
    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()


BaseProductImageFormSet = inlineformset_factory(
    Product, ProductImage, form=ProductImageForm, extra=2
)


class ProductImageFormSet(BaseProductImageFormSet):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
