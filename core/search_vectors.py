"""The full-text search document of a model in each site language, as one SQL expression.

The site search (discovery.search) filters with `document @@ query`, and each searched model has a GIN index on the
document in each language (`search_indexes` in its Meta.indexes). PostgreSQL uses an expression index only for a
query whose expression is the same as the index's, so both are built here, by `document`. Change it and the indexes
change with it (makemigrations notices); build the query's document any other way and the indexes are silently
ignored. This module imports no models, so that models.py can use it.

An index expression must be IMMUTABLE, and every part of this one is:
- to_tsvector with an explicit configuration (`'danish'::regconfig`, a constant). to_tsvector(text) without one is
  only STABLE: it depends on the default_text_search_config setting.
- setweight, COALESCE, NULLIF, and `||` for text and for tsvectors. Django's Concat compiles to `||` (with COALESCE
  around each part) on PostgreSQL; the CONCAT() function, which it used before Django 5.0, is only STABLE.
- the columns themselves: text and varchar, so no cast to text that depends on a setting (as a date's would).

The document is not stored: computing it for every row of a large table is what made searching slow, and the index
answers `@@` without doing so. Ranking (ts_rank) and highlighting still read the rows the index found."""

from django.contrib.postgres.search import SearchVector
from django.db.models import TextField, Value
from django.db.models.functions import Concat

from core import fallbacks
from core.migrations_ops import GinIndexOnPostgres

# Text search configurations by site language. Each language has its own index on each searched model.
CONFIGURATIONS = {"da": "danish", "nb": "norwegian", "en": "english"}


def configuration(language):
    """The text search configuration for `language`; "simple" (no stemming) for a language the site lacks."""
    return CONFIGURATIONS.get(language, "simple")


def localized(field, language):
    """SQL for the text a visitor sees in `language`, by the site's one fallback rule (core/fallbacks.py)."""
    return fallbacks.sql(field, language)


def joined(expressions):
    """SQL joining the texts with spaces."""
    parts = []
    for expression in expressions:
        if parts:
            parts.append(Value(" "))
        parts.append(expression)
    return Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]


def document(title_field, text_fields, plain_fields, language):
    """The document searched in `language`: the translated title and the untranslated `plain_fields` (acronyms,
    references) weighted A, the translated texts B, each text in the visitor's language or its fallback."""
    config = configuration(language)
    title = localized(title_field, language)
    body = joined([localized(name, language) for name in text_fields])
    return SearchVector(title, *plain_fields, config=config, weight="A") + SearchVector(body, config=config, weight="B")


def index_name(prefix, language):
    """The name of a model's search index in `language`, e.g. mission_search_da_idx (at most 30 characters)."""
    return f"{prefix}_search_{language}_idx"


def search_indexes(prefix, title_field, text_fields, plain_fields=()):
    """For a model's Meta.indexes: a GIN index on its `document` in each site language. PostgreSQL only: see
    core.migrations_ops, whose AddIndexOnPostgres the migrations use to add them."""
    return [
        GinIndexOnPostgres(
            document(title_field, text_fields, plain_fields, language), name=index_name(prefix, language)
        )
        for language in CONFIGURATIONS
    ]
