"""Exports and the anonymous page cache: an export of at most CACHEABLE_ROWS rows is an ordinary response that the
page cache keeps (per language and filters, until the content changes) and that answers If-None-Match with 304; a
larger one is streamed, never stored, with the same content and headers. A small export runs a fixed number of
queries, and none when it comes from the cache."""

import csv
import io
import json
import re

import pytest
from django.db import transaction

from discovery import exports
from tests.discovery.conftest import content_of, url_in
from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def export_url(dataset, file_format, language="en"):
    return url_in(language, f"discovery:{dataset}_{file_format}")


def page_cache_header(response):
    return response.headers.get("X-Page-Cache")


def without_generated(body):
    """A JSON export without the time it was generated, which differs from one rendering to the next."""
    return re.sub(rb'"generated": "[^"]*"', b'"generated": ""', body)


EXPORT_HEADERS = ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin", "Content-Language")


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_small_export_is_cached_for_anonymous_visitors(
    page_cache, client, scene, file_format, django_assert_num_queries
):
    url = export_url("contributions", file_format)
    first = client.get(url, {"country": "DK"})
    assert first.status_code == 200
    assert not first.streaming
    assert page_cache_header(first) == "miss"

    with django_assert_num_queries(0):
        second = client.get(url, {"country": "DK"})

    assert page_cache_header(second) == "hit"
    assert second.content == first.content
    assert b"dk-nmi-command" in second.content
    for header in EXPORT_HEADERS:
        assert second[header] == first[header]
    assert second["ETag"] == first["ETag"]
    # Other filters and languages are entries of their own.
    assert page_cache_header(client.get(url, {"country": "NO"})) == "miss"
    assert page_cache_header(client.get(export_url("contributions", file_format, "da"), {"country": "DK"})) == "miss"


def test_cached_export_keeps_the_headers_of_a_fresh_one(page_cache, client, scene):
    cached = client.get(export_url("contributions", "csv"))
    assert cached["Content-Type"] == "text/csv; charset=utf-8"
    assert cached["Content-Disposition"] == 'attachment; filename="contributions.csv"'
    assert cached["Access-Control-Allow-Origin"] == "*"
    client.get(export_url("contributions", "json"))
    hit = client.get(export_url("contributions", "json"))
    assert page_cache_header(hit) == "hit"
    assert hit["Content-Type"] == "application/json; charset=utf-8"
    assert hit["Content-Disposition"] == 'inline; filename="contributions.json"'
    assert hit["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_edit_is_in_the_next_export(page_cache, client, scene, file_format, django_capture_on_commit_callbacks):
    url = export_url("contributions", file_format)
    assert b"Norwegian trainers in Anbar" in client.get(url).content
    assert page_cache_header(client.get(url)) == "hit"

    # As the admin saves: inside a transaction, visible once it commits.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        scene.no_contribution.title_en = "Norwegian trainers at Al Asad"
        scene.no_contribution.save()

    response = client.get(url)
    assert page_cache_header(response) == "miss"
    assert b"Norwegian trainers at Al Asad" in response.content
    assert b"Norwegian trainers in Anbar" not in response.content


def test_a_new_contribution_is_in_the_next_export(page_cache, client, scene, django_capture_on_commit_callbacks):
    url = export_url("contributions", "csv")
    client.get(url, {"country": "DK"})
    assert page_cache_header(client.get(url, {"country": "DK"})) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(country=scene.denmark, mission=scene.oir, kind=scene.staff, key="dk-new-contribution")
    assert b"dk-new-contribution" in client.get(url, {"country": "DK"}).content


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_cached_export_answers_if_none_match_with_304(page_cache, client, scene, file_format):
    url = export_url("contributions", file_format)
    first = client.get(url)
    assert "public" in first["Cache-Control"]

    repeat = client.get(url, headers={"if-none-match": first["ETag"]})

    assert repeat.status_code == 304
    assert repeat.content == b""


def test_an_uncached_small_export_has_an_etag_too(settings, client, scene):
    settings.PAGE_CACHE_SECONDS = 0
    url = export_url("contributions", "csv")
    first = client.get(url)
    assert not first.streaming
    assert page_cache_header(first) is None
    assert first["ETag"]

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_logged_in_visitors_get_a_fresh_export_that_is_not_stored(page_cache, client, admin_client, scene):
    url = export_url("contributions", "csv")
    staff = admin_client.get(url)
    assert staff.status_code == 200
    assert page_cache_header(staff) is None
    assert page_cache_header(client.get(url)) == "miss"


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_an_export_above_the_bound_is_streamed_and_not_cached(page_cache, client, scene, file_format, monkeypatch):
    url = export_url("contributions", file_format)
    page_cache.PAGE_CACHE_SECONDS = 0
    rows = len(json.loads(client.get(export_url("contributions", "json"), {"country": "DK"}).content)["rows"])
    whole = client.get(url, {"country": "DK"})
    assert rows > 2

    page_cache.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(exports, "CACHEABLE_ROWS", rows - 1)
    streamed = client.get(url, {"country": "DK"})
    body = content_of(streamed)  # Read to the end, as a server does, which closes the database cursor.
    again = client.get(url, {"country": "DK"})
    content_of(again)

    assert streamed.streaming and again.streaming
    assert page_cache_header(streamed) is None and page_cache_header(again) is None
    assert "ETag" not in streamed
    for header in ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin"):
        assert streamed[header] == whole[header]
    # The same rows, in the same bytes, whichever way they are sent.
    assert without_generated(body) == without_generated(whole.content)


def test_an_export_of_exactly_the_bound_is_cached(page_cache, client, scene, monkeypatch):
    url = export_url("contributions", "json")
    rows = len(json.loads(client.get(url, {"mission": "oir"}).content)["rows"])

    monkeypatch.setattr(exports, "CACHEABLE_ROWS", rows)
    response = client.get(url, {"mission": "oir", "page": "1"})

    assert not response.streaming
    assert page_cache_header(response) == "miss"


def test_a_large_export_streams_every_row(settings, client, scene, monkeypatch):
    """Rows read ahead to decide start the stream; the rest follow from the same query."""
    settings.PAGE_CACHE_SECONDS = 0
    for index in range(12):
        ContributionFactory(country=scene.denmark, mission=scene.oir, kind=scene.staff, key=f"dk-bulk-{index:02}")
    whole = client.get(export_url("contributions", "csv"))
    monkeypatch.setattr(exports, "CACHEABLE_ROWS", 3)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 2)

    streamed = client.get(export_url("contributions", "csv"))

    assert streamed.streaming
    assert content_of(streamed) == whole.content
    keys = [row["key"] for row in csv.DictReader(io.StringIO(whole.content.decode("utf-8-sig")))]
    assert len([key for key in keys if key.startswith("dk-bulk-")]) == 12


@pytest.mark.parametrize(
    ("dataset", "params"), [("contributions", {"country": "DK", "mission": "oir"}), ("missions", {})]
)
@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_cached_export_runs_no_query(
    page_cache, client, scene, django_assert_num_queries, dataset, params, file_format
):
    # The uncached exports' queries are pinned in test_exports.py.
    client.get(export_url(dataset, file_format), params)
    with django_assert_num_queries(0):
        hit = client.get(export_url(dataset, file_format), params)
    assert not hit.streaming
    assert page_cache_header(hit) == "hit"
