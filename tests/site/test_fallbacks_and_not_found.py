"""Missing translations, slugs from another language, unknown addresses, drafts, and the 404 and 500 pages."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import (
    ContributionFactory,
    CountryFactory,
    MandateFactory,
    MissionFactory,
    ProgrammeFactory,
)
from tests.helpers import LANGUAGES, parse, url_in
from website.views import HomeView

pytestmark = pytest.mark.django_db


def test_missing_english_title_falls_back_to_danish_with_a_note(client, denmark):
    mission = MissionFactory(title_da="Kun på dansk", title_nb="", title_en="", summary_en="")

    url = url_in("en", mission)
    assert url == f"/en/missions/{mission.slug_da}/"  # No English slug: the Danish one, not a 404.
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<span lang="da">Kun på dansk</span>' in html
    assert "Not available in English; shown in Danish." in html
    assert '<div lang="da" class="fallback-text"><p>Resumé på dansk.</p></div>' in html
    assert parse(response).html_lang == "en"


def test_missing_norwegian_text_falls_back_to_danish_first(client):
    mission = MissionFactory(title_da="Dansk titel", title_nb="", title_en="English title")

    response = client.get(url_in("nb", mission))

    assert response.status_code == 200
    assert '<span lang="da">Dansk titel</span>' in response.content.decode()
    assert "English title" not in response.content.decode().split("<main")[1]


def test_no_note_when_the_language_has_text(client):
    mission = MissionFactory()

    html = client.get(url_in("en", mission)).content.decode()

    assert "fallback-note" not in html
    assert "fallback-text" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_slug_from_another_language_redirects_to_this_languages_address(client, published_mission, language):
    other = "en" if language != "en" else "da"
    foreign_slug = getattr(published_mission, f"slug_{other}")
    with translation.override(language):
        prefix = url_in(language, "coalition:mission_list")

    response = client.get(f"{prefix}{foreign_slug}/")

    assert response.status_code == 301
    assert response["Location"] == url_in(language, published_mission)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "url_name",
    [
        "coalition:mission_detail",
        "website:country_detail",
        "contributions:mandate_detail",
        "contributions:contribution_detail",
        "programmes:programme_detail",
    ],
)
def test_unknown_slug_gives_a_localized_404(client, db, url_name, language):
    response = client.get(url_in(language, url_name, slug="no-such-thing"))

    assert response.status_code == 404
    parsed = parse(response)
    assert parsed.html_lang == language
    with translation.override(language):
        assert parsed.title.startswith(gettext("Page not found"))
        assert escape(gettext("Go to the front page")) in response.content.decode()
    assert parsed.h1_count == 1
    # The language switcher leads to each language's home page, not to other missing pages.
    assert parsed.switcher == {code: url_in(code, "website:home") for code in LANGUAGES}
    assert 'content="noindex"' in response.content.decode()


def test_unknown_path_gives_a_404_in_the_prefix_language(client, db):
    response = client.get("/nb/no/such/page/")

    assert response.status_code == 404
    assert parse(response).html_lang == "nb"


def drafts_and_their_dependants(denmark, published_mission):
    draft_country = CountryFactory(code="SE", status="draft")
    draft_mission = MissionFactory(status="draft")
    return [
        MissionFactory(status="draft"),
        draft_country,
        MandateFactory(status="draft", country=denmark),
        MandateFactory(country=draft_country),  # Published, but its country is not.
        ContributionFactory(status="draft", country=denmark, mission=published_mission),
        ContributionFactory(country=draft_country, mission=published_mission),
        ContributionFactory(country=denmark, mission=draft_mission),
        ProgrammeFactory(status="draft", donor=denmark),
        ProgrammeFactory(donor=draft_country),
        CountryFactory(code="IQ", is_contributor=False),  # Published, but host countries have no page.
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_drafts_and_objects_of_drafts_give_404(client, denmark, published_mission, language):
    for obj in drafts_and_their_dependants(denmark, published_mission):
        response = client.get(url_in(language, obj))
        assert response.status_code == 404, obj
        assert parse(response).html_lang == language


def test_scheduled_object_is_not_shown_before_its_time(client, denmark):
    mission = MissionFactory(published_at=timezone.now() + timedelta(days=1))

    assert client.get(url_in("en", mission)).status_code == 404
    assert mission.title_en not in client.get(url_in("en", "coalition:mission_list")).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_page_renders_without_a_request(language):
    with translation.override(language):
        html = render_to_string("500.html")
        assert f'<html lang="{language}">' in html
        assert escape(gettext("Server error")) in html
        assert "<h1>" in html


def test_server_error_shows_the_500_page_in_the_visitors_language(db, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client = Client(raise_request_exception=False)

    response = client.get("/da/")

    assert response.status_code == 500
    assert parse(response).html_lang == "da"
    with translation.override("da"):
        assert escape(gettext("Server error")) in response.content.decode()
