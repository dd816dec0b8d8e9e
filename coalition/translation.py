from modeltranslation.translator import TranslationOptions, register

from .models import Country, Mission, Organisation


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    empty_values = {"slug": None}


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    empty_values = {"slug": None}


@register(Mission)
class MissionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body")
    empty_values = {"slug": None}
