"""The order states, defined once, and one wording per state for the buyer, the
cooperative and the e-mails alike.

The names are what Oscar stores in ``Order.status`` and ``Line.status``; settings'
``OSCAR_ORDER_STATUS_PIPELINE`` (which cannot import apps) spells them too, and
``tests/shop/test_order_states.py`` checks that both agree."""

from django.utils.translation import gettext_lazy as _

PENDING = "Pending payment"
PAID = "Paid"
PROCESSING = "Processing"  # cash on delivery: shipped first, paid on delivery
SHIPPED = "Shipped"
COMPLETE = "Complete"
CANCELLED = "Cancelled"

#: Orders in these states still hold the stock their lines allocated (and may be cancelled).
OPEN_STATUSES = (PENDING, PAID, PROCESSING)
#: Orders that count as sales: paid, or cash on delivery under way.
SOLD_STATUSES = (PAID, PROCESSING, SHIPPED, COMPLETE)

LABELS = {
    PENDING: _("Awaiting payment"),
    PROCESSING: _("Being prepared (cash on delivery)"),
    PAID: _("Paid"),
    SHIPPED: _("Shipped"),
    COMPLETE: _("Delivered"),
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


#: Wording of the event types the shop itself records (by code; the stored name is
#: English, written once when the type is first used).
EVENT_TYPE_LABELS = {
    "shipped": LABELS[SHIPPED],
}


def event_type_label(event_type):
    if event_type is None:
        return ""
    return EVENT_TYPE_LABELS.get(event_type.code, event_type.name)
