from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductClass


class ShipTo(models.TextChoices):
    """Where a product may be sent (shop.catalogue.destinations reads it)."""

    VIETNAM = "vn", _("Vietnam only")
    LISTED = "listed", _("Vietnam and the listed countries")
    ANYWHERE = "anywhere", _("Any country we ship to")


class ProductClass(AbstractProductClass):
    #: Fresh roots and seedlings stay in Vietnam; dried and processed goods may go abroad.
    #: A new product type ships in Vietnam only until staff open it.
    ship_to = models.CharField(
        _("may ship to"), max_length=10, choices=ShipTo.choices, default=ShipTo.VIETNAM
    )
    ship_to_countries = models.ManyToManyField(
        "address.Country",
        blank=True,
        related_name="+",
        verbose_name=_("listed countries"),
        help_text=_("Used when “may ship to” is the listed countries."),
    )
    export_permit_required = models.BooleanField(
        _("export permit required"),
        default=False,
        help_text=_(
            "A line sent abroad needs an export permit reference, entered by staff, "
            "before it may ship."
        ),
    )


class Product(AbstractProduct):
    #: Empty: as its product type (a variant: as its parent, then the type).
    ship_to = models.CharField(
        _("may ship to"),
        max_length=10,
        choices=[("", _("As its product type")), *ShipTo.choices],
        blank=True,
        default="",
    )
    ship_to_countries = models.ManyToManyField(
        "address.Country",
        blank=True,
        related_name="+",
        verbose_name=_("listed countries"),
        help_text=_("Used when “may ship to” is the listed countries."),
    )
    export_permit_required = models.BooleanField(
        _("export permit required"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Empty: as its product type."),
    )


from oscar.apps.catalogue.models import *  # noqa: E402, F403
