"""A Haystack backend on PostgreSQL: full-text search with ``unaccent``, trigram
similarity (``pg_trgm``) for typos.

Every app server shares the database, so the index is shared too: no index folder per
server (Whoosh), no search service to run. ``SEARCH_BACKEND=postgres`` switches to it
(config/settings/base.py; production's default). Oscar's search page, the catalogue and
the on-commit index updates (shop/search/signals.py, tasks.py) go through Haystack and
work unchanged.

One row per indexed object in the table ``search_document`` (migration 0001 of this
app): the document text folded by ``unaccent`` and lower-cased, its ``tsvector``
(configuration ``simple``: Vietnamese has no stemmer, and English words are matched as
prefixes), and the index's other fields as JSON for filters and ordering.

A query matches a document when every word of it is found, as a prefix of a word of the
text (``sam`` finds ``sâm``) or, failing that, as a similar word (``ginseg`` finds
``ginseng``, ``chaau`` finds ``châu``: pg_trgm's ``word_similarity`` of at least
TYPO_SIMILARITY, 0.5 by default; a short word with two letters swapped is too unlike). Results are
ranked by ``ts_rank`` plus the query's similarity to the text. Facets, highlighting, spelling suggestions and "more like this" are not
offered (the site uses none: OSCAR_SEARCH_FACETS is empty)."""

import datetime
import decimal
import json
import logging
import re

from django.db import connections as db_connections
from django.db import transaction
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, SearchNode, log_query
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct

logger = logging.getLogger(__name__)

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_WORD = re.compile(r"\w+", re.UNICODE)
_RANGE = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


def _table(name):
    if not _NAME.match(name):
        raise ValueError(f"not a table name: {name!r}")
    return name


def create_sql(table):
    table = _table(table)
    return [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"""CREATE TABLE IF NOT EXISTS {table} (
            id text PRIMARY KEY,
            django_ct text NOT NULL,
            django_id text NOT NULL,
            content text NOT NULL,
            vector tsvector NOT NULL,
            fields jsonb NOT NULL
        )""",
        f"CREATE INDEX IF NOT EXISTS {table}_vector ON {table} USING gin (vector)",
        f"CREATE INDEX IF NOT EXISTS {table}_trgm ON {table} USING gin (content gin_trgm_ops)",
        f"CREATE INDEX IF NOT EXISTS {table}_ct ON {table} (django_ct)",
    ]


