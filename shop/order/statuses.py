"""One wording per order status, for the buyer, the cooperative and the e-mails alike."""

from django.utils.translation import gettext_lazy as _

from shop.order.services import CANCELLED, PAID, PENDING, PROCESSING, SHIPPED

LABELS = {
    PENDING: _("Awaiting payment"),
    PROCESSING: _("Being prepared (cash on delivery)"),
    PAID: _("Paid"),
    SHIPPED: _("Shipped"),
    "Complete": _("Delivered"),
    CANCELLED: _("Cancelled"),
}


def label(status):
    return LABELS.get(status, status)


def line_label(line):
    """A line says its own status once it has one of its own (shipped, cancelled);
    until then the order's (a cash-on-delivery line is not "awaiting payment")."""
    if line.status in (SHIPPED, CANCELLED):
        return label(line.status)
    return label(line.order.status)
