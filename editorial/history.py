"""The edit history of every content model and of sources, kept by django-simple-history.

Registration. Every model of the content registry (core/registry.py) is registered with `simple_history.register`
from EditorialConfig.ready(). INSTALLED_APPS lists `editorial` after `modeltranslation`, whose ready() adds the
`<field>_da`, `<field>_nb` and `<field>_en` columns, so each history table has one column per language
(`title_nb`, …). A history model declared with a `HistoricalRecords()` attribute in models.py would be built before
those columns exist. Many-to-many relations (sources, host countries, …) are recorded with the version they belong
to; an entry edited as part of another one (`Content(part_of=...)`: a contribution's ordered mandates) is recorded
with that entry's versions, through the many-to-many field it orders.

What the library does unchanged: one version per save (post_save), with the user from its middleware and the
change reason an editorial step sets (`_change_reason`), none for raw saves, and a further version for each
many-to-many change made outside the admin.

What this module adds, through documented hooks only (model signals, the library's `post_create_historical_record`
signal and `skip_history_when_saving`):
- Nothing is recorded while `loaddata` loads fixtures: a raw save marks its object with
  `skip_history_when_saving`, so the many-to-many relations the loader sets next record nothing either.
- One version per admin save: the admin (editorial/admin.py) saves the relations and inline rows inside
  `relations_of_last_version()`, which records no version for them and then brings the relations of the version
  the save recorded up to date.
- A baseline: content arrives through fixtures, which record no history. Before the first recorded change to such
  an object, its stored state becomes its first version (no user, reason BASELINE), so that the change shows what
  it changed.

Going beyond the library: the library copies an object's relations into its history only inside its own version
writing. `_record_relations()` does the same copy for the baseline and for the relations an admin save changes
after its version; it is the one place that knows the layout of the library's many-to-many history tables.
"""

from contextlib import contextmanager

import simple_history
from django.db.models.signals import pre_save
from simple_history.signals import post_create_historical_record

from core import registry

from .workflow import BASELINE


def history_m2m_fields(entry):
    """The many-to-many fields recorded with a model's versions: the plain ones, and those ordered by a model of
    the registry declared as part of this one (a contribution's mandates, in the order of its authorisations)."""
    parts = {other.model for other in registry.entries() if other.content.part_of == entry.content.model}
    return sorted(
        field.name
        for field in entry.model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created or field.remote_field.through in parts
    )


def register_history():
    """Register every content model that is edited on its own (EditorialConfig.ready())."""
    for entry in registry.entries():
        if entry.content.part_of or is_tracked(entry.model):
            continue
        simple_history.register(entry.model, m2m_fields=history_m2m_fields(entry))
        pre_save.connect(before_save, sender=entry.model, dispatch_uid=f"editorial.history.{entry.label}")
        post_create_historical_record.connect(
            remember_version, sender=entry.model.history.model, dispatch_uid=f"editorial.history.version.{entry.label}"
        )


def is_tracked(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def versions_of(model, pk):
    """An object's versions, the latest first."""
    return model.history.filter(**{model._meta.pk.attname: pk})


def remember_version(sender, instance, history_instance, **kwargs):
    """The version the library just recorded for this object, for `relations_of_last_version()`."""
    instance._recorded_version = history_instance


def before_save(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        # Loading a fixture: no version for the object, nor for the relations the loader sets after saving it.
        instance.skip_history_when_saving = True
        return
    if instance.pk is None or instance._state.adding or hasattr(instance, "skip_history_when_saving"):
        return
    record_baseline(sender, instance.pk, using)


def record_baseline(model, pk, using=None):
    """Record the stored state of an object without versions as its first version."""
    if versions_of(model, pk).using(using).exists():
        return
    stored = model._base_manager.using(using).filter(pk=pk).first()
    if stored is None:
        return
    stored._history_user = None  # Nobody here made it; not the editor about to change it.
    (record,) = model.history.bulk_history_create([stored], default_change_reason=BASELINE, default_date=stored.updated)
    _record_relations(record, stored)


@contextmanager
def relations_of_last_version(instance):
    """Save an object's relations (many-to-many fields, inline rows) inside this block, right after saving the
    object: no version is recorded for them, and the version the save recorded then holds them as they are."""
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving
    record = instance.__dict__.pop("_recorded_version", None)
    if record is not None:
        for field in record._history_m2m_fields:
            getattr(record, field.name).all().delete()
        _record_relations(record, instance)


def _record_relations(record, instance):
    """Copy the rows of the object's recorded many-to-many relations into the history, for `record`, as the
    library does when it writes a version itself."""
    for field in record._history_m2m_fields:
        history_rows = getattr(record, field.name)
        through = field.remote_field.through
        owner = field.m2m_field_name()
        names = [through_field.name for through_field in through._meta.fields]
        history_rows.model.objects.bulk_create(
            history_rows.model(history=record, **{name: getattr(row, name) for name in names})
            for row in through._default_manager.filter(**{owner: instance})
        )
