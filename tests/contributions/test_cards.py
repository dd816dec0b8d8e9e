"""The contribution cards written from plain values (`ContributionQuerySet.card_rows()`, as the contribution list
reads them) are the cards written from model instances (`for_cards()`, as the country and mission pages read
them), in every language, with texts that fall back to another language."""

import datetime

import pytest
from django.utils import timezone, translation

from contributions.managers import CARD_SOURCE_VALUES, CARD_VALUES, card_row
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


def without_sources(cards):
    return [{name: value for name, value in card.items() if name != "sources"} for card in cards]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_from_values_are_the_cards_from_instances(contributions, language):
    translation.activate(language)
    from_values = contribution_cards(contributions.card_rows())
    from_instances = contribution_cards(list(contributions.for_cards()))

    assert without_sources(from_values) == without_sources(from_instances)
    for card_from_values, card_from_instances in zip(from_values, from_instances, strict=True):
        assert card_from_values["sources"] == [
            {**{name: getattr(source, name) for name in CARD_SOURCE_VALUES}, "link_is_broken": source.link_is_broken}
            for source in card_from_instances["sources"]
        ]
    fallback = from_values[0]
    assert ('lang="da"' in fallback["title"]) is (language != "da")
    assert fallback["kind"] == ""  # A draft kind is not named.
    # In the sources' order (publisher, title): Aftenposten, Forsvaret, then the broken link.
    assert [source["link_is_broken"] for source in fallback["sources"]] == [False, False, True]


def test_card_rows_read_the_columns_card_row_takes_from_an_instance(contributions):
    rows = contributions.card_rows()
    instances = [card_row(contribution) for contribution in contributions.for_cards()]

    assert [{name: row[name] for name in CARD_VALUES} for row in rows] == [
        {name: row[name] for name in CARD_VALUES} for row in instances
    ]
