"""Migration operations and an index class for the PostgreSQL-only parts of the schema.

The site runs on PostgreSQL, but development and the quick test runs use SQLite, which must still migrate. Some
indexes exist only for PostgreSQL features (the GIN indexes on the full-text search documents, see
core.search_vectors): SQLite can neither build them nor use them. They are recorded in the migration state on every
database, so that the models' Meta.indexes and makemigrations agree everywhere, but built only on PostgreSQL:

- their migrations add (and drop) them with AddIndexOnPostgres (and RemoveIndexOnPostgres) in place of the AddIndex
  (RemoveIndex) that makemigrations writes;
- the index itself is a GinIndexOnPostgres, because SQLite alters a column by rebuilding the table and then
  recreates every index the model has at that point in the migrations, without going through the operations that
  added them."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


def is_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


class PostgresOnlyOperation:
    """Changes the state on every database, the schema only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if is_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if is_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(PostgresOnlyOperation, migrations.AddIndex):
    """AddIndex for an index that only PostgreSQL can build, such as a GIN index on a search document."""


class RemoveIndexOnPostgres(PostgresOnlyOperation, migrations.RemoveIndex):
    """RemoveIndex for an index added with AddIndexOnPostgres: there is none to drop elsewhere."""


class GinIndexOnPostgres(GinIndex):
    """A GIN index that exists only on PostgreSQL. Elsewhere its SQL is a comment, so a table rebuild on SQLite
    passes over it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if not is_postgresql(schema_editor):
            return self.skipped_sql()
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if not is_postgresql(schema_editor):
            return self.skipped_sql()
        return super().remove_sql(model, schema_editor, **kwargs)

    def skipped_sql(self):
        return f"-- {self.name}: PostgreSQL only"
