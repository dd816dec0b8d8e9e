"""Site search: full-text search with each language's stemming on PostgreSQL, ranked and highlighted; a
substring match elsewhere; only published objects; staff-entered text escaped around the highlights; empty, too
long and malformed queries answered with a helpful page; a fixed number of queries."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from discovery.search import START, STOP, marked_html, websearch_text
from tests.discovery.conftest import DRAFT_MARKERS, postgres_only, url_in
from tests.factories import ContributionFactory, MandateFactory, MissionFactory

pytestmark = pytest.mark.django_db


def search(client, language="en", **params):
    response = client.get(url_in(language, "discovery:search"), params)
    assert response.status_code == 200
    return response, response.content.decode()


def object_url(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


def results_list(html):
    """The HTML of the list of results (empty when there is none)."""
    if 'class="search-results"' not in html:
        return ""
    return html.split('class="search-results"', 1)[1].split("</ol>", 1)[0]


def result_links(html):
    """The result titles' links, in order."""
    return re.findall(r'class="search-result__title"><a href="([^"]+)"', html)


def test_search_page_is_linked_from_every_page_with_a_labelled_field(client, scene):
    html = client.get(url_in("nb", "website:home")).content.decode()

    assert f'action="{url_in("nb", "discovery:search")}"' in html
    assert 'role="search"' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'id="site-search-q" name="q"' in html


def test_finds_published_objects_of_each_kind(client, scene):
    _response, html = search(client, q="Anbar")
    assert result_links(html) == [object_url("en", scene.no_contribution)]

    _response, html = search(client, q="Operation Inherent Resolve")
    assert scene.oir.get_absolute_url() in result_links(html)

    _response, html = search(client, q="Government decision")
    assert scene.no_mandate.get_absolute_url() in result_links(html)

    _response, html = search(client, q=scene.programme.title_en)
    assert scene.programme.get_absolute_url() in result_links(html)


@pytest.mark.parametrize("query", ["Draft", "draft", "never shown", "Of a draft country", "For a draft mission"])
def test_drafts_and_the_contributions_of_drafts_are_never_found(client, scene, query):
    _response, html = search(client, q=query)

    results = results_list(html)
    for marker in DRAFT_MARKERS:
        assert marker not in results


def test_results_can_be_narrowed_to_one_kind(client, scene):
    _response, html = search(client, q="Anbar", type="mandate")
    assert result_links(html) == []

    _response, html = search(client, q="Anbar", type="contribution")
    assert len(result_links(html)) == 1


def test_matches_are_highlighted(client, scene):
    _response, html = search(client, q="Anbar")

    assert "<mark>Anbar</mark>" in html


def test_staff_entered_markup_is_escaped_around_the_highlights(client, scene):
    ContributionFactory(
        country=scene.denmark,
        mission=scene.oir,
        title_en='<script>alert("x")</script> Zanzibarian <b>bold</b>',
        description_en=f'<img src=x onerror=alert(1)> Zanzibarian {START}<i>{STOP} </mark> "quoted" & more',
    )

    _response, html = search(client, q="Zanzibarian")

    results = results_list(html)
    assert "<script>" not in results and "<img" not in results and "<b>" not in results and "<i>" not in results
    assert escape('<script>alert("x")</script>') in results
    assert "<mark>Zanzibarian</mark>" in results
    assert results.count("<mark>") == results.count("</mark>")
    assert START not in results and STOP not in results


@pytest.mark.parametrize(
    ("marked", "html"),
    [
        (f"{START}ISIL{STOP} & <script>", "<mark>ISIL</mark> &amp; &lt;script&gt;"),
        (f"{START}{START}a{STOP}{STOP}", "<mark>a</mark>"),
        (f"stray {STOP} marks {START}", "stray  marks "),
        (None, ""),
    ],
)
def test_marked_html_only_ever_adds_balanced_mark_elements(marked, html):
    assert marked_html(marked) == html


