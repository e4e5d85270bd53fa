"""Every country (names from Babel's CLDR data), Vietnam first, so any database has a
country list. Self-contained: a migration must not change when the code around it does
(shop.address.countries holds the same rules for load_demo and the tests)."""

from django.db import migrations

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "CP", "DG", "EA", "IC", "TA"}
FIRST = {"VN": 100}


def populate(apps, schema_editor):
    from babel import Locale

    Country = apps.get_model("address", "Country")
    existing = set(Country.objects.values_list("iso_3166_1_a2", flat=True))
    Country.objects.bulk_create(
        Country(
            iso_3166_1_a2=code,
            printable_name=name,
            name=name,
            display_order=FIRST.get(code, 0),
            is_shipping_country=True,
        )
        for code, name in sorted(Locale("en").territories.items())
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES and code not in existing
    )
    Country.objects.filter(iso_3166_1_a2="VN").exclude(display_order=FIRST["VN"]).update(
        display_order=FIRST["VN"], is_shipping_country=True
    )


class Migration(migrations.Migration):
    dependencies = [("address", "0007_useraddress_code")]
    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
