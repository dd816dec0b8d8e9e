"""Each end state on every surface that shows a period, in the one wording (core.periods): the contribution's
page, its card in the list, the country's timeline (SVG and table), the Atom feed, and the CSV and JSON exports
with their explicit end state. Nothing is shown as under way without the date it was last confirmed and its
source. Then the year rule (core/periods.py), the same in the list, the exports and the comparison."""

import csv
import datetime
import io
import json
import re

import pytest
from django.utils import timezone

from tests.discovery.conftest import table_rows, url_in
from tests.factories import ContributionFactory, SourceFactory

pytestmark = pytest.mark.django_db

START = {"start_date": datetime.date(2016, 3, 1), "start_precision": "month"}
MARCH_2016 = "March 2016"


def confirmation():
    return {
        "confirmed_on": datetime.date(2019, 10, 1),
        "confirmed_precision": "month",
        "confirmed_by": SourceFactory(publisher="Regjeringen", url="https://www.regjeringen.no/example/"),
    }


STATES = {
    "ended": (
        lambda: {"end_state": "ended", "end_date": datetime.date(2017, 6, 1), "end_precision": "month"},
        f"{MARCH_2016} \N{EN DASH} June 2017",
        ["known"],
    ),
    "ended-undated": (
        lambda: {"end_state": "ended-undated", "end_date": datetime.date(2020, 1, 1), "end_precision": "year"},
        f"{MARCH_2016} \N{EN DASH} ended by 2020",
        ["known", "fading"],
    ),
    "planned": (
        lambda: (
            {"end_state": "planned", "end_date": datetime.date(2020, 1, 1), "end_precision": "year"} | confirmation()
        ),
        f"{MARCH_2016} \N{EN DASH} under way as of October 2019 (Regjeringen), planned until 2020",
        ["known", "continued"],
    ),
    "under-way": (
        lambda: {"end_state": "under-way", "end_date": None} | confirmation(),
        f"{MARCH_2016} \N{EN DASH} under way as of October 2019 (Regjeringen)",
        ["known", "continued"],
    ),
    "not-known": (
        lambda: {"end_state": "not-known", "end_date": None},
        f"{MARCH_2016} \N{EN DASH} end not known",
        ["known", "fading"],
    ),
}