def test_empty_query_gets_advice_and_runs_no_query(client, scene, django_assert_num_queries):
    with django_assert_num_queries(0):
        _response, html = search(client, q="   ")

    assert "Type one or more words" in html
    assert 'href="/en/missions/"' in html  # Ways to browse instead.
    assert 'id="results-heading"' not in html


def test_overlong_query_gets_the_form_with_a_message(client, scene, django_assert_num_queries):
    with django_assert_num_queries(0):
        _response, html = search(client, q="bidrag " * 40)

    assert "Use at most 200 characters" in html
    assert "This search could not be run" in html


def test_malformed_query_gets_the_form_with_a_message(client, scene):
    _response, html = search(client, q="bidrag", type="secrets")

    assert "This search could not be run" in html


def test_nul_in_the_query_gets_the_bad_request_page(client, scene):
    """As for every parameter of every address (core.middleware.RejectNulMiddleware)."""
    response = client.get(url_in("da", "discovery:search"), {"q": "a\x00b"})

    assert response.status_code == 400
    assert '<html lang="da">' in response.content.decode()


def test_no_results_gets_advice(client, scene):
    _response, html = search(client, q="xylophone")

    assert "0 results for “xylophone”" in html
    assert "Nothing published matches this search." in html


def test_search_page_has_one_h1_and_is_not_indexed(client, scene):
    _response, html = search(client, q="Anbar")

    assert html.count("<h1") == 1
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_search_page_in_every_language(client, scene, language):
    _response, html = search(client, language=language, q="Anbar")

    assert f'<html lang="{language}">' in html
    assert result_links(html) == [object_url(language, scene.no_contribution)]


@pytest.mark.fuzz
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=220), kind=st.sampled_from(["", "mission", "contribution", "x"]))
def test_no_query_gives_a_server_error(client, scene, query, kind):
    response = client.get(url_in("en", "discovery:search"), {"q": query, "type": kind})
    assert response.status_code == (400 if "\x00" in query else 200)  # NUL: core.middleware.RejectNulMiddleware


@pytest.mark.parametrize(("params", "queries"), [({"q": "Anbar"}, 4), ({"q": "Anbar", "type": "mission"}, 1)])
@pytest.mark.parametrize("size", [0, 6])
def test_search_runs_one_query_per_kind_searched(client, scene, django_assert_num_queries, params, queries, size):
    for index in range(size):
        ContributionFactory(country=scene.norway, mission=scene.oir, title_en=f"Anbar team {index}")
        MandateFactory(country=scene.norway, reference=f"A {index}", label_en=f"Anbar decision {index}")
        MissionFactory(title_en=f"Anbar mission {index}")

    with django_assert_num_queries(queries):
        search(client, **params)


def test_results_are_paginated(client, scene):
    for index in range(25):
        ContributionFactory(country=scene.norway, mission=scene.oir, title_en=f"Quokka team {index}")

    _response, first = search(client, q="Quokka")
    _response, second = search(client, q="Quokka", page="2")

    assert len(result_links(first)) == 20
    assert len(result_links(second)) == 5
    assert not set(result_links(first)) & set(result_links(second))
    assert "25 results" in first


# -- Operators: what the form promises works, anything else is not an error ----------------------------------------


@pytest.mark.parametrize("language", ["da", "nb", "en"])
@pytest.mark.parametrize(
    "query",
    [
        "-" * 33,  # PostgreSQL: "tsquery stack too small" from websearch_to_tsquery, a 500 before.
        "iraq " + "- " * 40,
        "- ! " * 40,
        '"-" ' * 40,
        "!(" * 60,
        "or " * 60,
        "-" * 200,
    ],
)
def test_runs_of_operators_give_a_page_never_an_error(client, scene, language, query):
    _response, html = search(client, language=language, q=query)
    assert 'class="search-results"' not in html or result_links(html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"medical team" -radar or trainers', '"medical team" -radar or trainers'),
        ("F-16 un.org 1.5", "F-16 un.org 1.5"),
        ("iraq - - - - -", "iraq"),
        ("--radar !anbar (x)", "-radar anbar x"),
        ("or or anbar or or", "anbar"),
        ('-"  " "unclosed phrase', '"unclosed phrase"'),
        ("- ! " * 40, ""),
    ],
)
def test_websearch_text_keeps_words_phrases_or_and_minus_only(query, expected):
    assert websearch_text(query) == expected


