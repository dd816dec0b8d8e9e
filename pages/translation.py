from modeltranslation.translator import TranslationOptions, register

from .models import GlossaryTerm, Statement


@register(Statement)
class StatementTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("term", "variants", "definition")
