"""When the site's content last changed: the exports' Last-Modified, the data package's "created" and the
catalogue's dct:modified.

The latest of: any record's last save (`updated`), any version in the edit history (which also records deletions,
history_date) and any scheduled publication that has come (`published_at`, which makes a record public without a
save). It covers every content model, not only the ones an export reads: a later time than a file's own rows
needs only costs a client a download, where an earlier one could tell it that a changed file had not changed.

One query over the 38 columns (core/moments.py): on PostgreSQL its cost is nearly all planning, about 2 ms on the
real fixtures."""

import datetime
from functools import cache

from django.db import connection

from core import moments, registry
from core.models import PublishableModel

# Before any content exists.
EPOCH = datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC)


def content_and_history_models():
    """Every model of the content registry, each followed by its edit history's model when it has one."""
    for model in registry.models():
        yield model
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager:
            yield getattr(model, manager).model


@cache
def _columns():
    """(table, column, whether only past values count) of each column whose latest value counts. Worked out once:
    the models do not change while the site runs, and reaching a history model through simple-history's manager
    builds a manager class each time (about a millisecond for the 19 models, on every request that asks)."""
    columns = []
    for model in content_and_history_models():
        table = model._meta.db_table
        names = {field.name for field in model._meta.concrete_fields}
        if "history_date" in names:
            columns.append((table, "history_date", False))
        elif "updated" in names:
            columns.append((table, "updated", False))
            if issubclass(model, PublishableModel):
                columns.append((table, "published_at", True))
    return tuple(columns)


def last_change():
    """The time of the latest change to the site's content (whole seconds, as HTTP dates have). One query
    (core/moments.py)."""
    now = moments.time_parameter()
    latest = moments.extreme(
        "MAX",
        [
            moments.moment("MAX", column, table, f"{connection.ops.quote_name(column)} <= %s", [now])
            if past_only
            else moments.moment("MAX", column, table)
            for table, column, past_only in _columns()
        ],
    )
    return (latest or EPOCH).replace(microsecond=0)
