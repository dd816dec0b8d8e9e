from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Programme, Theme


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "purpose")
    empty_values = {"slug": None}


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")
