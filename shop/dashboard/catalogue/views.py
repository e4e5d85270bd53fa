"""Product views of the dashboard: Oscar's, with lookups limited to what the user owns
(cooperatives.access), and bad posts answered with form errors or messages."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403

from cooperatives import access
from shop.dashboard.catalogue.formsets import ProductImageFormSet, StockRecordFormSet


class ProductLookupView(oscar_views.ProductLookupView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    stockrecord_formset = StockRecordFormSet
    image_formset = ProductImageFormSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formsets["stockrecord_formset"] = self.stockrecord_formset
        self.formsets["image_formset"] = self.image_formset

    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())

    def clean(self, form, formsets):
        """A post that lacks a formset's management data (an old page, a script) says
        so on the form instead of failing."""
        incomplete = [
            formset
            for formset in formsets.values()
            if formset.is_bound and not formset.management_form.is_valid()
        ]
        if incomplete:
            form.add_error(
                None,
                _(
                    "Part of the form was missing from what your browser sent. Please "
                    "reload the page and enter your changes again."
                ),
            )
            return False
        return super().clean(form, formsets)


class ProductDeleteView(oscar_views.ProductDeleteView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())

    def delete(self, request, *args, **kwargs):
        try:
            return super().delete(request, *args, **kwargs)
        except ProtectedError:
            product = self.get_object()
            messages.error(
                request,
                _(
                    "%(title)s cannot be deleted: lots record where it came from, and "
                    "provenance records are kept. Hide it from the shop instead (untick "
                    "“Is public”) or set its stock to zero."
                )
                % {"title": product.get_title()},
            )
            return redirect("dashboard:catalogue-product", pk=product.pk)


class StockAlertListView(oscar_views.StockAlertListView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductListView(oscar_views.ProductListView):
    def get_queryset(self):
        return access.owned_queryset(self.request.user, super().get_queryset())


class ProductBulkActionConfirmView(oscar_views.ProductBulkActionConfirmView):
    def get_selectable_queryset(self):
        if not hasattr(self, "_selectable_qs"):
            self._selectable_qs = access.owned_queryset(
                self.request.user, super().get_selectable_queryset()
            )
        return self._selectable_qs
