"""The anonymous page cache (perf/middleware.py, perf/cache.py): what is stored, for whom, under which key, and
that every kind of content change is visible on the next request."""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coalition.models import Mission
from perf import cache as page_cache_state
from tests.factories import CountryFactory, MissionFactory

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

pytestmark = pytest.mark.urls("tests.perf.urls")

TITLES = "/en/test-titles/"
EVERY_LANGUAGE = ("/da/test-titles/", "/nb/test-titles/", "/en/test-titles/")


def page_cache_header(response):
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def mission(db):
    return MissionFactory(
        key="nmi", title_en="NATO Mission Iraq", title_da="NATO's mission i Irak", title_nb="NATOs misjon i Irak"
    )


def fill(client, paths=EVERY_LANGUAGE):
    for path in paths:
        client.get(path)
        assert page_cache_header(client.get(path)) == "hit"


@pytest.fixture
def emptyings(monkeypatch):
    """Each time the page cache is emptied, the time is appended here."""
    times = []
    empty = page_cache_state.clear_pages

    def counted():
        times.append(timezone.now())
        return empty()

    monkeypatch.setattr(page_cache_state, "clear_pages", counted)
    return times


def change_without_signals(mission, title):
    """A change the site does not see (SQL by hand): the cache keeps the old page."""
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Mission._meta.db_table)
        cursor.execute(f"UPDATE {table} SET title_en = %s, title_da = %s, title_nb = %s", [title] * 3)


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


def test_anonymous_pages_tell_shared_caches_how_long_they_may_keep_them(page_cache, mission, client):
    page_cache.PAGE_CACHE_CLIENT_SECONDS = 60
    for response in (client.get(TITLES), client.get(TITLES)):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=60"}
        assert "Cookie" not in response.get("Vary", "")
        assert "Accept-Language" not in response.get("Vary", "")


def test_an_orm_edit_is_visible_on_the_next_anonymous_request(
    page_cache, mission, client, django_capture_on_commit_callbacks
):
    fill(client)
    # As the admin saves: inside a transaction, visible once it commits.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mission.title_en = mission.title_da = mission.title_nb = "Renamed"
        mission.save()
    for path in EVERY_LANGUAGE:
        response = client.get(path)
        assert page_cache_header(response) == "miss"
        assert b"Renamed" in response.content


def test_the_cache_is_emptied_after_the_commit_not_before(
    page_cache, mission, client, emptyings, django_capture_on_commit_callbacks
):
    """A page rendered between the save and the commit must not survive the commit."""
    client.get(TITLES)
    with django_capture_on_commit_callbacks() as callbacks:
        mission.title_en = "Renamed"
        mission.save()
        # Not committed yet: the cached page stands.
        assert page_cache_header(client.get(TITLES)) == "hit"
    assert emptyings == []
    for callback in callbacks:  # The commit.
        callback()
    assert len(emptyings) == 1
    response = client.get(TITLES)
    assert page_cache_header(response) == "miss"
    assert b"Renamed" in response.content


