"""The contribution and mandate cards, written from plain values (the `card_rows()` of their QuerySets, as the lists,
the home page and the detail pages read them): the rows hold what each contribution or mandate holds, and the cards
word it in every language, with texts that fall back to another language."""

import datetime

import pytest
from django.utils import timezone, translation

from coalition.models import Mission
from contributions.managers import (
    CARD_SOURCE_VALUES,
    CARD_VALUES,
    COUNTRY_VALUES,
    MANDATE_CARD_VALUES,
    MANDATE_MISSION_VALUES,
    MISSION_VALUES,
)
from contributions.models import Certainty, Contribution, Mandate, PersonnelQualifier
from core.models import EndState
from tests.factories import (
    ContributionFactory,
    ContributionKindFactory,
    CountryFactory,
    MandateFactory,
    MissionFactory,
    SourceFactory,
)
from tests.helpers import LANGUAGES
from website.templatetags.public import contribution_cards, mandate_cards

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(db):
    broken = SourceFactory(
        key="broken-source", archive_url="https://web.archive.org/x", link_checked_at=timezone.now(), link_status=404
    )
    confirming = SourceFactory(key="confirming-source", publisher="Forsvaret", url="")
    ContributionFactory(
        key="fallbacks",
        title_nb="",
        title_en="",
        equipment_en="Two radars",
        kind=ContributionKindFactory(key="draft-kind", status="draft"),
        certainty=Certainty.ANNOUNCED,
        personnel=1200,
        personnel_qualifier=PersonnelQualifier.UP_TO,
        start_date=None,
        end_state=EndState.UNDER_WAY,
        end_date=None,
        confirmed_on=datetime.date(2019, 10, 1),
        confirmed_precision="month",
        confirmed_by=confirming,
        sources=[broken, confirming, SourceFactory(key="other-source", publisher="Aftenposten")],
    )
    ContributionFactory(key="plain", personnel=None, personnel_qualifier=PersonnelQualifier.ABOUT, sources=[])
    return Contribution.objects.published().order_by("key")


def attribute(obj, name):
    """A column of `values()` read from a model instance: "mission__title_da" is obj.mission.title_da."""
    for part in name.split("__"):
        obj = getattr(obj, part) if obj is not None else None
    return obj


def test_card_rows_hold_what_each_contribution_holds(contributions):
    columns = (*CARD_VALUES, *MISSION_VALUES, *COUNTRY_VALUES)
    rows = contributions.card_rows(mission=True, country=True)

    assert [{name: row[name] for name in columns} for row in rows] == [
        {name: attribute(contribution, name) for name in columns} for contribution in contributions
    ]
    assert [row["sources"] for row in rows] == [
        [
            {**{name: getattr(source, name) for name in CARD_SOURCE_VALUES}, "link_is_broken": source.link_is_broken}
            for source in contribution.sources.all()
        ]
        for contribution in contributions
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_mark_fallbacks_leave_out_a_draft_kind_and_list_the_sources_in_order(contributions, language):
    translation.activate(language)
    fallback, plain = contribution_cards(contributions.card_rows())

    assert ('lang="da"' in fallback["title"]) is (language != "da")
    assert 'lang="' not in plain["title"]
    assert fallback["kind"] == ""  # A draft kind is not named.
    assert plain["kind"] != ""
    assert fallback["announced"] and not plain["announced"]
    assert fallback["personnel"] and plain["personnel"] is None
    # In the sources' order (publisher, title): Aftenposten, Forsvaret, then the broken link.
    assert [source["publisher"] for source in fallback["sources"]][1] == "Forsvaret"
    assert [source["link_is_broken"] for source in fallback["sources"]] == [False, False, True]
    assert plain["sources"] == []


# -- Mandate cards ----------------------------------------------------------------------------------------------------


@pytest.fixture
def mandates(db):
    country = CountryFactory(code="DK", name_nb="", name_en="")
    public = MissionFactory(key="public-mission", acronym="")
    draft = MissionFactory(key="draft-mission", status="draft")
    MandateFactory(key="a-adopted", country=country, missions=[public, draft], label_nb="", label_en="")
    MandateFactory(key="b-in-force", country=country, adopted_on=None, valid_from=datetime.date(2016, 3, 1))
    return Mandate.objects.published().order_by("key")


def test_mandate_card_rows_hold_what_each_mandate_holds(mandates):
    rows = mandates.card_rows()

    assert [{name: row[name] for name in MANDATE_CARD_VALUES} for row in rows] == [
        {name: attribute(mandate, name) for name in MANDATE_CARD_VALUES} for mandate in mandates
    ]
    assert [row["missions"] for row in rows] == [
        [{name: getattr(mission, name) for name in MANDATE_MISSION_VALUES} for mission in mandate.missions.all()]
        for mandate in mandates
    ]
    assert all("missions" not in row for row in mandates.card_rows(missions=False))


@pytest.mark.parametrize("language", LANGUAGES)
def test_mandate_cards_mark_fallbacks_name_public_missions_only_and_say_which_date(mandates, language):
    translation.activate(language)
    adopted, in_force = mandate_cards(mandates.card_rows())
    public = Mission.objects.get(key="public-mission")

    assert ('lang="da"' in adopted["label"]) is (language != "da")
    assert ('lang="da"' in adopted["country"]) is (language != "da")
    with translation.override(language):
        assert adopted["missions"] == [(public.get_absolute_url(), str(public))]
    assert adopted["adopted"] and not in_force["adopted"]
    assert 'datetime="2016-03-01"' in in_force["decided"]
    assert in_force["url"] == Mandate.objects.get(key="b-in-force").get_absolute_url()
