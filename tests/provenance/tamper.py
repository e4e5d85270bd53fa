"""What an intruder with the database's own rights does: drop the append-only triggers,
then edit, insert or delete rows with raw SQL."""

import json

from django.db import connection

SQLITE_TRIGGERS = (
    "provenance_event_no_update",
    "provenance_event_no_delete",
    "provenance_eventlot_no_update",
    "provenance_eventlot_no_delete",
    "provenance_checkpoint_no_update",
    "provenance_checkpoint_no_delete",
)
POSTGRES_TRIGGERS = (
    ("provenance_event_no_change", "provenance_provenanceevent"),
    ("provenance_eventlot_no_change", "provenance_eventlot"),
    ("provenance_checkpoint_no_change", "provenance_chaincheckpoint"),
)


def drop_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        else:
            for name, table in POSTGRES_TRIGGERS:
                cursor.execute(
                    "SELECT 1 FROM pg_tables WHERE tablename = %s AND schemaname = current_schema()",
                    [table],
                )
                if cursor.fetchone():
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def set_content(event, content, hash_=None, previous=None):
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    sets, params = [f"content = {cast}"], [json.dumps(content)]
    if hash_ is not None:
        sets.append("hash = %s")
        params.append(hash_)
    if previous is not None:
        sets.append("previous_hash = %s")
        params.append(previous)
    execute(
        f"UPDATE provenance_provenanceevent SET {', '.join(sets)} WHERE id = %s",
        [*params, event.pk],
    )
