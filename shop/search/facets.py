"""Oscar's search queryset, loading each page's products in bulk.

Without ``load_all`` Haystack fetches every result's product one by one (with Oscar's
prefetches, several queries each); with it, one page costs a handful of queries.
"""

from oscar.apps.search.facets import *  # noqa: F403
from oscar.apps.search.facets import base_sqs as oscar_base_sqs


def base_sqs():
    return oscar_base_sqs().load_all()
