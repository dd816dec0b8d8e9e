"""The search indexes: a GIN index on each searched model's document in each language, on the very expression the
site search filters with (else PostgreSQL ignores it and computes the document for every row), created by the
migrations on PostgreSQL and left out on SQLite, which can neither build nor use them."""

import pytest
from django.db import connection, models

from coalition.models import Mission
from core.search_vectors import CONFIGURATIONS, index_name
from discovery.search import TARGETS, PostgresBackend, search_vector

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="GIN indexes and full-text search exist only on PostgreSQL."
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Checks that SQLite, which cannot build GIN indexes, is left without them."
)

CASES = [
    pytest.param(target, language, id=f"{target.kind}-{language}") for target in TARGETS for language in CONFIGURATIONS
]


def model_index(target, language):
    name = index_name(target.kind, language)
    return next(index for index in target.model._meta.indexes if index.name == name)


def table_indexes(target):
    """The table's indexes and constraints by name, as the database has them."""
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, target.model._meta.db_table)


@pytest.mark.parametrize(("target", "language"), CASES)
def test_the_index_is_on_the_searched_document(target, language):
    """The model's index and the search build the same expression: same fields, same fallbacks, same weights."""
    index = model_index(target, language)
    assert len(index.name) <= 30
    assert index.expressions == (search_vector(target, language),)


@postgres_only
@pytest.mark.parametrize(("target", "language"), CASES)
def test_migrations_create_the_index_on_postgresql(target, language):
    name = index_name(target.kind, language)
    assert table_indexes(target)[name]["type"] == "gin"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [name])
        (definition,) = cursor.fetchone()
    assert f"to_tsvector('{CONFIGURATIONS[language]}'::regconfig" in definition


@postgres_only
@pytest.mark.parametrize(("target", "language"), CASES)
def test_the_search_query_uses_the_index(target, language):
    """The site search's own query, planned so that reading the index is the only cheap way: no sequential scans,
    and functions made costly (to_tsvector counts as 100 operators), so that any plan computing the document for
    each row it reads loses to one that looks the words up in the index. The planner then uses the index if, and
    only if, its expression is the query's (on a handful of test rows it would otherwise read the table or the
    status index). SET LOCAL ends with the test's transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL cpu_operator_cost = 10")
    plan = PostgresBackend().queryset(target, "Anbar", language).explain()
    assert f"Bitmap Index Scan on {index_name(target.kind, language)}" in plan


@sqlite_only
@pytest.mark.parametrize(("target", "language"), CASES)
def test_migrations_leave_the_index_out_on_sqlite(target, language):
    assert index_name(target.kind, language) not in table_indexes(target)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_table_rebuild_on_sqlite_leaves_the_index_out():
    """SQLite alters a column by rebuilding the table and then recreates every index the model has, without the
    migration operations that added them: the GIN index class itself must stay out of SQLite."""
    old = Mission._meta.get_field("acronym")
    wider = models.CharField(max_length=old.max_length + 10, blank=True)
    wider.set_attributes_from_name("acronym")
    wider.model = Mission
    with connection.schema_editor() as editor:
        editor.alter_field(Mission, old, wider, strict=True)
    try:
        assert table_indexes(TARGETS[0]).keys().isdisjoint({index_name("mission", code) for code in CONFIGURATIONS})
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Mission, wider, old, strict=True)
