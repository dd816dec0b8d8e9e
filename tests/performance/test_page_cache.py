import datetime
import json
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coalition.models import Mission
from perf import cache as page_cache_state
from tests.factories import CountryFactory, MissionFactory

pytestmark = pytest.mark.urls("tests.performance.urls")

TITLES = "/en/test-titles/"


def page_cache_header(response):
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def mission(db):
    return MissionFactory(key="nmi", title_en="NATO Mission Iraq", title_da="NATO's mission i Irak")


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    page_cache, mission, client, django_assert_num_queries
):
    first = client.get(TITLES)
    assert page_cache_header(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(TITLES)
    assert page_cache_header(second) == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert b"NATO Mission Iraq" in second.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "en"


def test_page_cache_is_off_when_page_cache_seconds_is_zero(settings, mission, client):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(TITLES)
    assert page_cache_header(client.get(TITLES)) is None


def test_an_orm_edit_is_visible_on_the_next_anonymous_request(
    page_cache, mission, client, django_capture_on_commit_callbacks
):
    assert b"NATO Mission Iraq" in client.get(TITLES).content
    # As the admin saves: inside a transaction, visible once it commits.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mission.title_en = "NATO Mission Iraq (renamed)"
        mission.save()
    response = client.get(TITLES)
    assert page_cache_header(response) == "miss"
    assert b"NATO Mission Iraq (renamed)" in response.content


def test_the_cache_is_invalidated_after_the_commit_not_before(
    page_cache, mission, client, django_capture_on_commit_callbacks
):
    """A page rendered between the save and the commit must not survive the commit."""
    client.get(TITLES)
    generation = page_cache_state.current_generation()
    with django_capture_on_commit_callbacks() as callbacks:
        mission.title_en = "Renamed"
        mission.save()
        # Not committed yet: the cached page stands (and a page rendered now would be dropped by the commit).
        assert page_cache_header(client.get(TITLES)) == "hit"
        assert page_cache_state.current_generation() == generation
    for callback in callbacks:  # The commit.
        callback()
    assert page_cache_state.current_generation() == generation + 1
    response = client.get(TITLES)
    assert page_cache_header(response) == "miss"
    assert b"Renamed" in response.content


def test_publishing_a_draft_and_relinking_invalidate(page_cache, mission, client, django_capture_on_commit_callbacks):
    draft = MissionFactory(key="zz-draft", status="draft", title_en="Draft mission")
    country = CountryFactory(code="XA")
    assert b"Draft mission" not in client.get(TITLES).content
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "published"
        draft.save()
    assert b"Draft mission" in client.get(TITLES).content

    generation = page_cache_state.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        mission.host_countries.add(country)
    assert page_cache_state.current_generation() == generation + 1

    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert b"Draft mission" not in client.get(TITLES).content


def test_changes_outside_the_content_apps_do_not_invalidate(
    page_cache, mission, client, django_user_model, django_capture_on_commit_callbacks
):
    client.get(TITLES)
    with django_capture_on_commit_callbacks(execute=True):
        django_user_model.objects.create_user("someone")
    assert page_cache_header(client.get(TITLES)) == "hit"


def test_each_language_and_query_string_is_cached_separately(page_cache, mission, client):
    english = client.get(TITLES)
    danish = client.get("/da/test-titles/")
    assert page_cache_header(danish) == "miss"
    assert b"NATO's mission i Irak" in danish.content
    assert danish["Content-Language"] == "da"
    assert page_cache_header(client.get("/da/test-titles/")).startswith("hit")
    second_page = client.get(TITLES + "?page=2")
    assert page_cache_header(second_page) == "miss"
    assert b"page 2" in second_page.content
    assert client.get(TITLES).content == english.content


def test_staff_never_get_a_cached_page_and_their_pages_are_not_stored(
    page_cache, mission, client, admin_client, django_capture_on_commit_callbacks
):
    client.get(TITLES)
    # A change that sends no signal (a bulk update) leaves the anonymous cache stale on purpose here.
    Mission.objects.filter(pk=mission.pk).update(title_en="Changed by an update")
    assert b"NATO Mission Iraq" in client.get(TITLES).content

    staff_response = admin_client.get(TITLES)
    assert page_cache_header(staff_response) is None
    assert b"Changed by an update" in staff_response.content
    assert "private" in staff_response["Cache-Control"]

    # Nor is a page rendered for staff stored for anyone.
    with django_capture_on_commit_callbacks(execute=True):
        page_cache_state.schedule_bump()
    admin_client.get(TITLES)
    assert page_cache_header(client.get(TITLES)) == "miss"


def test_304_on_a_repeat_visit_with_if_none_match(page_cache, mission, client):
    first = client.get(TITLES)
    etag = first["ETag"]
    assert first["Cache-Control"] == "max-age=0"
    repeat = client.get(TITLES, headers={"if-none-match": etag})
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert client.get(TITLES, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_304_for_uncached_pages_too(settings, mission, client):
    settings.PAGE_CACHE_SECONDS = 0
    etag = client.get(TITLES)["ETag"]
    assert client.get(TITLES, headers={"if-none-match": etag}).status_code == 304


@pytest.mark.parametrize(
    "path",
    ["/en/test-cookie/", "/en/test-csrf/", "/en/test-never-cache/", "/en/test-exempt/", "/en/test-stream/"],
)
def test_pages_that_are_personal_or_opt_out_are_not_stored(page_cache, mission, client, path):
    client.get(path)
    assert page_cache_header(client.get(path)) is None, "again, with the cookies of the first response"
    fresh = Client()  # No cookies from the first response.
    assert page_cache_header(fresh.get(path)) is None


def test_posts_404s_and_unprefixed_urls_are_not_cached(page_cache, mission, client):
    client.post(TITLES)
    assert page_cache_header(client.get(TITLES)) == "miss"
    client.get("/en/no-such-page/")
    assert page_cache_header(client.get("/en/no-such-page/")) is None
    client.get("/robots.txt")
    assert page_cache_header(client.get("/robots.txt")) is None


def test_the_admin_is_never_cached(page_cache, db, client):
    login = reverse("admin:login")
    assert login.startswith("/en/")
    client.get(login)
    assert page_cache_header(Client().get(login)) is None


def test_a_scheduled_publication_caps_the_page_lifetime(page_cache, mission):
    soon = timezone.now() + datetime.timedelta(seconds=90)
    MissionFactory(key="zz-scheduled", published_at=soon)
    generation = page_cache_state.current_generation()
    assert 85 <= page_cache_state.page_lifetime(generation) <= 90
    assert page_cache_state.next_scheduled_publication() == soon


def test_without_scheduled_content_pages_live_page_cache_seconds(page_cache, mission):
    generation = page_cache_state.current_generation()
    assert page_cache_state.page_lifetime(generation) == 300


def test_a_scheduled_mission_appears_when_its_time_comes(page_cache, mission, client):
    """No job and no save: the cached page expires at the publication time."""
    moment = timezone.now() + datetime.timedelta(seconds=2)
    MissionFactory(key="zz-scheduled", title_en="Scheduled mission", published_at=moment)
    assert b"Scheduled mission" not in client.get(TITLES).content
    assert page_cache_header(client.get(TITLES)) == "hit"
    time.sleep((moment - timezone.now()).total_seconds() + 0.05)
    assert b"Scheduled mission" in client.get(TITLES).content


def test_loaddata_invalidates_once_after_it_finishes(page_cache, db, tmp_path, django_capture_on_commit_callbacks):
    fixture = tmp_path / "countries.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "coalition.country",
                    "fields": {"code": code, "name_en": code, "slug_en": code.lower(), "status": "published"},
                }
                for code in ("XA", "XB")
            ]
        )
    )
    generation = page_cache_state.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", str(fixture), verbosity=0)
    assert page_cache_state.current_generation() == generation + 1


def test_an_unreachable_cache_does_not_break_pages(settings, mission, client):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # Nothing listens on the discard port.
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get(TITLES)
    assert response.status_code == 200
    assert b"NATO Mission Iraq" in response.content
    assert page_cache_header(response) is None


def test_invalidate_page_cache_command_drops_every_page(page_cache, mission, client, capsys):
    client.get(TITLES)
    Mission.objects.filter(pk=mission.pk).update(title_en="Changed by SQL")
    assert page_cache_header(client.get(TITLES)) == "hit"
    call_command("invalidate_page_cache")
    assert "Page cache invalidated" in capsys.readouterr().out
    assert b"Changed by SQL" in client.get(TITLES).content
