"""Enquiries and quotes for tests (through trade.services, as the site makes them)."""

import datetime
from decimal import Decimal

from trade import services

BUYER = {
    "company": "Hanse Naturwaren GmbH",
    "country": "DE",
    "contact_name": "Anna Schmidt",
    "email": "anna@hanse.example",
    "phone": "+49 40 123456",
    "packaging": "1 kg vacuum bags",
    "wanted_by": datetime.date(2027, 3, 1),
    "incoterm": "CIF",
    "payment_terms": "tt",
    "documents": ["lab_certificate", "phytosanitary"],
    "message": "Please quote CIF Hamburg.",
}


_nonces = iter(range(1, 10**6))


def make_enquiry(*lines, language="en", **overrides):
    """``lines``: (product, quantity) pairs, in kg."""
    fields = {**BUYER, **overrides}
    enquiry, _created = services.submit_enquiry(
        nonce=f"n{next(_nonces)}",
        lines=[(product, Decimal(str(quantity)), "kg") for product, quantity in lines],
        language=language,
        **fields,
    )
    return enquiry


def price_all(quote, user, price=1_000_000, **extra):
    for line in quote.lines.all():
        services.price_line(line, user=user, unit_price=price, quantity=line.quantity, **extra)


def quote_for(enquiry, user, *, price=1_000_000, days=14):
    from django.utils import timezone

    quote = services.start_quote(enquiry, user=user)
    price_all(quote, user, price)
    return services.send_quote(
        quote, user=user, valid_until=timezone.localdate() + datetime.timedelta(days=days)
    )
