"""Oscar's basket forms with ids and labels that hold on pages listing many products.

Oscar's get_class looks here first and falls back to oscar.apps.basket.forms for the rest.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketForm):
    """The compact form of each product card: its ids carry the product's number, so a
    catalogue page of 24 cards has 24 different ids, not 24 ``id_quantity``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.product is not None and self.product.pk:
            self.auto_id = f"id_product{self.product.pk}_%s"


class BasketLineForm(oscar_forms.BasketLineForm):
    """Oscar's basket table shows the quantity box without its label: name it."""

    def __init__(self, strategy, *args, **kwargs):
        super().__init__(strategy, *args, **kwargs)
        product = getattr(self.instance, "product", None) if self.instance.pk else None
        label = _("Quantity")
        if product is not None:
            label = _("Quantity of %(product)s") % {"product": product.get_title()}
        self.fields["quantity"].widget.attrs.setdefault("aria-label", label)
