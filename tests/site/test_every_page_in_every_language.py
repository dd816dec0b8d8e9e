"""Every public page type in every language: status, language, title, content, one h1, hreflang and canonical
links, and the language switcher leading to the same page in the other languages."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.helpers import LANGUAGES, parse, url_in

TITLE_SEPARATOR = " \N{EN DASH} "  # Between a page's own title and the site's name.

pytestmark = pytest.mark.django_db


def visible_text(response):
    """The page's HTML as it reads: without the soft hyphens in long words of titles (core/hyphenation.py)."""
    return response.content.decode().replace("\N{SOFT HYPHEN}", "")


def text(obj, field, language):
    return getattr(obj, f"{field}_{language}")


def titled(label_msgid):
    """The title of a list page: its translated label and the site's name."""

    def title(site, language):
        with translation.override(language):
            return f"{gettext(label_msgid)}{TITLE_SEPARATOR}{settings.SITE_NAME}"

    return title


def object_title(attribute, field):
    def title(site, language):
        with translation.override(language):
            return f"{text(getattr(site, attribute), field, language)}{TITLE_SEPARATOR}{settings.SITE_NAME}"

    return title


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable
    title: Callable
    content: Callable

    def __str__(self):
        return self.name


PAGE_TYPES = [
    PageType(
        "home",
        lambda site, lang: url_in(lang, "website:home"),
        lambda site, lang: str(settings.SITE_NAME),  # Called in the page's language.
        lambda site, lang: [
            text(site.mission, "title", lang),
            text(site.dk_mandate, "label", lang),
            text(site.programme, "title", lang),
            text(site.members, "value", lang),
        ],
    ),
    PageType(
        "mission_list",
        lambda site, lang: url_in(lang, "coalition:mission_list"),
        titled("Missions"),
        lambda site, lang: [text(site.mission, "title", lang), text(site.oir, "title", lang)],
    ),
    PageType(
        "mission_detail",
        lambda site, lang: url_in(lang, site.mission),
        object_title("mission", "title"),
        lambda site, lang: [
            text(site.mission, "summary", lang),
            text(site.dk_contribution, "title", lang),
            text(site.dk_mandate, "label", lang),
            text(site.iraq, "name", lang),
            text(site.oir, "title", lang),
        ],
    ),
    PageType(
        "country_list",
        lambda site, lang: url_in(lang, "website:country_list"),
        titled("Countries"),
        lambda site, lang: [text(site.denmark, "name", lang), text(site.norway, "name", lang)],
    ),
    PageType(
        "country_detail",
        lambda site, lang: url_in(lang, site.norway),
        object_title("norway", "name"),
        lambda site, lang: [
            text(site.no_contribution, "title", lang),
            text(site.no_mandate, "label", lang),
            text(site.oir, "title", lang),
        ],
    ),
    PageType(
        "mandate_list",
        lambda site, lang: url_in(lang, "contributions:mandate_list"),
        titled("Mandates"),
        lambda site, lang: [text(site.dk_mandate, "label", lang), text(site.no_mandate, "label", lang)],
    ),
    PageType(
        "mandate_detail",
        lambda site, lang: url_in(lang, site.dk_mandate),
        object_title("dk_mandate", "label"),
        lambda site, lang: [
            text(site.dk_mandate, "summary", lang),
            text(site.dk_contribution, "title", lang),
            text(site.mission, "title", lang),
            site.dk_mandate.reference,
        ],
    ),
    PageType(
        "contribution_list",
        lambda site, lang: url_in(lang, "contributions:contribution_list"),
        titled("Contributions"),
        lambda site, lang: [text(site.dk_contribution, "title", lang), text(site.no_contribution, "title", lang)],
    ),
    PageType(
        "contribution_detail",
        lambda site, lang: url_in(lang, site.no_contribution),
        object_title("no_contribution", "title"),
        lambda site, lang: [
            text(site.no_contribution, "description", lang),
            text(site.norway, "name", lang),
            text(site.oir, "title", lang),
            text(site.no_mandate, "label", lang),
        ],
    ),
    PageType(
        "programme_list",
        lambda site, lang: url_in(lang, "programmes:programme_list"),
        titled("Stabilisation programmes"),
        lambda site, lang: [text(site.programme, "title", lang)],
    ),
    PageType(
        "programme_detail",
        lambda site, lang: url_in(lang, site.programme),
        object_title("programme", "title"),
        lambda site, lang: [
            text(site.programme, "summary", lang),
            *(text(theme, "title", lang) for theme in site.programme.themes.all()),
            text(site.denmark, "name", lang),
        ],
    ),
    PageType(
        "accessibility_statement",
        lambda site, lang: url_in(lang, "pages:accessibility"),
        object_title("accessibility", "title"),
        lambda site, lang: [text(site.accessibility, "summary", lang)],
    ),
    PageType(
        "privacy_statement",
        lambda site, lang: url_in(lang, "pages:privacy"),
        object_title("privacy", "title"),
        lambda site, lang: [text(site.privacy, "summary", lang)],
    ),
    PageType(
        "glossary",
        lambda site, lang: url_in(lang, "pages:glossary"),
        titled("Glossary"),
        lambda site, lang: [text(site.term, "term", lang), text(site.term, "definition", lang)],
    ),
]

