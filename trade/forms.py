"""Forms: the buyer's enquiry (with its product lines) and the seller's answers. They
check shapes only; the rules are in trade.services."""

from decimal import Decimal

from babel import Locale
from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from trade.models import Document, Incoterm, PaymentTerms, Unit

Product = get_model("catalogue", "Product")

#: CLDR codes that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}


def country_choices():
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = Locale.parse(language).territories
    rows = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    return [("", "—")] + sorted(rows, key=lambda row: row[1])


def quotable_products():
    return (
        Product.objects.browsable()
        .filter(is_public=True, stockrecords__isnull=False)
        .distinct()
        .order_by("title")
    )


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_title()


class EnquiryForm(forms.Form):
    company = forms.CharField(label=_("Company"), max_length=200)
    country = forms.ChoiceField(label=_("Country of delivery"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (with country code)"), max_length=40, required=False)
    packaging = forms.CharField(
        label=_("Packaging"),
        max_length=500,
        required=False,
        help_text=_("For example: 1 kg vacuum bags, 20 per carton."),
    )
    wanted_by = forms.DateField(
        label=_("Wanted by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=Incoterm.choices)
    payment_terms = forms.ChoiceField(
        label=_("Payment terms"), choices=PaymentTerms.choices, widget=forms.RadioSelect
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents needed"),
        choices=Document.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Anti-spam: a field people do not see (bots fill it) and the signed time the form
    # was shown (trade.spam).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()

    def clean_company(self):
        return " ".join(self.cleaned_data["company"].split())


class EnquiryLineForm(forms.Form):
    product = ProductChoiceField(label=_("Product"), queryset=Product.objects.none())
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=Decimal("0.001"),
        max_value=Decimal("999999999"),
        max_digits=12,
        decimal_places=3,
        localize=True,
    )
    # A blank first choice, so the rows left empty are unchanged and skipped.
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—"), *Unit.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = quotable_products()
        self.fields["product"].empty_label = "—"


class BaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            product = form.cleaned_data.get("product")
            if product is None:
                continue
            if product.pk in seen:
                raise forms.ValidationError(_("Name each product once."))
            seen.add(product.pk)

    def lines(self):
        return [
            (f.cleaned_data["product"], f.cleaned_data["quantity"], f.cleaned_data["unit"])
            for f in self.forms
            if f.cleaned_data.get("product")
        ]


LineFormSet = formset_factory(
    EnquiryLineForm,
    formset=BaseLineFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=10,
    validate_max=True,
    absolute_max=10,
)


class RevisionForm(forms.Form):
    message = forms.CharField(
        label=_("What should change?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PriceLineForm(forms.Form):
    unit_price = forms.IntegerField(label=_("Price per unit (VND)"), min_value=1, max_value=10**12)
    quantity = forms.DecimalField(
        label=_("Quantity quoted"),
        min_value=Decimal("0.001"),
        max_digits=12,
        decimal_places=3,
        localize=True,
    )
    minimum_order = forms.DecimalField(
        label=_("Minimum order"),
        required=False,
        min_value=Decimal("0.001"),
        max_digits=12,
        decimal_places=3,
        localize=True,
    )
    lot = forms.ModelChoiceField(
        label=_("Attach the document pack of lot"), queryset=None, required=False
    )

    def __init__(self, *args, lots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots


class SendQuoteForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("Note to the buyer"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
