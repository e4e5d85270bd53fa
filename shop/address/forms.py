from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import *  # noqa: F403
from oscar.apps.address.forms import UserAddressForm as OscarUserAddressForm

from shop.address.countries import CountryNamesMixin

#: Vietnam since July 2025: province, then commune or ward, then street and house (no
#: district; postcode optional). The checkout's delivery form asks the same way.
ADDRESS_FIELDS = [
    "first_name",
    "last_name",
    "country",
    "state",
    "line4",
    "line1",
    "line2",
    "postcode",
    "phone_number",
    "notes",
]
ADDRESS_LABELS = {
    "state": _("Province or city (state, region abroad)"),
    "line4": _("Commune or ward (town or city abroad)"),
    "line1": _("House number and street"),
    "line2": _("More address details (optional)"),
    "postcode": _("Postcode (optional in Vietnam: 5 digits)"),
}


class UserAddressForm(CountryNamesMixin, OscarUserAddressForm):
    """The address book's form, asking as the checkout does, with the country names in
    the page's language."""

    class Meta(OscarUserAddressForm.Meta):
        fields = ADDRESS_FIELDS
        labels = ADDRESS_LABELS