@postgres_only
def test_minus_and_or_still_work_after_cleaning(client, scene):
    _response, html = search(client, q="Anbar")
    assert result_links(html) == [object_url("en", scene.no_contribution)]
    _response, html = search(client, q="Anbar ---trainers")
    assert result_links(html) == []
    _response, html = search(client, q="Anbar or - - - radar")
    assert object_url("en", scene.no_contribution) in result_links(html)


# -- PostgreSQL full-text search ----------------------------------------------------------------------------------


@postgres_only
@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("da", "bidraget"),  # Danish stemming: the definite form finds "bidrag"…
        ("da", "bidragene"),  # …and so does the plural.
        ("nb", "bidraget"),  # Norwegian stemming.
        ("nb", "bidrag"),
        ("en", "contributions"),  # English stemming: the plural finds "contribution".
    ],
)
def test_stemming_in_each_language(client, scene, language, query):
    found = ContributionFactory(
        key="stemmed",
        country=scene.denmark,
        mission=scene.oir,
        title_da="Sanitetshold",
        title_nb="Sanitetslag",
        title_en="Medical team",
        description_da="Et dansk bidrag til koalitionen.",
        description_nb="Et norsk bidrag til koalisjonen.",
        description_en="A contribution to the coalition.",
    )

    _response, html = search(client, language=language, q=query, type="contribution")

    assert object_url(language, found) in result_links(html)
    assert "<mark>" in results_list(html)


@postgres_only
def test_searches_the_active_languages_text(client, scene):
    ContributionFactory(
        key="language-check",
        country=scene.denmark,
        mission=scene.oir,
        title_da="Feltlazaret",
        title_nb="Feltsykehus",
        title_en="Field hospital",
        description_da="Dansk tekst.",
        description_nb="Norsk tekst.",
        description_en="English text.",
    )

    assert len(result_links(search(client, language="da", q="feltlazaret")[1])) == 1
    assert result_links(search(client, language="en", q="feltlazaret")[1]) == []
    assert len(result_links(search(client, language="en", q="hospitals")[1])) == 1


@postgres_only
def test_text_missing_in_the_active_language_is_searched_in_its_fallback(client, scene):
    ContributionFactory(
        key="fallback-check",
        country=scene.denmark,
        mission=scene.oir,
        title_da="Minerydning",
        title_nb="",
        title_en="",
        description_da="Rydning af miner.",
        description_nb="",
        description_en="",
    )

    _response, html = search(client, language="nb", q="minerydning")

    assert len(result_links(html)) == 1
    assert 'lang="da"' in html.split('class="search-result__title"')[1]  # The Danish title is marked as Danish.


@postgres_only
def test_title_matches_rank_above_body_matches(client, scene):
    body_match = ContributionFactory(
        key="body-match",
        country=scene.denmark,
        mission=scene.oir,
        title_en="Transport aircraft",
        description_en="Flights carrying a surgical team.",
    )
    title_match = ContributionFactory(
        key="title-match",
        country=scene.denmark,
        mission=scene.oir,
        title_en="Surgical team",
        description_en="A team at the air base.",
    )

    _response, html = search(client, q="surgical")

    links = result_links(html)
    assert links.index(title_match.get_absolute_url()) < links.index(body_match.get_absolute_url())


@postgres_only
@pytest.mark.parametrize("query", ['"unclosed', "a & | ! b", "-", "(((", "og", "!!!", "'; DROP TABLE x; --", "\\"])
def test_unusual_syntax_never_fails(client, scene, query):
    response, _html = search(client, language="da", q=query)
    assert response.status_code == 200
