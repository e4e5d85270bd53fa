from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    #: The buyer's language when ordering: every e-mail about the order is in it.
    language = models.CharField(_("language"), max_length=10, default="vi")
    payment_method = models.CharField(_("payment method"), max_length=16, blank=True)
    #: Unpaid after this, the order is cancelled and its stock released.
    payment_due_at = models.DateTimeField(_("pay by"), null=True, blank=True, db_index=True)
    tracking_code = models.CharField(_("tracking code"), max_length=128, blank=True)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)


from oscar.apps.order.models import *  # noqa: E402
