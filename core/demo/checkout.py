"""Data the checkout needs. Oscar's Country table: every country (names from Babel's CLDR
data), Vietnam first; sample exchange rates for the demo.

Used by a data migration (shop.address 0008), by load_demo and by tests, so any
database has a country list. Looks before it writes: running it again changes nothing.
"""

from babel import Locale

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "CP", "DG", "EA", "IC", "TA"}
FIRST = {"VN": 100}


def country_rows():
    names = Locale("en").territories
    for code, name in sorted(names.items()):
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
            yield code, name


def ensure_countries(Country=None, log=None):
    if Country is None:
        from oscar.core.loading import get_model

        Country = get_model("address", "Country")
    existing = set(Country.objects.values_list("iso_3166_1_a2", flat=True))
    new = [
        Country(
            iso_3166_1_a2=code,
            printable_name=name,
            name=name,
            display_order=FIRST.get(code, 0),
            is_shipping_country=True,
        )
        for code, name in country_rows()
        if code not in existing
    ]
    if new:
        Country.objects.bulk_create(new)
        if log:
            log(f"{len(new)} countries")
    Country.objects.filter(iso_3166_1_a2="VN").exclude(display_order=FIRST["VN"]).update(
        display_order=FIRST["VN"], is_shipping_country=True
    )
    return len(new)


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
