"""Each public page type runs a fixed number of database queries, whatever the amount of content: pinned at
two data sizes. A change that adds a query per row fails here."""

import datetime

import pytest

from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    ContributionKindFactory,
    CountryFactory,
    KeyFigureFactory,
    MandateFactory,
    MissionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.helpers import url_in
from tests.shared import shared_states

pytestmark = pytest.mark.django_db


def build_content(size):
    """`size` of everything: missions, mandates and contributions per country, programmes with themes and
    activities, key figures, each with several sources and related countries."""
    host = CountryFactory(code="IQ", is_contributor=False)
    countries = [CountryFactory(code="DK"), CountryFactory(code="NO")]
    parent = MissionFactory(key="oir")
    missions = [MissionFactory(parent=parent, host_countries=[host]) for _ in range(size)]
    kinds = [ContributionKindFactory() for _ in range(size)]
    for country in countries:
        KeyFigureFactory(country=country)
        for index in range(size):
            mission = missions[index]
            sources = [SourceFactory() for _ in range(2)]
            mandate = MandateFactory(country=country, missions=[mission, parent], sources=sources)
            mission.sources.add(*sources)
            ContributionFactory(
                country=country,
                mission=mission,
                mandate=mandate,
                kind=kinds[index],
                sources=sources,
                partner_countries=[host, countries[0]],
                start_date=datetime.date(2015 + index % 5, 1, 1),
            )
            programme = ProgrammeFactory(donor=country, target_countries=[host])
            programme.sources.add(*sources)
            for number in range(1, 3):
                theme = ThemeFactory(programme=programme, number=number)
                for _ in range(2):
                    activity = ActivityFactory(theme=theme, partner_organisation=OrganisationFactory())
                    activity.countries.set([host])
    KeyFigureFactory(mission=missions[0])
    return {
        "country": countries[0],
        "mission": missions[0],
        "mandate": countries[0].mandates.first(),
        "contribution": countries[0].contributions.first(),
        "programme": countries[0].programmes.first(),
    }


# The queries each page needs, whatever the amount of content.
PAGES = {
    # Mandate cards (`MandateQuerySet.card_rows()`) read no sources: one query fewer on each page that lists them.
    "website:home": 11,
    "coalition:mission_list": 3,  # With the page's row count.
    "website:country_list": 3,  # The countries, then contributions and mandates counted per country.
    "contributions:mandate_list": 5,
    # Contribution cards (`card_rows()`) read no partner countries: one query fewer on each page that lists them.
    # The mandate choices are read with a limit (contributions/filters.py), not counted first: one query fewer.
    "contributions:contribution_list": 8,
    "programmes:programme_list": 4,  # With the page's row count.
    "website:about": 0,
    "mission": 9,  # Detail pages read the glossary terms once to link their first use (pages.glossary).
    "country": 9,
    "mandate": 6,
    "contribution": 5,  # With its mandates in order.
    "programme": 8,  # With the activities the sources place under no theme.
}


# Two amounts of content, each built once and shared by the tests that ask for it (tests/shared.py).
shared_states.builders["little_content"] = lambda: build_content(2)
shared_states.builders["more_content"] = lambda: build_content(6)


@pytest.fixture
def little_content(_shared_database, db):
    return _shared_database.get("little_content")


@pytest.fixture
def more_content(_shared_database, db):
    return _shared_database.get("more_content")


def assert_queries(client, django_assert_num_queries, objects, page, queries):
    url = url_in("en", objects[page]) if page in objects else url_in("en", page)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(("page", "queries"), PAGES.items(), ids=list(PAGES))
def test_queries_per_page_with_little_content(client, django_assert_num_queries, little_content, page, queries):
    assert_queries(client, django_assert_num_queries, little_content, page, queries)


@pytest.mark.parametrize(("page", "queries"), PAGES.items(), ids=list(PAGES))
def test_queries_per_page_with_three_times_as_much(client, django_assert_num_queries, more_content, page, queries):
    assert_queries(client, django_assert_num_queries, more_content, page, queries)


def assert_filtered_list_queries(client, django_assert_num_queries, objects):
    url = url_in("en", "contributions:contribution_list")
    filters = {"country": "DK", "mission": objects["mission"].key, "year": "2015", "q": "Bidrag"}

    # Each given model choice is looked up once to validate it; the rest is as unfiltered.
    with django_assert_num_queries(PAGES["contributions:contribution_list"] + 2):
        response = client.get(url, filters)

    assert response.status_code == 200
    assert response.context["paginator"].count == 1


def test_filtered_list_queries_with_little_content(client, django_assert_num_queries, little_content):
    assert_filtered_list_queries(client, django_assert_num_queries, little_content)


def test_filtered_list_queries_with_three_times_as_much(client, django_assert_num_queries, more_content):
    assert_filtered_list_queries(client, django_assert_num_queries, more_content)
