"""The PostgreSQL search backend's table (shop/search/backends/postgres.py).

Created on PostgreSQL only (nothing happens on SQLite, whose sites search with Whoosh):
the unaccent and pg_trgm extensions (trusted extensions: the database's owner may create
them) and one row per indexed object. Not a Django model: Haystack writes and reads it,
as it would an external search engine's index."""

from django.db import migrations

from shop.search.backends.postgres import create_sql, drop_sql


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in create_sql("search_document"):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_sql("search_document"))


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
