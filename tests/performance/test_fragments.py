"""Cards kept per object (perf/fragments.py): the same HTML as rendering them, fewer queries once kept, per
language, and a content change is visible on the next request."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coalition.models import Mission
from contributions.models import Contribution
from perf.fragments import render_cards

pytestmark = pytest.mark.django_db

CARD = "contributions/includes/_contribution_card.html"
BENCH = ["--countries=4", "--contributors=2", "--missions=3", "--mandates=6", "--contributions=45", "--programmes=2"]


@pytest.fixture
def fragments(page_cache):
    """Cards kept, in the test's own local-memory cache; the page cache stays off so every request renders."""
    page_cache.PAGE_CACHE_SECONDS = 0
    page_cache.FRAGMENT_CACHE_SECONDS = 300
    return page_cache


@pytest.fixture
def content(db):
    call_command("build_bench_data", *BENCH)
    connection.queries_log.clear()  # The build's thousands of queries would fill the log that tests count.


def contribution_list(language="en"):
    with translation.override(language):
        return reverse("contributions:contribution_list")


def listed():
    return Contribution.objects.published().for_listing().order_by("start_date", "key")


def test_kept_cards_are_the_cards_rendered_without_keeping(settings, content):
    settings.FRAGMENT_CACHE_SECONDS = 0
    with translation.override("en"):
        rendered = render_cards(listed()[:10], CARD, "contribution", heading_level=3, show_country=True)
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cards"}}
    with translation.override("en"):
        first = render_cards(listed()[:10], CARD, "contribution", heading_level=3, show_country=True)
        kept = render_cards(listed()[:10], CARD, "contribution", heading_level=3, show_country=True)
        loaded = render_cards(list(listed()[:10]), CARD, "contribution", heading_level=3, show_country=True)
    assert rendered.count('<li class="card">') == 10
    assert first == kept == loaded == rendered


def test_a_list_page_with_kept_cards_reads_only_the_keys(fragments, content, client):
    url = contribution_list()
    fragments.FRAGMENT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as captured:
        rendered = client.get(url)
    rendering = [query["sql"] for query in captured.captured_queries]  # Read now: the next request clears the log.
    fragments.FRAGMENT_CACHE_SECONDS = 300
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        kept = client.get(url)
    keeping = [query["sql"] for query in captured.captured_queries]
    assert kept.content == rendered.content
    # The page's keys: one narrow query instead of the rows with their related objects, and no prefetches.
    assert len(keeping) == len(rendering) - 2
    listing = [sql for sql in keeping if "LIMIT 20" in sql]
    assert len(listing) == 1
    assert listing[0].startswith('SELECT "contributions_contribution"."id" AS "pk" FROM')


def test_cards_are_kept_per_language(fragments, content, client):
    english = client.get(contribution_list("en")).content.decode()
    danish = client.get(contribution_list("da")).content.decode()
    contribution = listed().first()
    assert contribution.title_en in english
    assert contribution.title_da in danish
    assert contribution.title_en not in danish


def test_an_edit_is_visible_on_the_next_request(fragments, content, client, django_capture_on_commit_callbacks):
    contribution = listed().first()
    assert contribution.title_en in client.get(contribution_list()).content.decode()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        contribution.title_en = "Renamed after publication"
        contribution.save()
    assert "Renamed after publication" in client.get(contribution_list()).content.decode()


def test_an_edit_of_related_content_is_visible_on_the_next_request(
    fragments, content, client, django_capture_on_commit_callbacks
):
    contribution = listed().first()
    client.get(contribution_list())
    country = contribution.country
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        country.name_en = "Renamed country"
        country.save()
    assert "Renamed country" in client.get(contribution_list()).content.decode()


def test_an_unreachable_cache_renders_every_card(fragments, content, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with translation.override("en"):
        html = render_cards(listed()[:5], CARD, "contribution", heading_level=3)
    assert html.count('<li class="card">') == 5


def test_a_kept_timeline_is_the_drawn_one_and_an_edit_shows_at_once(
    fragments, content, client, settings, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        home = reverse("core:home")
    settings.FRAGMENT_CACHE_SECONDS = 0
    drawn = client.get(home).content
    settings.FRAGMENT_CACHE_SECONDS = 300
    client.get(home)
    kept = client.get(home).content
    assert kept == drawn
    assert b'id="timeline-heading"' in kept

    mission = Mission.objects.published().order_by("start_date", "key").first()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mission.title_en = "Renamed mission"
        mission.save()
    assert client.get(home).content.decode().count("Renamed mission") >= 2, "its card and its timeline row"
