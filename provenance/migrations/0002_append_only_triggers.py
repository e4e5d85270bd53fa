"""Database triggers so raw SQL cannot rewrite provenance events either.

UPDATE is refused on SQLite and PostgreSQL. DELETE is refused on PostgreSQL only
(row-level triggers do not fire on TRUNCATE, which is how a test database is
flushed there; SQLite flushes with DELETE). ``verify_provenance`` still catches a
deleted row by the broken link it leaves.
"""

from django.db import migrations

MESSAGE = "provenance events are append-only"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER IF NOT EXISTS provenance_event_no_update "
            "BEFORE UPDATE ON provenance_provenanceevent "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION provenance_event_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            "CREATE TRIGGER provenance_event_no_change BEFORE UPDATE OR DELETE "
            "ON provenance_provenanceevent FOR EACH ROW "
            "EXECUTE FUNCTION provenance_event_append_only();"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS provenance_event_no_update;")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS provenance_event_no_change ON provenance_provenanceevent;"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS provenance_event_append_only();")


class Migration(migrations.Migration):
    dependencies = [("provenance", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
