from modeltranslation.translator import TranslationOptions, register

from .models import Contribution, ContributionKind, Mandate


@register(Mandate)
class MandateTranslationOptions(TranslationOptions):
    fields = ("title", "label", "slug", "summary")
    empty_values = {"slug": None}


@register(ContributionKind)
class ContributionKindTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = {"slug": None}


@register(Contribution)
class ContributionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "description", "location", "equipment")
    empty_values = {"slug": None}
