from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class Order(AbstractOrder):
    #: The buyer's language when ordering: every e-mail about the order is in it.
    language = models.CharField(_("language"), max_length=10, default="vi")
    payment_method = models.CharField(_("payment method"), max_length=16, blank=True)
    #: Unpaid after this, the order is cancelled and its stock released.
    payment_due_at = models.DateTimeField(_("pay by"), null=True, blank=True, db_index=True)
    tracking_code = models.CharField(_("tracking code"), max_length=128, blank=True)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    #: A digest of the browser session the order was placed from (hold limits per buyer).
    buyer_session = models.CharField(_("buyer's session"), max_length=40, blank=True, db_index=True)
    #: Cash on delivery: unconfirmed after this, the order is cancelled and its stock released.
    cod_confirm_by = models.DateTimeField(_("confirm by"), null=True, blank=True, db_index=True)
    cod_confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    def set_status(self, new_status):
        """Status changes from Oscar's dashboard go through our services, so cancelling
        releases stock, shipping consumes it and "Paid" records a payment."""
        from oscar.apps.order.exceptions import InvalidOrderStatus

        from shop.order import services

        if new_status == self.status:
            return
        if new_status not in self.available_statuses():
            raise InvalidOrderStatus(
                _("'%(new_status)s' is not a valid status for order %(number)s")
                % {"new_status": new_status, "number": self.number}
            )
        if new_status == services.CANCELLED:
            services.cancel_order(self, reason="Cancelled in the dashboard")
        elif new_status == services.SHIPPED:
            services.ship_order(self, tracking_code=self.tracking_code, carrier=self.carrier)
        elif new_status == services.PAID:
            services.record_manual_payment(self, note="Marked paid in the dashboard")
        else:
            return super().set_status(new_status)
        self.refresh_from_db()


class Line(AbstractLine):
    #: Set when the order is placed: this line goes abroad and its product needs an
    #: export permit. It may not ship until staff enter the permit's reference.
    export_permit_required = models.BooleanField(_("export permit required"), default=False)
    export_permit_reference = models.CharField(
        _("export permit reference"), max_length=64, blank=True
    )


from oscar.apps.order.models import *  # noqa: E402
