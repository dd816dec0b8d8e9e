"""What keeps list pages fast with much content: the shared row count, elided page links and the bounded mandate
choices of the contribution filter."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coalition.models import Country, Mission
from contributions import filters as contribution_filters
from contributions.models import Contribution
from core.views import DETAIL_LIST_LIMIT, HomeView
from perf import cache as page_cache_state
from perf.cache import cached_query
from tests.factories import CountryFactory, MandateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def query_cache(page_cache):
    page_cache.QUERY_CACHE_SECONDS = 300
    return page_cache


def contribution_list():
    with translation.override("en"):
        return reverse("contributions:contribution_list")


def count_queries(queries):
    return [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)")]


def test_cached_query_computes_once_per_generation(query_cache):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_query(compute, "a") == 1
    assert cached_query(compute, "a") == 1
    assert cached_query(compute, "b") == 2, "another key is another result"
    page_cache_state.bump_generation()
    assert cached_query(compute, "a") == 3


def test_cached_query_is_off_without_query_cache_seconds(settings):
    settings.QUERY_CACHE_SECONDS = 0
    calls = []
    cached_query(lambda: calls.append(1), "a")
    cached_query(lambda: calls.append(1), "a")
    assert len(calls) == 2


def test_every_page_of_a_list_shares_one_row_count(query_cache, client):
    call_command("build_bench_data", "--countries=4", "--contributors=2", "--missions=3", "--mandates=6",
                 "--contributions=90", "--programmes=1")  # fmt: skip
    url = contribution_list()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as later_page:
        response = client.get(url, {"page": 3})
    assert len(count_queries(first.captured_queries)) == 1
    assert count_queries(later_page.captured_queries) == []
    assert response.context["paginator"].count == response.context["paginator"].object_list.count()

    with CaptureQueriesContext(connection) as filtered:
        client.get(url, {"country": "XA"})
    assert len(count_queries(filtered.captured_queries)) == 1, "other filters, another count"


def test_page_links_are_elided_on_long_lists(client):
    call_command("build_bench_data", "--countries=4", "--contributors=2", "--missions=3", "--mandates=6",
                 "--contributions=400", "--programmes=1")  # fmt: skip
    response = client.get(contribution_list(), {"page": 10})
    pages = response.context["paginator"].num_pages
    assert pages > 15
    html = response.content.decode()
    linked = {int(number) for number in re.findall(r'href="\?page=(\d+)"', html)}
    assert {1, 8, 9, 10, 11, 12, pages} <= linked
    assert not linked & {3, 5, 15}
    assert html.count('class="pagination__gap"') == 2


@pytest.fixture
def many_mandates(monkeypatch):
    monkeypatch.setattr(contribution_filters, "MANDATE_CHOICES_LIMIT", 2)
    denmark, norway = CountryFactory(code="DK"), CountryFactory(code="NO")
    return {
        "dk": [MandateFactory(key=f"dk-{n}", country=denmark) for n in range(2)],
        "no": [MandateFactory(key=f"no-{n}", country=norway) for n in range(2)],
    }


def mandate_options(response):
    select = re.search(r'<select name="mandate".*?</select>', response.content.decode(), re.S)[0]
    return re.findall(r'<option value="([^"]*)"', select)


def test_with_few_mandates_the_filter_offers_them_all(client, many_mandates, monkeypatch):
    monkeypatch.setattr(contribution_filters, "MANDATE_CHOICES_LIMIT", 4)
    assert mandate_options(client.get(contribution_list())) == ["", "dk-0", "dk-1", "no-0", "no-1"]


def test_with_many_mandates_the_filter_offers_the_chosen_countrys(client, many_mandates):
    unfiltered = client.get(contribution_list())
    assert mandate_options(unfiltered) == [""]
    assert "Choose a country to list its mandates." in unfiltered.content.decode()
    assert mandate_options(client.get(contribution_list(), {"country": "NO"})) == ["", "no-0", "no-1"]

    by_address = client.get(contribution_list(), {"mandate": "dk-1"})
    assert by_address.context["filter"].is_valid()
    assert mandate_options(by_address) == ["", "dk-1"]


def test_detail_pages_show_a_bounded_number_of_contributions_and_link_to_all(client):
    call_command("build_bench_data", "--countries=4", "--contributors=2", "--missions=3", "--mandates=4",
                 "--contributions=200", "--programmes=1")  # fmt: skip
    country = Country.objects.get(code="XA")
    mission = Mission.objects.published().annotate(n=Count("contributions")).order_by("-n").first()
    with translation.override("en"):
        pages = [
            (country.get_absolute_url(), f"?country={country.code}", Contribution.objects.filter(country=country)),
            (mission.get_absolute_url(), f"?mission={mission.key}", Contribution.objects.filter(mission=mission)),
        ]
        list_url = reverse("contributions:contribution_list")
    for url, filter_query, contributions in pages:
        total = contributions.published().count()
        assert total > DETAIL_LIST_LIMIT
        html = client.get(url).content.decode()
        cards = re.findall(r'<li class="card">\s*<h4 class="card__title">', html)
        assert len(cards) == DETAIL_LIST_LIMIT
        assert f'<a href="{list_url}{filter_query}">See all {total} contributions</a>' in html


def test_home_page_lists_are_bounded_and_link_to_the_whole(client):
    call_command("build_bench_data", "--countries=4", "--contributors=2", "--missions=15", "--mandates=6",
                 "--contributions=30", "--programmes=8")  # fmt: skip
    with translation.override("en"):
        response = client.get(reverse("core:home"))
        missions, programmes = reverse("coalition:mission_list"), reverse("programmes:programme_list")
    assert len(response.context["missions"]) == HomeView.missions_shown
    assert len(response.context["programmes"]) == HomeView.programmes_shown
    html = response.content.decode()
    assert f'<a href="{missions}">All missions</a>' in html
    assert f'<a href="{programmes}">All programmes</a>' in html


@pytest.mark.parametrize("url_name", ["coalition:mission_list", "programmes:programme_list"])
def test_mission_and_programme_lists_are_paginated(client, url_name):
    call_command("build_bench_data", "--countries=4", "--contributors=2", "--missions=30", "--mandates=6",
                 "--contributions=30", "--programmes=30")  # fmt: skip
    with translation.override("en"):
        url = reverse(url_name)
    first = client.get(url)
    assert first.status_code == 200
    assert first.content.decode().count('<li class="card">') == 25
    assert 'rel="next"' in first.content.decode()
    last = client.get(url, {"page": 2})
    published = last.context["paginator"].count  # Some of the synthetic items are drafts.
    assert 25 < published <= 30
    assert last.content.decode().count('<li class="card">') == published - 25
    nearest = client.get(url, {"page": "999"})
    assert nearest.status_code == 200, "out of range: the nearest page, not a 404"
    assert nearest.context["page_obj"].number == 2