DRAFT_TITLES = [
    "Draft mission (never shown)",
    "Draft contribution",
    "Draft mandate",
    "Draft programme",
    "Draft country",
    "Of a draft country",
    "For a draft mission",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_TYPES, ids=str)
def test_page_in_every_language(client, site, page, language):
    url = page.url(site, language)
    response = client.get(url)

    assert response.status_code == 200
    parsed = parse(response)
    assert parsed.html_lang == language
    with translation.override(language):
        assert parsed.title == page.title(site, language)
    html = visible_text(response)
    for expected in page.content(site, language):
        assert escape(expected) in html, expected
    for draft in DRAFT_TITLES:
        assert draft not in html
    assert parsed.h1_count == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_TYPES, ids=str)
def test_hreflang_and_canonical_links(client, site, page, language):
    url = page.url(site, language)
    parsed = parse(client.get(url))

    assert parsed.alternates == {
        "da": f"http://testserver{page.url(site, 'da')}",
        "nb": f"http://testserver{page.url(site, 'nb')}",
        "en": f"http://testserver{page.url(site, 'en')}",
        "x-default": f"http://testserver{page.url(site, 'en')}",
    }
    assert parsed.canonical == f"http://testserver{url}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGE_TYPES, ids=str)
def test_language_switcher_leads_to_the_same_page(client, site, page, language):
    parsed = parse(client.get(page.url(site, language)))

    assert set(parsed.switcher) == set(LANGUAGES)
    for code, href in parsed.switcher.items():
        response = client.get(href)
        assert response.status_code == 200, href
        target = parse(response)
        assert target.html_lang == code
        assert target.canonical == parsed.alternates[code]
        # The same object: its page in that language lists the same addresses in every language.
        assert target.alternates == parsed.alternates
        for expected in page.content(site, code):
            assert escape(expected) in visible_text(response)


def result_count(html):
    """The number in a list's "N contributions found." status line."""
    status = html.split('<p role="status">', 1)[1].split("</p>", 1)[0]
    return int("".join(character for character in status if character.isdigit()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_keeps_the_filters_and_the_page(client, site, language):
    url = url_in(language, "contributions:contribution_list")
    response = client.get(f"{url}?country=NO&q=&utm_source=newsletter&page=1")
    html, parsed = response.content.decode(), parse(response)

    for code in LANGUAGES:
        # Filters and page kept, empty and unknown parameters dropped; the canonical address has none of them.
        assert parsed.switcher[code] == f"{url_in(code, 'contributions:contribution_list')}?country=NO&page=1"
        other = client.get(parsed.switcher[code]).content.decode()
        assert result_count(other) == result_count(html) == 1
    assert "?" not in parsed.canonical and not any("?" in href for href in parsed.alternates.values())


def test_language_switcher_keeps_the_search_words(client, site):
    parsed = parse(client.get(url_in("da", "discovery:search") + "?q=Anbar+trainers&type=contribution"))

    assert parsed.switcher["nb"] == url_in("nb", "discovery:search") + "?q=Anbar+trainers&type=contribution"


def test_language_switcher_on_a_page_without_a_query_adds_none(client, site):
    parsed = parse(client.get(url_in("en", site.mission) + "?utm_source=x"))

    assert parsed.switcher == {code: url_in(code, site.mission) for code in LANGUAGES}


def test_language_switcher_marks_the_current_language(client, site):
    html = client.get(url_in("nb", site.mission)).content.decode()

    assert f'href="{url_in("nb", site.mission)}" hreflang="nb" lang="nb" aria-current="page"' in html
    assert f'href="{url_in("da", site.mission)}" hreflang="da" lang="da">' in html


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("da-DK,da;q=0.9,en;q=0.5", "/da/"), ("nb-NO,nb;q=0.9", "/nb/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/en/")],
)
def test_root_redirects_by_browser_language(client, db, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_translated_path_segments(client, site):
    assert client.get("/da/missioner/").status_code == 200
    assert client.get("/nb/oppdrag/").status_code == 200
    assert client.get("/en/missions/").status_code == 200
    assert url_in("da", "contributions:contribution_list") == "/da/bidrag/"
    assert url_in("nb", "website:country_list") == "/nb/land/"
    assert client.get("/da/missions/").status_code == 404
