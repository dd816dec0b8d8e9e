"""Who publishes a page and when it changed: the "Published" and "Last updated" dates of a content page and its
public change log ("see all updates"), which says what changed and when, field by field and language by language,
and never who changed it.

The change log reads the versions django-simple-history keeps (editorial/history.py). The pages that have one are
declared in the content registry (`Content(change_log=...)`), so this module imports no content app.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from modeltranslation.translator import NotRegistered, translator

from core import registry
from core.languages import LANGUAGE_NAMES_IN_SENTENCE
from core.models import Status

from .publication import page_dates
from .workflow import BASELINE

# A change log shows at most this many versions, the latest first: the page stays the same size.
CHANGE_LOG_LIMIT = 100
# Bookkeeping columns that are no change a reader would see.
NOT_SHOWN = {"id", "created", "updated"}


def field_labels(model):
    """{column: what a reader calls it} for every shown column of `model`: a translated field once per language
    ("title (Norwegian)"), its untranslated base column not at all (it mirrors the default language)."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    order = [code for code, _name in settings.LANGUAGES]
    labels = {}
    for name, localized in translated.items():
        verbose = model._meta.get_field(name).verbose_name
        for localized_field in sorted(localized, key=lambda f: order.index(f.language)):
            labels[localized_field.attname] = _("%(field)s (%(language)s)") % {
                "field": verbose,
                "language": LANGUAGE_NAMES_IN_SENTENCE[localized_field.language],
            }
    translated_columns = {f.attname for fields in translated.values() for f in fields}
    for model_field in model._meta.concrete_fields:
        if model_field.name in translated or model_field.name in NOT_SHOWN or model_field.attname in labels:
            continue
        if model_field.attname in translated_columns:
            continue
        labels[model_field.attname] = str(model_field.verbose_name)
    return labels


@dataclass
class Update:
    date: object
    first: bool  # The version in which the page first appeared (or appeared again).
    fields: list = field(default_factory=list)


def public_updates(records, labels):
    """The versions a visitor saw, latest first, each with the fields that changed from the version before it.
    `records` are an object's history rows, latest first (the last one may be cut off by the limit)."""
    updates = []
    for index, record in enumerate(records[:CHANGE_LOG_LIMIT]):
        if record.status != Status.PUBLISHED or record.history_change_reason == BASELINE:
            continue
        older = records[index + 1] if index + 1 < len(records) else None
        if older is None or older.status != Status.PUBLISHED:
            updates.append(Update(record.history_date, first=True))
            continue
        changed = [
            label for column, label in labels.items() if getattr(record, column, None) != getattr(older, column, None)
        ]
        if changed:
            updates.append(Update(record.history_date, first=False, fields=changed))
    return updates


class ChangeLogView(TemplateView):
    """The public change log of a content page: what changed and when (not who)."""

    template_name = "editorial/change_log.html"

    def get_entry(self):
        entry = registry.change_log_entries().get(self.kwargs["kind"])
        if entry is None:
            raise Http404(_("Nothing is published at this address."))
        return entry

    def get_object(self):
        model = self.get_entry().model
        try:
            obj = model._default_manager.get_by_natural_key(self.kwargs["key"])
        except model.DoesNotExist:
            obj = None
        if obj is None or not obj.is_public:
            raise Http404(_("Nothing is published at this address."))
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        # One more than shown, to compare the oldest shown version with the one before it.
        records = list(obj.history.order_by("-history_date", "-history_id")[: CHANGE_LOG_LIMIT + 1])
        context["object"] = obj
        context["title_field"] = self.get_entry().content.change_log
        context["updates"] = public_updates(records, field_labels(type(obj)))
        context["published"], context["last_updated"] = page_dates(obj)
        context["more_than_shown"] = len(records) > CHANGE_LOG_LIMIT
        context["limit"] = CHANGE_LOG_LIMIT
        return context
