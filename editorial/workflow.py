"""Editorial state of content, shared by the admin, its templates and the tests.

- Translation completeness: an object misses a language when one of its translated texts is filled in another
  language but empty in that one. Slugs do not count (they are filled from the title). The same rule exists in
  Python (for an object at hand) and as a database condition (for filters and counts).
- Publishing: publish now, schedule for a future moment, unpublish. Each is one save, recorded in the edit
  history with the staff user and the kind of change.
- The latest change of an object from its history: who and when.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from core.models import Status

# Change reasons stored with a version in the edit history, and how the admin names them.
PUBLISHED, SCHEDULED, UNPUBLISHED, RESTORED = "published", "scheduled", "unpublished", "restored"
BASELINE = "baseline"  # Recorded before the first change to content that came without history (fixtures).
CHANGE_REASONS = {
    BASELINE: _("As it was before the first recorded change"),
    PUBLISHED: _("Published"),
    SCHEDULED: _("Scheduled for publication"),
    UNPUBLISHED: _("Unpublished (back to draft)"),
    RESTORED: _("Restored an earlier version"),
}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    return capfirst(dict(settings.LANGUAGES).get(code, code))


def translated_fields(model):
    """The names of a model's translated fields, slugs included, in the model's field order."""
    try:
        names = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []
    return [field.name for field in model._meta.fields if field.name in names]


def translated_text_fields(model):
    """The translated fields whose completeness matters: every one but the slugs."""
    return [name for name in translated_fields(model) if not isinstance(model._meta.get_field(name), models.SlugField)]


def split_translated(model, name):
    """("title", "nb") for "title_nb" when title is translated; (name, None) otherwise."""
    for base in translated_fields(model):
        for code in language_codes():
            if name == f"{base}_{code}":
                return base, code
    return name, None


def field_label(model, name):
    """A field's label for editors, with the language for a translated column: "Name (Norwegian Bokmål)"."""
    base, code = split_translated(model, name)
    label = capfirst(model._meta.get_field(base).verbose_name)
    return f"{label} ({language_name(code)})" if code else label


def _is_empty(value):
    return value is None or value == ""


def missing_translations(obj):
    """{language code: [labels of the texts missing in it]} for the languages an object lacks."""
    model, codes = type(obj), language_codes()
    missing = {}
    for name in translated_text_fields(model):
        values = {code: getattr(obj, f"{name}_{code}", None) for code in codes}
        if all(_is_empty(value) for value in values.values()):
            continue
        for code in codes:
            if _is_empty(values[code]):
                missing.setdefault(code, []).append(capfirst(model._meta.get_field(name).verbose_name))
    return {code: missing[code] for code in codes if code in missing}


def missing_languages(obj):
    return list(missing_translations(obj))


def _empty_q(column):
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def _filled_q(column):
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


NOTHING = Q(pk__in=[])


def missing_q(model, code):
    """The database condition "misses language `code`", for filters and counts."""
    others = [other for other in language_codes() if other != code]
    conditions = [
        _empty_q(f"{name}_{code}") & reduce(or_, (_filled_q(f"{name}_{other}") for other in others))
        for name in translated_text_fields(model)
    ]
    return reduce(or_, conditions) if conditions else NOTHING


def incomplete_q(model):
    return reduce(or_, (missing_q(model, code) for code in language_codes()))


def complete_q(model):
    return ~incomplete_q(model) if translated_text_fields(model) else ~NOTHING


def completeness_counts(queryset):
    """{"incomplete": n, "da": n, "nb": n, "en": n} in one query: how many objects miss each language."""
    model = queryset.model
    aggregates = {code: Count("pk", filter=missing_q(model, code)) for code in language_codes()}
    aggregates["incomplete"] = Count("pk", filter=incomplete_q(model))
    return queryset.order_by().aggregate(**aggregates)


# Publishing.


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


def publication_state(obj, now=None):
    if obj.status != Status.PUBLISHED:
        return PublicationState.DRAFT
    if obj.published_at and obj.published_at > (now or timezone.now()):
        return PublicationState.SCHEDULED
    return PublicationState.PUBLISHED


def _save_state(obj, user, reason):
    if user is not None:
        obj._history_user = user
    obj._change_reason = reason
    try:
        obj.save(update_fields=["status", "published_at"])
    finally:
        del obj._change_reason


def mark_published(obj):
    """Set an object public from now, unsaved. A publication time already past is kept; a future one (or none)
    becomes now."""
    now = timezone.now()
    obj.status = Status.PUBLISHED
    if obj.published_at is None or obj.published_at > now:
        obj.published_at = now


def publish(obj, user=None):
    mark_published(obj)
    _save_state(obj, user, PUBLISHED)


def schedule(obj, moment, user=None):
    """Publish an object from a future moment; the public site shows it from then on, with no job to run."""
    obj.status = Status.PUBLISHED
    obj.published_at = moment
    _save_state(obj, user, SCHEDULED)


def unpublish(obj, user=None):
    obj.status = Status.DRAFT
    _save_state(obj, user, UNPUBLISHED)


# History.


@dataclass(frozen=True)
class Change:
    user: object
    when: object


def latest_change(model, pk):
    """Who last changed an object and when, from its edit history (None when it has no history)."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    record = history.filter(**{model._meta.pk.attname: pk}).select_related("history_user").first()
    return Change(record.history_user, record.history_date) if record else None
