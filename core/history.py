"""The edit history of every content model and of sources, kept by django-simple-history.

The models are registered here rather than with a `HistoricalRecords()` attribute in models.py: modeltranslation
adds the `<field>_da`, `<field>_nb` and `<field>_en` columns when its app becomes ready, after a history model
declared on the model class would already have been built without them. settings.MODELTRANSLATION_TRANSLATION_FILES
names this module, so modeltranslation imports it right after every app's translation.py, once the language
columns exist; each history table then has one column per language (`title_nb`, …).

Each version is one row in the model's history table with every field, the staff user, the time and the kind of
change. Many-to-many relations (sources, host countries, …) are recorded with the version they belong to.
Nothing is recorded while `loaddata` loads fixtures (raw saves); before the first recorded change to an object
that has no history yet, its stored state is recorded as its first version (with no user).
"""

import simple_history
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coalition.models import Country, Mission, Organisation
from contributions.models import Contribution, ContributionKind, Mandate
from core.editorial import BASELINE
from core.models import KeyFigure, Source
from programmes.models import Activity, Programme, Theme

TRACKED_MODELS = [
    Source,
    KeyFigure,
    Country,
    Organisation,
    Mission,
    Mandate,
    ContributionKind,
    Contribution,
    Programme,
    Theme,
    Activity,
]

_LOADING = "_history_loading_fixture"

_LATEST = "_history_latest_record"


class EditorialHistoricalRecords(HistoricalRecords):
    """One version per save, many-to-many changes included, and none while fixtures load.

    django-simple-history writes a further version for every many-to-many change, and the admin changes those
    right after saving the object, so one save would show as two or three versions. Here a many-to-many change
    that follows a save of the same object in the same transaction updates the relations recorded with that
    save's version instead. `loaddata` saves with raw=True (skipped by the library) and then sets
    many-to-many relations with no such flag; the object is marked so that those are skipped too.
    """

    def get_m2m_fields_from_model(self, model):
        """The library collects these in a set; sorted, the history models and their output are the same in
        every process, whatever the hash seed."""
        return sorted(super().get_m2m_fields_from_model(model), key=lambda field: field.name)

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            models.signals.pre_save.connect(self.record_baseline, sender=sender, weak=False)

    def record_baseline(self, instance, raw=False, using=None, **kwargs):
        """Content arrives through fixtures, which record no history. Before the first recorded change to such
        an object, its stored state becomes its first version, so that the change shows what it changed."""
        if raw or instance.pk is None or instance._state.adding or hasattr(instance, "skip_history_when_saving"):
            return
        model = type(instance)
        # The history table's own primary key is history_id; the entry's id is an ordinary column there.
        if getattr(model, self.manager_name).filter(**{model._meta.pk.attname: instance.pk}).exists():
            return
        stored = model._base_manager.using(using).filter(pk=instance.pk).first()
        if stored is None:
            return
        stored._history_user = None  # Nobody here made it; not the editor about to change it.
        stored._history_date = getattr(stored, "updated", None) or timezone.now()
        stored._change_reason = BASELINE
        self.create_historical_record(stored, "+", using=using)

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw", False):
            setattr(instance, _LOADING, True)
        super().post_save(instance, created, using=using, **kwargs)

    def create_historical_record_m2ms(self, history_instance, instance):
        super().create_historical_record_m2ms(history_instance, instance)
        if history_instance._history_m2m_fields:
            setattr(instance, _LATEST, history_instance)
            transaction.on_commit(lambda: instance.__dict__.pop(_LATEST, None))

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(instance, _LOADING, False) or hasattr(instance, "skip_history_when_saving"):
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if reverse:
            # Changed from the other side, e.g. source.missions.add(mission): record each object concerned.
            for obj in self.cls._default_manager.filter(pk__in=pk_set or ()):
                self.create_historical_record(obj, "~")
            return
        record = getattr(instance, _LATEST, None)
        if record is None:
            self.create_historical_record(instance, "~")
            return
        for field in record._history_m2m_fields:
            self.m2m_models[field]._default_manager.filter(history=record).delete()
        self.create_historical_record_m2ms(record, instance)


def register_history():
    for model in TRACKED_MODELS:
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        simple_history.register(
            model,
            records_class=EditorialHistoricalRecords,
            # Relations with an ordered model of their own in between (a contribution's mandates) are edited as
            # rows of that model, not through the many-to-many field, so the library would miss them.
            m2m_fields=[
                field.name for field in model._meta.local_many_to_many if field.remote_field.through._meta.auto_created
            ],
        )


register_history()
