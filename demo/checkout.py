"""Data the demo's checkout needs: the country list (shop.address.countries) and sample
exchange rates."""

from shop.address.countries import ensure_countries

# Sample rates for the demo only (staff keep the real ones in the admin).
DEMO_RATES = {"USD": "25400", "EUR": "27500", "CNY": "3500", "KRW": "18.5", "JPY": "168"}


def ensure_exchange_rates(log=None):
    from decimal import Decimal

    from payments.models import ExchangeRate

    made = 0
    for code, rate in DEMO_RATES.items():
        _, created = ExchangeRate.objects.get_or_create(
            currency=code, defaults={"vnd_per_unit": Decimal(rate)}
        )
        made += created
    if made and log:
        log(f"{made} sample exchange rates")
    return made


def ensure_checkout_data(log=None):
    """The demo's checkout needs: countries (VN first) and sample exchange rates."""
    ensure_countries(log=log)
    ensure_exchange_rates(log=log)
