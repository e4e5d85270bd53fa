"""Oscar's catalogue dashboard forms, forked: product images are refused above the
pixel limit before anything decodes them (core.images); product types say where they
may ship and whether an export permit is needed (shop.catalogue.destinations)."""

from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403
from oscar.apps.dashboard.catalogue.forms import ProductClassForm as OscarProductClassForm
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as OscarProductImageForm

from core.images import LimitedImageField


class ProductImageForm(OscarProductImageForm):
    class Meta(OscarProductImageForm.Meta):
        field_classes = {"original": LimitedImageField}


class ProductClassForm(OscarProductClassForm):
    class Meta(OscarProductClassForm.Meta):
        fields = [
            *OscarProductClassForm.Meta.fields,
            "ship_to",
            "ship_to_countries",
            "export_permit_required",
        ]
