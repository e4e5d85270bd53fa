"""Oscar's Country table: every country (names from Babel's CLDR data), Vietnam first.

Used by load_demo and by tests, so any database has a country list (the data migration
0008_populate_countries keeps its own frozen copy of these rules). Looks before it
writes: running it again changes nothing.
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


def country_name(code):
    """The country's name in the active language (Babel's CLDR names)."""
    from django.utils import translation

    language = (translation.get_language() or "vi").split("-")[0]
    try:
        return Locale.parse(language).territories.get(code.upper(), code)
    except (ValueError, TypeError):
        return code


class CountryNamesMixin:
    """An address form whose country list reads in the page's language (the table holds
    the English names), Vietnam first, then in alphabetical order of that language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("country")
        if field is None or not hasattr(field, "queryset"):
            return
        from core.text import fold_diacritics

        named = [(country, country_name(country.pk)) for country in field.queryset]
        named.sort(key=lambda pair: (-pair[0].display_order, fold_diacritics(pair[1]).lower()))
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.choices = empty + [(country.pk, name) for country, name in named]
