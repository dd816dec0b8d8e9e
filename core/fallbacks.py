"""The one rule for the language of translated text: a visitor reads a translated field in the active language,
or, where that language has no text, in the first language of django-modeltranslation's fallback order that has
some. The order is modeltranslation's own (`MODELTRANSLATION_FALLBACK_LANGUAGES`, read through its
`resolution_order`, which also honours `MODELTRANSLATION_ENABLE_FALLBACKS`), so the pages, the search and the
exports follow the settings that the models' own attributes follow; an empty text counts as missing, as it does for
those attributes.

Three forms of the same rule, for the three places that read translated text:
- `text_and_language(obj, field)`: on a model instance or a row of `values()` (the `translated` template tag, the
  search results, the statement pages); it also says which language the text is in, so a page can mark a fallback
  with its `lang` and announce that the translation is missing;
- `first_of(row, names)` with `field_names(field, language)`: the same on many rows, the names looked up once (the
  exports' addresses);
- `sql(field, language)`: the same as an SQL expression (the search documents and their indexes).

This module imports no models."""

from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname, resolution_order


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def languages(language=None):
    """The languages tried for `language` (by default the active one), in order: itself, then its fallbacks."""
    return resolution_order(language or active_language())


def field_names(field, language=None):
    """The translated field's column in each language of `languages(language)`, in order: title_da, title_nb, …"""
    return tuple(build_localized_fieldname(field, code) for code in languages(language))


def first_of(row, names):
    """The first non-empty value of a mapping (a row of `values()`) among `names`, or ""."""
    return next((value for name in names if (value := row.get(name))), "")


def text_and_language(obj, field, language=None, order=None):
    """(text, language code) of a translated field as a visitor in `language` (by default the active one) reads
    it: that language's text, else the first fallback's that has some; ("", language) when none has any. `obj` is
    a model instance or a mapping (a row of `values()`). `order` is `languages(language)`, for callers that read
    many texts and look it up once."""
    language = language or active_language()
    get = obj.get if isinstance(obj, dict) else lambda name: getattr(obj, name, None)
    for code in order or languages(language):
        value = get(build_localized_fieldname(field, code))
        if value:
            return value, code
    return "", language


def sql(field, language):
    """The text a visitor in `language` reads, as an SQL expression: that language's column, else the fallbacks'
    in order (an empty text counts as missing)."""
    columns = [NullIf(F(name), Value("")) for name in field_names(field, language)]
    return Coalesce(*columns, Value(""), output_field=TextField())
