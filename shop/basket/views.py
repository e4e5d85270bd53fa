"""Oscar's basket views; the basket page warns when a line cannot go to the shipping
address already given in this checkout (shop.catalogue.destinations)."""

from django.contrib import messages
from oscar.apps.basket import views as oscar_views
from oscar.apps.basket.views import *  # noqa: F403
from oscar.apps.checkout.utils import CheckoutSessionData
from oscar.core.loading import get_model

from shop.catalogue import destinations

UserAddress = get_model("address", "UserAddress")


def checkout_country(request):
    """The country of the shipping address given in this checkout so far, or ''."""
    session = CheckoutSessionData(request)
    fields = session.new_shipping_address_fields() or {}
    if fields.get("country_id"):
        return fields["country_id"]
    address_id = session.shipping_user_address_id()
    if address_id and request.user.is_authenticated:
        address = UserAddress.objects.filter(pk=address_id, user=request.user).first()
        if address is not None:
            return address.country_id
    return ""


class BasketView(oscar_views.BasketView):
    def get(self, request, *args, **kwargs):
        country = checkout_country(request)
        if country and not request.basket.is_empty:
            problem = destinations.destination_problem(request.basket, country)
            if problem:
                messages.warning(request, problem)
        return super().get(request, *args, **kwargs)
