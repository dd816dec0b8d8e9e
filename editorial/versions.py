"""Comparing two versions of an object from its edit history, field by field and language by language.

Each translated text is one row per language ("Title (Norwegian Bokmål)"). Values are shown as an editor knows
them: choices by their label, related objects by name, many-to-many relations as lists. A changed text shows
which words were removed and added.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import workflow

LONG_TEXT = 160
EMPTY = mark_safe('<span class="editorial-empty">—</span>')


@dataclass
class Row:
    name: str
    label: str
    old: object
    new: object
    changed: bool
    old_display: str = ""
    new_display: str = ""

    @property
    def long(self):
        """Too long to show in a list of changes; the comparison page shows it."""
        return any(isinstance(value, str) and len(value) > LONG_TEXT for value in (self.old, self.new))


def compared_fields(model):
    """The names of the fields a version comparison shows, in the model's order, each translated field as one
    column per language; many-to-many relations last. Timestamps and the primary key are left out."""
    translated = workflow.translated_fields(model)
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        if workflow.split_translated(model, field.name)[1] is not None:
            continue  # A language column: listed with its field below.
        if field.name in translated:
            names.extend(f"{field.name}_{code}" for code in workflow.language_codes())
        else:
            names.append(field.name)
    names.extend(field.name for field in model._meta.local_many_to_many)
    return names


def _m2m_ids(record, field):
    """The related ids a version holds, in the order of an ordered relation (a contribution's mandates), else by id."""
    target = field.m2m_reverse_field_name()
    through = field.remote_field.through
    if through._meta.auto_created or not through._meta.ordering:
        return sorted(getattr(record, field.name).values_list(f"{target}_id", flat=True))
    return list(getattr(record, field.name).order_by(*through._meta.ordering).values_list(f"{target}_id", flat=True))


def _normal(value):
    """An empty text is the same whether it is stored as NULL or as "" (language columns allow both)."""
    return None if value == "" else value


def _value(record, model, name):
    field = model._meta.get_field(name)
    if field.many_to_many:
        return _m2m_ids(record, field)
    return getattr(record, field.attname)


def _related_names(field, ids):
    objects = field.related_model._default_manager.in_bulk([pk for pk in ids if pk is not None])
    return {pk: str(objects[pk]) if pk in objects else _("(deleted, #%(id)s)") % {"id": pk} for pk in ids}


def _display(field, value, names):
    if value is None or value == "" or value == []:
        return EMPTY
    if field.many_to_many:
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((names[pk],) for pk in value)))
    if field.is_relation:
        return names[value]
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.localize(value)


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """Two versions of a text with the removed words marked in the first and the added words in the second."""
    old_words, new_words = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            old_parts.append(format_html("{}", removed))
            new_parts.append(format_html("{}", added))
            continue
        if removed:
            old_parts.append(format_html("<del>{}</del>", removed))
        if added:
            new_parts.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(old_parts)), mark_safe("".join(new_parts))  # The parts are escaped.


def changed_fields(model, old_record, new_record, names):
    """The fields that differ between two versions, found by django-simple-history's `diff_against` (for a
    relation: its rows, their order included). An empty text and no text are the same here."""
    delta = new_record.diff_against(old_record, included_fields=names)
    return {change.field for change in delta.changes}


def compare(model, old_record, new_record, only_changes=False):
    """Rows comparing two historical records of `model` (either may be None, e.g. before the first version)."""
    names = compared_fields(model)
    differing = None
    if old_record is not None and new_record is not None:
        differing = changed_fields(model, old_record, new_record, names)
    rows = []
    for name in names:
        old = _value(old_record, model, name) if old_record is not None else None
        new = _value(new_record, model, name) if new_record is not None else None
        if differing is None:
            changed = _normal(old) != _normal(new)
        elif model._meta.get_field(name).many_to_many:
            changed = name in differing
        else:
            changed = name in differing and _normal(old) != _normal(new)
        if only_changes and not changed:
            continue
        rows.append(Row(name, workflow.field_label(model, name), old, new, changed))
    _fill_displays(model, rows)
    return rows


def _fill_displays(model, rows):
    related = {}
    for row in rows:
        field = model._meta.get_field(row.name)
        if field.is_relation:
            values = [*(row.old or []), *(row.new or [])] if field.many_to_many else [row.old, row.new]
            related.setdefault(field, set()).update(value for value in values if value is not None)
    names = {field: _related_names(field, ids) for field, ids in related.items()}
    for row in rows:
        field = model._meta.get_field(row.name)
        is_text = isinstance(field, (models.CharField, models.TextField)) and not field.choices
        if row.changed and is_text and row.old and row.new:
            row.old_display, row.new_display = word_diff(row.old, row.new)
        else:
            row.old_display = _display(field, row.old, names.get(field, {}))
            row.new_display = _display(field, row.new, names.get(field, {}))
    return rows
