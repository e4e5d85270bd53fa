from django.db import migrations


def populate(apps, schema_editor):
    from core.demo.checkout import ensure_countries

    ensure_countries(apps.get_model("address", "Country"))


class Migration(migrations.Migration):
    dependencies = [("address", "0007_useraddress_code")]
    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