def text(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture(params=list(STATES))
def case(request, denmark, published_mission):
    fields, words, styles = STATES[request.param]
    contribution = ContributionFactory(
        key="the-contribution",
        country=denmark,
        mission=published_mission,
        title_en="The contribution",
        published_at=timezone.now() - datetime.timedelta(minutes=1),
        **START,
        **fields(),
    )
    return request.param, contribution, words, styles


def test_every_surface_says_the_same(client, case):
    state, contribution, words, styles = case

    page = client.get(url_in("en", "contributions:contribution_detail", slug=contribution.slug_en)).content.decode()
    assert words in text(page)
    if "under way" in words:
        assert 'href="https://www.regjeringen.no/example/"' in page  # The confirming source, linked.

    listing = client.get(url_in("en", "contributions:contribution_list")).content.decode()
    assert words in text(listing)

    country = client.get(url_in("en", "website:country_detail", slug=contribution.country.slug_en)).content.decode()
    row = next(row for row in table_rows(country, "timeline-table") if row[2]["text"] == "The contribution")
    assert text(row[3]["text"]) == words
    svg = re.search(r"<svg class=\"timeline__chart\".*?</svg>", country, re.DOTALL).group(0)
    drawn = re.findall(r"timeline__bar--contribution timeline__bar--(\w+)", svg)
    assert drawn == styles

    feed = client.get(url_in("en", "discovery:feed")).content.decode()
    assert f"Period: {words}" in feed

    body = client.get(url_in("en", "discovery:contributions_csv")).content.decode("utf-8-sig")
    (csv_row,) = [row for row in csv.DictReader(io.StringIO(body)) if row["key"] == "the-contribution"]
    assert (csv_row["end_state"], csv_row["period_en"]) == (state, words)
    (json_row,) = [
        row
        for row in json.loads(client.get(url_in("en", "discovery:contributions_json")).content)["rows"]
        if row["key"] == "the-contribution"
    ]
    assert (json_row["end_state"], json_row["period_en"]) == (state, words)
    confirmed = state in ("planned", "under-way")
    assert (json_row["confirmed_on"] == "2019-10") is confirmed
    assert (csv_row["confirmed_by"] != "") is confirmed


def test_nothing_under_way_without_a_confirmation(client, denmark, published_mission):
    """The migrated default, "not known", never reads as "since" or "under way"; only a confirmation does."""
    ContributionFactory(country=denmark, mission=published_mission, end_date=None, **START)

    listing = text(client.get(url_in("en", "contributions:contribution_list")).content.decode())

    assert "under way as of" not in listing and "since" not in listing
    assert f"{MARCH_2016} \N{EN DASH} end not known" in listing


# -- The year rule --------------------------------------------------------------------------------------------------


@pytest.fixture
def years(denmark, norway, published_mission):
    """Contributions whose known spans are: 2014 to 2015; 2016 only (end not known); 2017 to 2019 (under way, last
    confirmed in 2019); 2018 only (start not known, ended in 2018); none (no dates)."""
    source = SourceFactory()
    make = lambda key, **fields: ContributionFactory(  # noqa: E731
        key=key, country=denmark, mission=published_mission, **{"start_date": None, "end_date": None, **fields}
    )
    make("ended", start_date=datetime.date(2014, 10, 1), end_date=datetime.date(2015, 10, 1))
    make("open-end", start_date=datetime.date(2016, 6, 1))
    make(
        "under-way",
        start_date=datetime.date(2017, 1, 1),
        end_state="under-way",
        confirmed_on=datetime.date(2019, 5, 1),
        confirmed_by=source,
    )
    make("no-start", end_date=datetime.date(2018, 3, 1))
    make("no-dates")


EXPECTED = {
    2014: {"ended"},
    2015: {"ended"},
    2016: {"open-end"},
    2017: {"under-way"},
    2018: {"under-way", "no-start"},
    2019: {"under-way"},
}


def test_years_beyond_every_known_span_are_not_offered(client, years):
    """Nothing is known to be under way in 2020: the list does not offer the year, and asking for it is an error."""
    response = client.get(url_in("en", "contributions:contribution_list"), {"year": 2020})
    assert response.context["filter"].errors["year"]
    assert client.get(url_in("en", "discovery:contributions_csv"), {"year": 2020}).status_code == 400


@pytest.mark.parametrize("year", list(EXPECTED))
def test_the_year_filter_follows_the_known_span_in_the_list_the_exports_and_the_comparison(client, years, year):
    listed = client.get(url_in("en", "contributions:contribution_list"), {"year": year})
    assert {c.key for c in listed.context["object_list"]} == EXPECTED[year]

    body = client.get(url_in("en", "discovery:contributions_csv"), {"year": year}).content.decode("utf-8-sig")
    assert {row["key"] for row in csv.DictReader(io.StringIO(body))} == EXPECTED[year]
    rows = json.loads(client.get(url_in("en", "discovery:contributions_json"), {"year": year}).content)["rows"]
    assert {row["key"] for row in rows} == EXPECTED[year]

    comparison = client.get(url_in("en", "discovery:comparison"), {"year": year})
    assert comparison.status_code == 200
    compared = {
        contribution.key
        for mission in comparison.context["comparison"].missions
        for row in mission.kinds
        for cell in row.cells
        for contribution in cell
    }
    assert compared == EXPECTED[year]


def test_the_comparison_refuses_an_unusable_year_in_the_visitors_language(client, years):
    response = client.get(url_in("nb", "discovery:comparison"), {"year": "tjue"})

    assert response.status_code == 400
    assert "Oppgi et år, f.eks. 2016." in response.content.decode()


def test_a_contribution_and_its_mandates_show_the_order_of_decisions(client, denmark, published_mission):
    from tests.factories import MandateFactory

    original = MandateFactory(country=denmark, label_en="The original decision", adopted_on=datetime.date(2015, 11, 10))
    extension = MandateFactory(country=denmark, label_en="The extension", adopted_on=datetime.date(2014, 1, 1))
    contribution = ContributionFactory(country=denmark, mission=published_mission, title_en="The radar")
    contribution.authorisations.create(mandate=original, order=1)
    contribution.authorisations.create(mandate=extension, order=2)

    page = text(
        client.get(url_in("en", "contributions:contribution_detail", slug=contribution.slug_en)).content.decode()
    )

    # In the order of the list, not of the dates.
    heading = page.index("Mandates (the original decision, then its extensions)")
    assert heading < page.index("The original decision") < page.index("The extension")
    for mandate in (original, extension):
        mandate_page = client.get(url_in("en", "contributions:mandate_detail", slug=mandate.slug_en)).content.decode()
        assert "The radar" in mandate_page
    listed = client.get(url_in("en", "contributions:contribution_list"), {"mandate": extension.key})
    assert [c.key for c in listed.context["object_list"]] == [contribution.key]
