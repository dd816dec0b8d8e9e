"""The contribution cards, written from plain values (`ContributionQuerySet.card_rows()`, as the contribution list
and the mandate, country and mission pages read them): the rows hold what each contribution holds, and the cards
word it in every language, with texts that fall back to another language."""

import datetime

import pytest
from django.utils import timezone, translation

from contributions.managers import CARD_SOURCE_VALUES, CARD_VALUES, COUNTRY_VALUES, MISSION_VALUES
from contributions.models import Certainty, Contribution, PersonnelQualifier
from core.models import EndState
from tests.factories import ContributionFactory, ContributionKindFactory, SourceFactory
from tests.helpers import LANGUAGES
from website.templatetags.public import contribution_cards

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