def drop_sql(table):
    return f"DROP TABLE IF EXISTS {_table(table)}"


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple | set):
        return [_json_value(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def words(text):
    """The words of a query, at most 12 (each becomes a condition)."""
    return _WORD.findall(str(text or "").lower())[:12]


class PostgresSearchBackend(BaseSearchBackend):
    def __init__(self, connection_alias, **options):
        super().__init__(connection_alias, **options)
        self.table = _table(options.get("TABLE", "search_document"))
        self.database = options.get("DATABASE", "default")
        # How like a word of the text a query word must be (pg_trgm word_similarity, 0-1):
        # 0.5 lets one letter in five or six be wrong ("ginseg", "chaau").
        self.typo_similarity = float(options.get("TYPO_SIMILARITY", 0.5))
        self.setup_complete = False

    @property
    def db(self):
        return db_connections[self.database]

    def setup(self):
        """The table exists after ``migrate``; another TABLE is created when first used."""
        with self.db.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [self.table])
            if cursor.fetchone()[0] is None:
                for statement in create_sql(self.table):
                    cursor.execute(statement)
        self.setup_complete = True

    def _ready(self):
        if not self.setup_complete:
            self.setup()

    # ------------------------------------------------------------------ writing
    def update(self, index, iterable, commit=True):
        self._ready()
        rows = []
        for obj in iterable:
            try:
                prepared = index.full_prepare(obj)
            except Exception:  # noqa: BLE001 - Haystack's backends skip what fails to prepare
                if not self.silently_fail:
                    raise
                logger.exception("could not prepare %s for the search index", obj)
                continue
            text = prepared.get(index.get_content_field()) or ""
            fields = {
                key: _json_value(value)
                for key, value in prepared.items()
                if key not in (ID, DJANGO_CT, DJANGO_ID, index.get_content_field())
            }
            rows.append(
                (
                    prepared[ID],
                    prepared[DJANGO_CT],
                    str(prepared[DJANGO_ID]),
                    text,
                    text,
                    json.dumps(fields, ensure_ascii=False),
                )
            )
        if not rows:
            return
        sql = (
            f"INSERT INTO {self.table} (id, django_ct, django_id, content, vector, fields) "
            "VALUES (%s, %s, %s, lower(unaccent(%s)), to_tsvector('simple', unaccent(%s)), %s) "
            "ON CONFLICT (id) DO UPDATE SET django_ct = EXCLUDED.django_ct, "
            "django_id = EXCLUDED.django_id, content = EXCLUDED.content, "
            "vector = EXCLUDED.vector, fields = EXCLUDED.fields"
        )
        with transaction.atomic(using=self.database), self.db.cursor() as cursor:
            cursor.executemany(sql, rows)

    def remove(self, obj_or_string, commit=True):
        self._ready()
        with self.db.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE id = %s", [get_identifier(obj_or_string)]
            )

    def clear(self, models=None, commit=True):
        self._ready()
        with self.db.cursor() as cursor:
            if models:
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE django_ct = ANY(%s)",
                    [[get_model_ct(model) for model in models]],
                )
            else:
                cursor.execute(f"DELETE FROM {self.table}")

    # ------------------------------------------------------------------ searching
    def _condition(self, node, params, content_field):
        """SQL for a Haystack SearchNode tree (AND/OR, NOT, field filters)."""
        parts = []
        for child in node.children:
            if isinstance(child, SearchNode):
                sql = self._condition(child, params, content_field)
            else:
                expression, value = child
                field, filter_type = node.split_expression(expression)
                sql = self._filter(field, filter_type, value, params, content_field)
            if sql:
                parts.append(f"({sql})")
        if not parts:
            return ""
        joined = f" {node.connector} ".join(parts)
        return f"NOT ({joined})" if node.negated else joined

    def _filter(self, field, filter_type, value, params, content_field):
        raw = getattr(value, "query_string", value)
        if field in (content_field, "content"):
            return self._text_condition(raw, params)
        if field == DJANGO_CT:
            params.append(raw if isinstance(raw, list | tuple) else [raw])
            return "django_ct = ANY(%s)"
        if field == DJANGO_ID:
            params.append([str(v) for v in (raw if isinstance(raw, list | tuple) else [raw])])
            return "django_id = ANY(%s)"
        if not _NAME.match(field):
            raise ValueError(f"not a field name: {field!r}")
        if filter_type == "in":
            # Any of the values: equal to a single-valued field, or held by a multi-valued
            # one (a product's categories).
            params.extend([json.dumps([_json_value(v) for v in raw]), field])
            return (
                "EXISTS (SELECT 1 FROM jsonb_array_elements(%s::jsonb) AS wanted "
                "WHERE (fields->%s) @> wanted.value)"
            )
        if filter_type in _RANGE:
            params.extend([field, json.dumps(_json_value(raw))])
            return f"(fields->%s) {_RANGE[filter_type]} %s::jsonb"
        if filter_type == "startswith":
            params.extend([field, f"{raw}%"])
            return "(fields->>%s) LIKE %s"
        if filter_type in ("contains", "content", "fuzzy"):
            params.extend([field, f"%{raw}%"])
            return "lower(unaccent(fields->>%s)) LIKE lower(unaccent(%s))"
        # exact (and anything else): equal, or held by a multi-valued field.
        params.extend([field, json.dumps(_json_value(raw)), field, json.dumps([_json_value(raw)])])
        return "(fields->%s) = %s::jsonb OR (fields->%s) @> %s::jsonb"

    def _text_condition(self, query, params):
        found = words(query)
        if not found:
            return ""
        each = []
        for word in found:
            params.extend([f"{word}:*", word, self.typo_similarity])
            each.append(
                "(vector @@ to_tsquery('simple', unaccent(%s)) "
                "OR word_similarity(unaccent(%s), content) >= %s)"
            )
        return " AND ".join(each)

    def _order(self, sort_by, params):
        clauses = []
        for item in sort_by or []:
            descending = item.startswith("-")
            field = item.lstrip("-")
            if not _NAME.match(field):
                raise ValueError(f"not a field name: {field!r}")
            params.append(field)
            clauses.append(f"(fields->%s) {'DESC' if descending else 'ASC'} NULLS LAST")
        return clauses

    @log_query
    def search(self, query_string, **kwargs):
        self._ready()
        node, text = query_string if isinstance(query_string, tuple) else (None, "")
        from haystack import connections

        unified = connections[self.connection_alias].get_unified_index()
        content_field = unified.document_field
        models = kwargs.get("models") or unified.get_indexed_models()
        result_class = kwargs.get("result_class") or SearchResult

        where_params, rank_params, order_params = [], [], []
        conditions = ["django_ct = ANY(%s)"]
        where_params.append([get_model_ct(model) for model in models])
        if node is not None:
            condition = self._condition(node, where_params, content_field)
            if condition:
                conditions.append(f"({condition})")
        for narrow in kwargs.get("narrow_queries") or []:
            logger.warning("narrow query ignored by the PostgreSQL backend: %s", narrow)

        found = words(text)
        if found:
            tsquery = " | ".join(f"{word}:*" for word in found)
            rank = (
                "ts_rank(vector, to_tsquery('simple', unaccent(%s))) "
                "+ word_similarity(unaccent(%s), content)"
            )
            rank_params.extend([tsquery, " ".join(found)])
        else:
            rank = "0"
        order = self._order(kwargs.get("sort_by"), order_params)
        order.extend(["score DESC", "id"])

        start = int(kwargs.get("start_offset") or 0)
        end = kwargs.get("end_offset")
        limit = "" if end is None else f"LIMIT {max(int(end) - start, 0)}"
        sql = (
            f"SELECT id, django_ct, django_id, fields, {rank} AS score, count(*) OVER () AS hits "
            f"FROM {self.table} WHERE {' AND '.join(conditions)} "
            f"ORDER BY {', '.join(order)} {limit} OFFSET {start}"
        )
        with self.db.cursor() as cursor:
            cursor.execute(sql, rank_params + where_params + order_params)
            rows = cursor.fetchall()
            hits = rows[0][5] if rows else 0
            if not rows and start:
                cursor.execute(
                    f"SELECT count(*) FROM {self.table} WHERE {' AND '.join(conditions)}",
                    where_params,
                )
                hits = cursor.fetchone()[0]
        results = []
        for identifier, django_ct, django_id, fields, score, _hits in rows:
            app_label, model_name = django_ct.split(".")
            if isinstance(fields, str):
                fields = json.loads(fields)
            fields[ID] = identifier  # update_index --remove reads it
            results.append(
                result_class(app_label, model_name, django_id, float(score or 0), **fields)
            )
        return {"results": results, "hits": hits, "facets": {}, "spelling_suggestion": None}

    def more_like_this(self, model_instance, *args, **kwargs):
        return {"results": [], "hits": 0}


class PostgresSearchQuery(BaseSearchQuery):
    """Passes the filter tree itself to the backend (no query string to parse), with
    the free text of the query for ranking."""

    def build_query(self):
        return (self.query_filter, " ".join(self._texts(self.query_filter)))

    def _texts(self, node):
        for child in node.children:
            if isinstance(child, SearchNode):
                if not child.negated:
                    yield from self._texts(child)
            else:
                expression, value = child
                field, _type = node.split_expression(expression)
                if field in ("content", self._document_field()):
                    yield str(getattr(value, "query_string", value))

    def _document_field(self):
        from haystack import connections

        return connections[self._using].get_unified_index().document_field

    def build_query_fragment(self, field, filter_type, value):
        return f"{field}__{filter_type}={value}"

    def get_count(self):
        if self._hit_count is None:
            self.run()
        return self._hit_count or 0


class PostgresSearchEngine(BaseEngine):
    backend = PostgresSearchBackend
    query = PostgresSearchQuery
