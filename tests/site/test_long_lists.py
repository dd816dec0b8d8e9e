"""What keeps list pages fast with much content: elided page links and the bounded mandate
choices of the contribution filter."""

import re

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from coalition.models import Country, Mission
from contributions import filters as contribution_filters
from contributions.models import Contribution
from core.views import DETAIL_LIST_LIMIT
from tests.factories import CountryFactory, MandateFactory
from website.views import HomeView

pytestmark = pytest.mark.django_db


def contribution_list():
    with translation.override("en"):
        return reverse("contributions:contribution_list")


def count_queries(queries):
    return [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)")]


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
    assert '<div class="helptext" id="id_mandate_helptext">Choose a country to list its mandates.</div>' in (
        unfiltered.content.decode()
    )
    assert (
        '<select name="mandate" aria-describedby="id_mandate_helptext" id="id_mandate">' in unfiltered.content.decode()
    )
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
        response = client.get(reverse("website:home"))
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
