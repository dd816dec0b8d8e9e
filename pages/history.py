"""Edit history of the statements and the glossary, kept like every other content model's (core.history).
settings.MODELTRANSLATION_TRANSLATION_FILES names this module, so it is imported once the language columns exist."""

import simple_history

from core.history import EditorialHistoricalRecords

from .models import GlossaryTerm, Statement

for _model in (Statement, GlossaryTerm):
    if not hasattr(_model._meta, "simple_history_manager_attribute"):
        simple_history.register(
            _model,
            records_class=EditorialHistoricalRecords,
            m2m_fields=[field.name for field in _model._meta.local_many_to_many],
        )
