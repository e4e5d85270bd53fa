"""Keeping the product search index in step with the database.

Wagtail and Haystack both ship a command called ``update_index``, and Wagtail's wins
the name; this calls Haystack's explicitly.
"""

from django.core.management import call_command
from haystack.management.commands import update_index as haystack_update_index


def rebuild_product_index(verbosity=0):
    call_command(haystack_update_index.Command(), verbosity=verbosity, remove=True)