def test_publishing_a_draft_relinking_and_deleting_empty_the_cache(
    page_cache, mission, client, django_capture_on_commit_callbacks
):
    draft = MissionFactory(key="zz-draft", status="draft", title_en="Draft mission")
    country = CountryFactory(code="XA")
    assert b"Draft mission" not in client.get(TITLES).content
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "published"
        draft.save()
    assert b"Draft mission" in client.get(TITLES).content

    assert page_cache_header(client.get(TITLES)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        mission.host_countries.add(country)
    assert page_cache_header(client.get(TITLES)) == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert b"Draft mission" not in client.get(TITLES).content


def test_a_queryset_update_by_the_sites_code_empties_the_cache(
    page_cache, mission, client, django_capture_on_commit_callbacks
):
    fill(client)
    with django_capture_on_commit_callbacks(execute=True):
        Mission.objects.filter(pk=mission.pk).update(title_en="Updated", title_da="Opdateret", title_nb="Oppdatert")
    for path, title in zip(EVERY_LANGUAGE, (b"Opdateret", b"Oppdatert", b"Updated"), strict=True):
        assert title in client.get(path).content


def test_an_admin_bulk_action_is_visible_in_every_language(
    page_cache, mission, client, admin_client, django_capture_on_commit_callbacks
):
    draft = MissionFactory(
        key="zz-draft", status="draft", title_en="Draft mission", title_da="Udkast", title_nb="Utkast"
    )
    fill(client)
    changelist = reverse("admin:coalition_mission_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            changelist, {"action": "publish_now", "_selected_action": [draft.pk], "confirm": "yes"}
        )
    assert response.status_code == 302
    for path, title in zip(EVERY_LANGUAGE, (b"Udkast", b"Utkast", b"Draft mission"), strict=True):
        assert title in client.get(path).content


def test_an_admin_delete_is_visible_in_every_language(
    page_cache, mission, client, admin_client, django_capture_on_commit_callbacks
):
    fill(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:coalition_mission_delete", args=[mission.pk]), {"post": "yes"})
    assert response.status_code == 302
    for path in EVERY_LANGUAGE:
        assert b"Irak" not in client.get(path).content and b"Iraq" not in client.get(path).content


def test_changes_outside_the_content_apps_do_not_empty_the_cache(
    page_cache, mission, client, django_user_model, django_capture_on_commit_callbacks
):
    client.get(TITLES)
    with django_capture_on_commit_callbacks(execute=True):
        django_user_model.objects.create_user("someone")
    assert page_cache_header(client.get(TITLES)) == "hit"


def test_each_language_and_read_parameter_is_cached_separately(page_cache, mission, client):
    english = client.get(TITLES)
    danish = client.get("/da/test-titles/")
    assert page_cache_header(danish) == "miss"
    assert b"NATO's mission i Irak" in danish.content
    assert danish["Content-Language"] == "da"
    assert page_cache_header(client.get("/da/test-titles/")) == "hit"
    second_page = client.get(TITLES + "?page=2")
    assert page_cache_header(second_page) == "miss"
    assert b"page 2" in second_page.content
    assert client.get(TITLES).content == english.content


def test_unknown_parameters_are_ignored_and_create_no_entry(page_cache, mission, client):
    first = client.get(TITLES + "?page=2")
    for query in ("?page=2&utm_source=newsletter", "?utm_source=x&page=2&fbclid=1"):
        response = client.get(TITLES + query)
        assert page_cache_header(response) == "hit"
        assert response.content == first.content
    # Rendered without them, too: a page that copies its parameters into its links does not copy these.
    page_cache_state.clear_pages()
    fresh = client.get(TITLES + "?utm_source=newsletter")
    assert page_cache_header(fresh) == "miss"
    assert b"utm_source" not in fresh.content
    assert page_cache_header(client.get(TITLES)) == "hit"


def test_staff_never_get_a_cached_page_and_their_pages_are_not_stored(page_cache, mission, client, admin_client):
    client.get(TITLES)
    change_without_signals(mission, "Changed by hand")
    assert b"NATO Mission Iraq" in client.get(TITLES).content

    staff_response = admin_client.get(TITLES)
    assert page_cache_header(staff_response) is None
    assert b"Changed by hand" in staff_response.content
    directives = {part.strip() for part in staff_response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives

    # Nor is a page rendered for staff stored for anyone.
    page_cache_state.clear_pages()
    admin_client.get(TITLES)
    assert page_cache_header(client.get(TITLES)) == "miss"


def test_304_on_a_repeat_visit_with_if_none_match(page_cache, mission, client):
    first = client.get(TITLES)
    etag = first["ETag"]
    for _attempt in range(2):  # From the fresh page's ETag, then from the cached one.
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


def test_a_page_above_the_size_limit_is_served_but_not_stored(page_cache, mission, client):
    page_cache.PAGE_CACHE_MAX_ENTRY_BYTES = 10
    first = client.get(TITLES)
    assert first.status_code == 200 and b"NATO Mission Iraq" in first.content
    assert page_cache_header(first) is None
    assert page_cache_header(client.get(TITLES)) is None


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
    assert 85 <= page_cache_state.page_lifetime() <= 90
    assert page_cache_state.next_scheduled_publication() == soon


def test_the_earliest_future_publication_of_any_content_caps_it_and_drafts_and_past_times_do_not(page_cache, mission):
    now = timezone.now()
    MissionFactory(key="zz-draft", status="draft", published_at=now + datetime.timedelta(seconds=30))
    MissionFactory(key="zz-past", published_at=now - datetime.timedelta(seconds=30))
    MissionFactory(key="zz-later", published_at=now + datetime.timedelta(seconds=200))
    assert page_cache_state.next_scheduled_publication(now) == now + datetime.timedelta(seconds=200)

    CountryFactory(code="ZZ", published_at=now + datetime.timedelta(seconds=120))  # Another model's, sooner.
    assert page_cache_state.next_scheduled_publication(now) == now + datetime.timedelta(seconds=120)


def test_without_scheduled_content_pages_live_page_cache_seconds(page_cache, mission):
    assert page_cache_state.page_lifetime() == 300


def test_a_scheduled_mission_appears_when_its_time_comes_in_every_language(page_cache, mission, client):
    """No job and no save: the cached pages expire at the publication time."""
    moment = timezone.now() + datetime.timedelta(seconds=2)
    MissionFactory(
        key="zz-scheduled", title_en="Scheduled", title_da="Planlagt", title_nb="Planlagt nb", published_at=moment
    )
    fill(client)
    assert b"Planlagt" not in client.get("/da/test-titles/").content
    time.sleep((moment - timezone.now()).total_seconds() + 0.05)
    for path, title in zip(EVERY_LANGUAGE, (b"Planlagt", b"Planlagt nb", b"Scheduled"), strict=True):
        assert title in client.get(path).content


def test_loaddata_empties_the_cache_once_after_it_finishes(
    page_cache, mission, client, tmp_path, emptyings, django_capture_on_commit_callbacks
):
    fixture = tmp_path / "missions.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "coalition.mission",
                    "pk": mission.pk,
                    "fields": {
                        **{
                            field.attname: field.value_from_object(mission)
                            for field in Mission._meta.concrete_fields
                            if not field.primary_key
                        },
                        "title_en": "Loaded",
                        "title_da": "Indlæst",
                        "title_nb": "Lastet",
                    },
                }
            ],
            default=str,
        )
    )
    fill(client)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", str(fixture), verbosity=0)
    assert len(emptyings) == 1
    for path, title in zip(EVERY_LANGUAGE, ("Indlæst", "Lastet", "Loaded"), strict=True):
        assert title.encode() in client.get(path).content


