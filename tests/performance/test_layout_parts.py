"""The parts of the layout kept per process (core/templatetags/public.py: layout_part; core/context_processors.py:
path_urls): the same markup as rendering them, per language and section, and nothing kept while DEBUG is on."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.context_processors import _path_urls, path_urls
from core.templatetags import public

pytestmark = pytest.mark.django_db

NAV = "includes/_main_nav.html"


@pytest.fixture(autouse=True)
def empty_parts():
    public._layout_parts.clear()
    _path_urls.cache_clear()


def test_a_part_is_rendered_once_per_language_and_variables(settings):
    settings.DEBUG = False
    with translation.override("en"):
        first = public.layout_part(NAV, section="missions")
        again = public.layout_part(NAV, section="missions")
        other_section = public.layout_part(NAV, section="countries")
    with translation.override("da"):
        danish = public.layout_part(NAV, section="missions")
    assert first == again
    assert len(public._layout_parts) == 3
    with translation.override("en"):
        missions = reverse("coalition:mission_list")
    assert f'<a href="{missions}" aria-current="true">Missions</a>' in first
    assert f'<a href="{missions}">Missions</a>' in other_section
    assert "Missioner" in danish and "Missions<" not in danish


def test_nothing_is_kept_while_debug_is_on(settings):
    settings.DEBUG = True
    with translation.override("en"):
        public.layout_part(NAV, section="missions")
    assert public._layout_parts == {}


def test_a_settings_change_forgets_the_kept_parts(settings):
    settings.DEBUG = False
    with translation.override("en"):
        public.layout_part(NAV, section="missions")
    settings.LANGUAGE_CODE = "en"  # Any change of settings, as a test or a reload makes.
    assert public._layout_parts == {}


@pytest.mark.parametrize("section", ["missions", "countries", "mandates", "contributions", "programmes"])
def test_each_section_page_marks_its_own_entry(client, section):
    names = {
        "missions": "coalition:mission_list",
        "countries": "coalition:country_list",
        "mandates": "contributions:mandate_list",
        "contributions": "contributions:contribution_list",
        "programmes": "programmes:programme_list",
    }
    with translation.override("en"):
        urls = {name: reverse(url_name) for name, url_name in names.items()}
    for _visit in range(2):  # The second time from the kept part.
        html = client.get(urls[section]).content.decode()
        assert html.count('aria-current="true"') == 1
        assert f'<a href="{urls[section]}" aria-current="true">' in html


def test_path_urls_are_kept_per_active_language_and_handed_out_as_copies():
    with translation.override("en"):
        path = reverse("coalition:mission_list")
        english = path_urls(path)
    with translation.override("da"):
        danish = path_urls(path)
        danish_path = reverse("coalition:mission_list")
    assert english["en"] == path
    assert english["da"] == danish_path
    assert danish != english, "the answer depends on the active language, so it is kept per language"
    english["en"] = "/changed/"
    with translation.override("en"):
        assert path_urls(path)["en"] == path
