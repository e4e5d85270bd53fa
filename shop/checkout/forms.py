from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from shop.address.countries import CountryNamesMixin
from shop.address.forms import ADDRESS_FIELDS, ADDRESS_LABELS


class ShippingAddressForm(CountryNamesMixin, OscarShippingAddressForm):
    """Vietnam since July 2025: province, then commune or ward, then street and house.
    No district; postcode optional (5 digits when given). Other countries keep the usual
    lines, city and their own postcode rule (checked by the address model)."""

    class Meta(OscarShippingAddressForm.Meta):
        fields = ADDRESS_FIELDS
        labels = ADDRESS_LABELS

    def __init__(self, *args, basket=None, guest_email=None, **kwargs):
        self.basket = basket
        super().__init__(*args, **kwargs)
        if guest_email is not None:
            # A guest gives the e-mail for the confirmation and the order's link here,
            # on the delivery page, instead of on a page of its own.
            self.fields["email"] = forms.EmailField(
                label=_("E-mail"),
                initial=guest_email,
                required=not guest_email,  # already given (Oscar's gateway form): keep it
                help_text=_("We send the order confirmation and the link to its page here."),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
            self.order_fields(["email", *[f for f in self.fields if f != "email"]])
        if "country" in self.fields and not self.initial.get("country") and not self.is_bound:
            self.initial["country"] = "VN"
        self.fields["line4"].required = True

    def clean(self):
        data = super().clean()
        country = data.get("country") or getattr(self.instance, "country", None)
        if country is not None and getattr(country, "pk", country) == "VN":
            if not data.get("state"):
                self.add_error("state", _("Please give the province or city."))
            postcode = (data.get("postcode") or "").replace(" ", "")
            if postcode and not (postcode.isdigit() and len(postcode) == 5):
                self.add_error("postcode", _("Vietnamese postcodes have 5 digits."))
        elif country is not None and not data.get("postcode"):
            # Abroad: a country that has postcodes needs one (its format is checked by
            # the address model against Oscar's table).
            code = getattr(country, "pk", country)
            if code in self._meta.model.POSTCODES_REGEX:
                self.add_error("postcode", _("Addresses in this country need a postcode."))
        if country is not None and self.basket is not None:
            from shop.catalogue import destinations

            problem = destinations.destination_problem(self.basket, getattr(country, "pk", country))
            if problem:
                self.add_error("country", problem)
        return data


class PaymentMethodForm(forms.Form):
    payment_method = forms.ChoiceField(widget=forms.RadioSelect, label=_("Payment method"))

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        from payments.models import Method

        self.fields["payment_method"].choices = [(m, Method(m).label) for m in methods]
        if methods:
            self.fields["payment_method"].initial = methods[0]


class GatewayForm(GatewayForm):  # noqa: F405  (Oscar's, from the star import)
    """Oscar's checkout gateway told anyone typing an e-mail address whether it has an
    account ("A user with that email address already exists"). Guests may use any
    address; "create an account" goes on to registration, which answers alike for known
    and unknown addresses (core.registration)."""

    def clean(self):
        if self.is_guest_checkout() or self.is_new_account_checkout():
            self.errors.pop("password", None)
            return self.cleaned_data
        return super().clean()
