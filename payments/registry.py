"""How payments tells the rest of the site that something was paid or will not be.

An app registers a purpose once (in its ``AppConfig.ready``)::

    register("order", on_paid=mark_order_paid, on_cancelled=cancel_unpaid_order)

Handlers receive the Payment and run inside the transaction that changed it, so the
order and its payment change together or not at all.
"""

_HANDLERS: dict[str, dict] = {}


def register(purpose, *, on_paid, on_cancelled=None):
    _HANDLERS[purpose] = {"on_paid": on_paid, "on_cancelled": on_cancelled}


def notify_paid(payment):
    handler = _HANDLERS.get(payment.purpose, {}).get("on_paid")
    if handler:
        handler(payment)


def notify_cancelled(payment):
    handler = _HANDLERS.get(payment.purpose, {}).get("on_cancelled")
    if handler:
        handler(payment)
