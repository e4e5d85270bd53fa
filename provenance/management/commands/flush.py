"""Django's ``flush``, able to empty the append-only provenance tables on SQLite.

SQLite empties tables with DELETE, which the append-only triggers refuse (PostgreSQL
flushes with TRUNCATE, which row triggers do not see). Emptying the whole database is
not a change to the record: the triggers are lifted for the flush and put back as they
were, in the same connection.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'provenance\\_%' ESCAPE '\\'"
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
