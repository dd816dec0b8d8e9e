import datetime

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coalition.models import Country, Mission
from contributions.models import Authorisation, Contribution
from programmes.models import Programme, Theme
from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    CountryFactory,
    KeyFigureFactory,
    MandateFactory,
    MissionFactory,
    ProgrammeFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


class TestPeriodRules:
    def test_clean_reports_end_before_start_on_the_end_field(self):
        mission = MissionFactory.build(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 1, 1))
        with pytest.raises(ValidationError) as error:
            mission.full_clean(exclude=["lead_organisation"])
        assert error.value.message_dict["end_date"] == ["The end date must be on or after the start date."]

    def test_database_refuses_end_before_start(self):
        mission = MissionFactory()
        mission.end_date = datetime.date(2000, 1, 1)
        with pytest.raises(IntegrityError), transaction.atomic():
            mission.save()

    def test_mandate_cannot_be_adopted_before_it_was_tabled(self):
        mandate = MandateFactory.build(
            country=CountryFactory(), tabled_on=datetime.date(2020, 3, 26), adopted_on=datetime.date(2020, 3, 1)
        )
        with pytest.raises(ValidationError) as error:
            mandate.full_clean()
        assert error.value.message_dict["adopted_on"] == ["A mandate cannot be adopted before it was tabled."]

    def test_mandate_expiry_before_start_is_refused_by_the_database(self):
        mandate = MandateFactory()
        mandate.valid_from, mandate.valid_until = datetime.date(2020, 1, 1), datetime.date(2019, 1, 1)
        with pytest.raises(IntegrityError), transaction.atomic():
            mandate.save()

    def test_a_contribution_with_equal_start_and_end_is_valid(self):
        contribution = ContributionFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 1))
        contribution.full_clean()


class TestNumbersAndKeys:
    def test_negative_personnel_is_refused(self):
        contribution = ContributionFactory.build(personnel=-5)
        with pytest.raises(ValidationError) as error:
            contribution.full_clean(exclude=["country", "mission", "kind"])
        assert "personnel" in error.value.message_dict

    def test_negative_budget_is_refused_by_the_database(self):
        programme = ProgrammeFactory()
        programme.budget_amount = -1
        with pytest.raises(IntegrityError), transaction.atomic():
            programme.save()

    def test_negative_votes_are_refused(self):
        mandate = MandateFactory.build(country=CountryFactory(), votes_for=-1)
        with pytest.raises(ValidationError) as error:
            mandate.full_clean()
        assert "votes_for" in error.value.message_dict

    def test_duplicate_key_gets_a_readable_message(self):
        MissionFactory(key="nmi")
        duplicate = MissionFactory.build(key="nmi", lead_organisation=None)
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()
        assert error.value.message_dict["key"] == ["Mission with this Key already exists."]

    def test_country_code_must_be_two_capital_letters(self):
        with pytest.raises(ValidationError) as error:
            Country(code="dk1", name_en="Denmark").full_clean()
        assert "code" in error.value.message_dict

    def test_lower_case_country_code_is_normalised_by_clean(self):
        country = Country(code="dk", name_en="Denmark")
        country.full_clean()
        assert country.code == "DK"

    def test_same_slug_twice_in_one_language_is_refused(self):
        MissionFactory(slug_nb="oppdraget")
        other = MissionFactory.build(slug_nb="oppdraget", lead_organisation=None)
        with pytest.raises(ValidationError) as error:
            other.full_clean()
        assert "This address is already used by another entry in the same language." in str(error.value)

    def test_theme_number_is_unique_within_its_programme(self):
        theme = ThemeFactory(number=1)
        with pytest.raises(ValidationError) as error:
            Theme(programme=theme.programme, number=1, title_en="Again").full_clean()
        assert "The programme already has a theme with this number." in str(error.value)

    def test_a_title_is_needed_in_at_least_one_language(self):
        mission = MissionFactory.build(title_da="", title_nb="", title_en="", lead_organisation=None)
        with pytest.raises(ValidationError) as error:
            mission.clean()
        assert error.value.message_dict["title_en"] == ["Fill in this field in at least one language."]

    def test_mandate_of_another_country_is_refused(self):
        mandate = MandateFactory(country=CountryFactory(code="DK"))
        contribution = ContributionFactory(country=CountryFactory(code="NO"))
        with pytest.raises(ValidationError) as error:
            Authorisation(contribution=contribution, mandate=mandate).clean()
        assert error.value.message_dict["mandate"] == ["The mandate must be one of the contributing country's own."]


class TestSlugs:
    def test_slugs_are_filled_per_language_with_danish_and_norwegian_letters_transliterated(self):
        mission = MissionFactory(title_da="Bidrag til nødhjælp", title_nb="Bidrag på Øst-Kysten", title_en="Aid")
        assert (mission.slug_da, mission.slug_nb, mission.slug_en) == (
            "bidrag-til-noedhjaelp",
            "bidrag-paa-oest-kysten",
            "aid",
        )

    def test_clashing_slugs_get_a_number(self):
        first = MissionFactory(title_en="Same name")
        second = MissionFactory(title_en="Same name")
        assert (first.slug_en, second.slug_en) == ("same-name", "same-name-2")


class TestPublishing:
    def test_published_hides_drafts_and_scheduled_items(self):
        public = MissionFactory()
        MissionFactory(status="draft")
        MissionFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
        assert list(Mission.objects.published()) == [public]

    def test_an_item_scheduled_in_the_past_is_public(self):
        mission = MissionFactory(published_at=timezone.now() - datetime.timedelta(minutes=1))
        assert mission.is_public
        assert list(Mission.objects.published()) == [mission]

    def test_contributions_of_a_draft_mission_are_hidden(self):
        ContributionFactory(mission=MissionFactory(status="draft"))
        visible = ContributionFactory()
        assert list(Contribution.objects.published()) == [visible]

    def test_programmes_of_a_draft_country_are_hidden(self):
        ProgrammeFactory(donor=CountryFactory(status="draft"))
        assert not Programme.objects.published().exists()

    def test_new_objects_start_as_drafts(self):
        assert Mission().status == "draft"


@pytest.mark.parametrize(
    "factory_class",
    [
        SourceFactory,
        CountryFactory,
        MissionFactory,
        MandateFactory,
        ContributionFactory,
        ProgrammeFactory,
        ThemeFactory,
        ActivityFactory,
        KeyFigureFactory,
    ],
)
def test_natural_key_round_trip(factory_class):
    obj = factory_class()
    model = type(obj)
    assert model._default_manager.get_by_natural_key(*obj.natural_key()) == obj
    data = serializers.serialize("json", [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    assert '"pk"' not in data
    (restored,) = serializers.deserialize("json", data)
    assert restored.object.pk == obj.pk


def test_contribution_active_in_a_year():
    ContributionFactory(key="a", start_date=datetime.date(2014, 10, 1), end_date=datetime.date(2015, 10, 1))
    ContributionFactory(key="b", start_date=datetime.date(2016, 6, 1), end_date=None)
    ContributionFactory(key="c", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2020, 12, 31))
    assert {c.key for c in Contribution.objects.active_in(2015)} == {"a"}
    # "b" began in 2016 and nothing is known of its end: only 2016 is known, not every year after.
    assert {c.key for c in Contribution.objects.active_in(2016)} == {"b"}
    assert {c.key for c in Contribution.objects.active_in(2020)} == {"c"}
