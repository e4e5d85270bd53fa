"""Append-only in the database on SQLite too: DELETE is refused there as on PostgreSQL,
and the event-to-lot links (``EventLot``) can be neither updated nor deleted.

A test database on SQLite is flushed with DELETE; ``manage.py flush`` (overridden in
``provenance/management/commands/flush.py``) lifts these triggers for the flush only.
"""

from django.db import migrations

MESSAGE = "provenance events are append-only"

SQLITE = {
    "provenance_event_no_delete": "BEFORE DELETE ON provenance_provenanceevent",
    "provenance_eventlot_no_update": "BEFORE UPDATE ON provenance_eventlot",
    "provenance_eventlot_no_delete": "BEFORE DELETE ON provenance_eventlot",
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, when in SQLITE.items():
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} {when} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE TRIGGER provenance_eventlot_no_change BEFORE UPDATE OR DELETE "
            "ON provenance_eventlot FOR EACH ROW "
            "EXECUTE FUNCTION provenance_event_append_only();"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in SQLITE:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS provenance_eventlot_no_change ON provenance_eventlot;"
        )


class Migration(migrations.Migration):
    dependencies = [("provenance", "0003_lot_summary")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
