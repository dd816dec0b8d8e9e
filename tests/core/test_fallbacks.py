"""The one fallback rule for translated text (core/fallbacks.py): modeltranslation's order, an empty text counts as
missing, the same answer from an object, a row of values() and SQL."""

import pytest
from django.utils import translation
from modeltranslation.utils import fallbacks as modeltranslation_fallbacks

from coalition.models import Country
from core import fallbacks
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_danish():
    return CountryFactory(name_da="Kun dansk", name_nb="", name_en="")


@pytest.fixture
def norwegian_and_english():
    return CountryFactory(name_da="", name_nb="Norsk navn", name_en="English name")


def test_the_active_language_comes_first():
    country = CountryFactory(name_da="Dansk", name_nb="Norsk", name_en="English")

    with translation.override("nb"):
        assert fallbacks.text_and_language(country, "name") == ("Norsk", "nb")


def test_danish_and_norwegian_readers_read_each_other_before_english(norwegian_and_english):
    # MODELTRANSLATION_FALLBACK_LANGUAGES: da falls back to nb, then en.
    assert fallbacks.text_and_language(norwegian_and_english, "name", "da") == ("Norsk navn", "nb")
    assert fallbacks.languages("da") == ("da", "nb", "en")


def test_a_text_in_no_language_is_empty_in_the_asked_language():
    country = CountryFactory(name_da="", name_nb="", name_en="")

    assert fallbacks.text_and_language(country, "name", "en") == ("", "en")


def test_rows_of_values_and_sql_give_the_same_text(only_danish, norwegian_and_english):
    for language in ("da", "nb", "en"):
        rows = Country.objects.filter(pk__in=[only_danish.pk, norwegian_and_english.pk]).order_by("pk")
        expected = [fallbacks.text_and_language(obj, "name", language)[0] for obj in rows]

        from_rows = [fallbacks.first_of(row, fallbacks.field_names("name", language)) for row in rows.raw_values()]
        from_sql = list(rows.annotate(seen=fallbacks.sql("name", language)).values_list("seen", flat=True))

        assert from_rows == expected
        assert from_sql == expected
    assert expected == ["Kun dansk", "English name"]  # English readers fall back to Danish first.


def test_fallbacks_switched_off_in_modeltranslation_are_off_here_too(only_danish):
    with modeltranslation_fallbacks(False):
        assert fallbacks.text_and_language(only_danish, "name", "en") == ("", "en")
