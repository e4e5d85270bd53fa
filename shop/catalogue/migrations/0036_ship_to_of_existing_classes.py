"""Existing product types: fresh roots and seedlings stay in Vietnam (the default the
new field gave every type); the dried and processed types of the demo catalogue may go
abroad; whole or sliced roots sent abroad need an export permit reference."""

from django.db import migrations

ANYWHERE = ["dried-root", "honey-soaked", "ginseng-wine", "ginseng-tea"]
PERMIT = ["dried-root", "honey-soaked"]
VIETNAM = ["fresh-root", "seedlings"]


def forwards(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    ProductClass.objects.filter(slug__in=VIETNAM).update(ship_to="vn")
    ProductClass.objects.filter(slug__in=ANYWHERE).update(ship_to="anywhere")
    ProductClass.objects.filter(slug__in=PERMIT).update(export_permit_required=True)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0035_ship_to_and_export_permit"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
