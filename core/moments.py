"""The earliest or latest of one date-time column in many tables, in one query.

The exports' "last changed" time (discovery/changes.py) reads the latest change in every content table and its
history, and the page cache (perf/cache.py) the next scheduled publication in every publishable table: a dozen to
forty tables, and on every request that needs them. Written with the ORM (one aggregate per model joined by UNION
ALL) that took several milliseconds to compile in Python and, on PostgreSQL, as long again to plan, for a query that
runs in well under one. Here each table is one scalar subquery, and the subqueries are the rows of a VALUES list:
plain SQL that costs nothing to build and that PostgreSQL plans in about a third of the time of the UNION ALL. A
VALUES list's one column is named column1 on both PostgreSQL and SQLite.
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def moment(aggregate, column, table, where="", parameters=()):
    """(SQL, parameters) of one scalar subquery: `aggregate` ("MIN" or "MAX") of `column` in `table`, with an
    optional condition on its rows (with %s placeholders for `parameters`)."""
    quote = connection.ops.quote_name
    sql = f"SELECT {aggregate}({quote(column)}) FROM {quote(table)}"
    return (f"{sql} WHERE {where}" if where else sql), list(parameters)


def extreme(aggregate, moments):
    """The `aggregate` ("MIN" or "MAX") of the `moment(…)`s' values as an aware date-time, or None when every one is
    empty."""
    if not moments:
        return None
    rows = ", ".join(f"(({sql}))" for sql, _parameters in moments)
    parameters = [value for _sql, values in moments for value in values]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {aggregate}(column1) FROM (VALUES {rows}) AS moments", parameters)
        (value,) = cursor.fetchone()
    if isinstance(value, str):  # SQLite gives the stored text, in UTC.
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def time_parameter(moment=None):
    """`moment` (by default the current time) as the database takes it as a query parameter."""
    return connection.ops.adapt_datetimefield_value(moment or timezone.now())