def test_an_unreachable_cache_does_not_break_pages(page_cache, mission, client, django_capture_on_commit_callbacks):
    page_cache.CACHES = {
        **page_cache.CACHES,
        page_cache.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # Nothing listens on the discard port.
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    response = client.get(TITLES)
    assert response.status_code == 200
    assert b"NATO Mission Iraq" in response.content
    assert page_cache_header(response) is None
    # Nor does a content change, whose emptying of the cache fails.
    with django_capture_on_commit_callbacks(execute=True):
        mission.title_en = "Renamed"
        mission.save()
    assert b"Renamed" in client.get(TITLES).content


def test_invalidate_page_cache_command_empties_the_cache(page_cache, mission, client, capsys):
    client.get(TITLES)
    change_without_signals(mission, "Changed by SQL")
    assert page_cache_header(client.get(TITLES)) == "hit"
    call_command("invalidate_page_cache")
    assert "Page cache emptied" in capsys.readouterr().out
    assert b"Changed by SQL" in client.get(TITLES).content


@pytest.mark.django_db
def test_a_save_of_any_content_model_empties_the_cache_and_other_models_do_not(
    page_cache, emptyings, django_capture_on_commit_callbacks
):
    """What empties the cache is the content registry's list (core/registry.py), not a list in perf/: an object of
    every registered model, saved as the admin saves it, empties the cache once its transaction commits."""
    from core import registry

    call_command("loaddata", *sorted(str(path) for path in FIXTURES.glob("*.json")), verbosity=0)
    emptyings.clear()
    for model in registry.models():
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the fixtures hold no {model._meta.label}"
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            obj.save()
        assert len(emptyings) == 1, model
        emptyings.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.create(name="Not content")
    assert emptyings == []
