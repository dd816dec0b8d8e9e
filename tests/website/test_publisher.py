"""Who says this: the publisher from the settings, the About page, and "Published" and "Last updated" with a link
to the change log on every content page (the change log itself: tests/editorial/test_change_log.py)."""

import pytest
from django.test import override_settings
from django.utils import translation

from tests.factories import ContributionFactory, CountryFactory, MandateFactory, MissionFactory, ProgrammeFactory
from tests.helpers import LANGUAGES, url_in

pytestmark = pytest.mark.django_db

ABOUT_PATHS = {"da": "/da/om/", "nb": "/nb/om/", "en": "/en/about/"}


@pytest.fixture
def content_pages(db):
    denmark = CountryFactory(code="DK", is_contributor=True)
    mission = MissionFactory()
    mandate = MandateFactory(country=denmark, missions=[mission])
    return {
        "mission": mission,
        "country": denmark,
        "mandate": mandate,
        "contribution": ContributionFactory(country=denmark, mission=mission, mandate=mandate),
        "programme": ProgrammeFactory(donor=denmark),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_about_page_at_its_translated_address(client, language):
    response = client.get(ABOUT_PATHS[language])

    assert response.status_code == 200
    assert response.context["page_languages"].links[LANGUAGES.index("en")].url == "/en/about/"


def test_without_a_publisher_the_site_says_so_and_names_nobody(client, content_pages):
    about = client.get("/en/about/").content.decode()
    page = client.get(url_in("en", content_pages["mission"])).content.decode()

    assert "No publisher has been named for this site" in about
    assert "errors cannot be reported here" in about
    assert "mailto:" not in about
    assert "No publisher has been named for this site." in page
    assert "From: no publisher has been named for this site" in page


@override_settings(
    PUBLISHER_NAME="Example Research Centre",
    PUBLISHER_EMAIL="editors@isil.example.org",
    PUBLISHER_URL="https://isil.example.org/",
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_publisher_from_settings_in_footer_about_and_every_content_page(client, content_pages, language):
    about = client.get(ABOUT_PATHS[language]).content.decode()
    assert 'href="mailto:editors@isil.example.org"' in about
    assert "Example Research Centre" in about

    for name, obj in content_pages.items():
        with translation.override(language):
            response = client.get(url_in(language, obj))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert html.count('<a href="https://isil.example.org/">Example Research Centre</a>') == 2, name  # Page, footer.
        assert 'href="mailto:editors@isil.example.org"' in html, name
        assert f'href="{ABOUT_PATHS[language]}"' in html, name


@pytest.mark.parametrize("name", ["mission", "country", "mandate", "contribution", "programme"])
def test_content_page_shows_published_and_links_to_its_updates(client, content_pages, name):
    obj = content_pages[name]
    obj.refresh_from_db()
    field = {"country": "name", "mandate": "label"}.get(name, "title")
    setattr(obj, f"{field}_nb", "Endret i en ny versjon")
    obj.save()

    html = client.get(url_in("en", obj)).content.decode()

    assert "<dt>Published</dt>" in html
    assert "<dt>Last updated</dt>" in html
    log_url = f"/en/updates/{name}/{obj.code if name == 'country' else obj.key}/"
    assert f'href="{log_url}">See all updates</a>' in html
    log = client.get(log_url)
    assert log.status_code == 200
    assert f"{type(obj)._meta.get_field(field).verbose_name} (Norwegian)" in log.content.decode()


def test_comparison_and_open_data_in_the_main_navigation(client):
    html = client.get("/en/").content.decode()
    nav = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]

    assert 'href="/en/denmark-and-norway/"' in nav
    assert 'href="/en/open-data/"' in nav
