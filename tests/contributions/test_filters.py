"""The filtered lists of contributions and mandates: what each filter includes and excludes, filters kept
across pages and shown as removable choices, and bad input that never gives a server error."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contributions.filters import ContributionFilter, MandateFilter
from core.filters import form_fields
from tests.factories import ContributionFactory
from tests.helpers import LANGUAGES, parse, url_in

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = url_in("en", "contributions:contribution_list")
MANDATES = url_in("en", "contributions:mandate_list")


def shown(client, url, params):
    """The titles of the result cards on the page."""
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('id="results-heading"', 1)[1]
    return response, set(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', results))


@pytest.mark.parametrize(
    ("params", "included", "excluded"),
    [
        ({}, {"dk_contribution", "no_contribution"}, set()),
        ({"country": "DK"}, {"dk_contribution"}, {"no_contribution"}),
        ({"country": "NO"}, {"no_contribution"}, {"dk_contribution"}),
        ({"mission": "oir"}, {"no_contribution"}, {"dk_contribution"}),
        ({"mission": "nmi"}, {"dk_contribution"}, {"no_contribution"}),
        ({"kind": "trainers"}, {"no_contribution"}, {"dk_contribution"}),
        ({"mandate": "dk-b-159-2020"}, {"dk_contribution"}, {"no_contribution"}),
        ({"year": "2017"}, {"no_contribution"}, {"dk_contribution"}),
        ({"year": "2019"}, {"dk_contribution", "no_contribution"}, set()),
        ({"q": "Anbar"}, {"no_contribution"}, {"dk_contribution"}),
        ({"q": "norske instruktører"}, {"no_contribution"}, {"dk_contribution"}),  # Danish text, English page.
        ({"country": "NO", "year": "2019"}, {"no_contribution"}, {"dk_contribution"}),
        ({"country": "DK", "mission": "oir"}, set(), {"dk_contribution", "no_contribution"}),
    ],
)
def test_contribution_filters(client, site, params, included, excluded):
    _response, titles = shown(client, CONTRIBUTIONS, params)

    assert {getattr(site, name).title_en for name in included} <= titles
    assert not {getattr(site, name).title_en for name in excluded} & titles
    assert not any("draft" in title.lower() for title in titles)


@pytest.mark.parametrize(
    ("params", "included", "excluded"),
    [
        ({}, {"dk_mandate", "no_mandate"}, set()),
        ({"country": "NO"}, {"no_mandate"}, {"dk_mandate"}),
        ({"kind": "no-government"}, {"no_mandate"}, {"dk_mandate"}),
        ({"kind": "dk-parliament"}, {"dk_mandate"}, {"no_mandate"}),
        ({"year": "2019"}, {"no_mandate"}, {"dk_mandate"}),
        ({"year": "2020"}, {"dk_mandate"}, {"no_mandate"}),
    ],
)
def test_mandate_filters(client, site, params, included, excluded):
    _response, titles = shown(client, MANDATES, params)

    assert {getattr(site, name).label_en for name in included} <= titles
    assert not {getattr(site, name).label_en for name in excluded} & titles
    assert "Draft mandate" not in titles


def test_mandates_are_listed_in_the_order_they_were_decided(client, site):
    html = client.get(MANDATES).content.decode()

    assert html.index(site.no_mandate.label_en) < html.index(site.dk_mandate.label_en)  # 2019 before 2020


def test_choices_offer_only_published_objects(client, site):
    html = client.get(CONTRIBUTIONS).content.decode()

    assert '<option value="DK">' in html
    assert '<option value="SE">' not in html  # A draft country.
    assert '<option value="IQ">' not in html  # A host country, not a contributor.
    assert '<option value="oir">' in html
    assert '<option value="draft-mission">' not in html
    assert '<option value="draft-mandate">' not in html
    assert '<option value="2017">2017</option>' in html


def test_filter_controls_are_labelled(client, site):
    html = client.get(CONTRIBUTIONS).content.decode()

    for name in ["country", "mission", "kind", "mandate", "year", "q"]:
        assert f'<label for="id_{name}">' in html
        assert f'id="id_{name}"' in html


def test_filters_are_kept_across_pages(client, site):
    for number in range(25):
        ContributionFactory(key=f"dk-extra-{number}", country=site.denmark, mission=site.mission)

    response = client.get(CONTRIBUTIONS, {"country": "DK"})
    html = response.content.decode()

    assert 'href="?country=DK&amp;page=2"' in html
    assert '<nav class="pagination" aria-label="' in html
    _response, titles = shown(client, CONTRIBUTIONS, {"country": "DK", "page": "2"})
    assert titles
    assert site.no_contribution.title_en not in titles


def test_active_filters_are_shown_with_links_that_remove_them(client, site):
    response = client.get(CONTRIBUTIONS, {"country": "NO", "year": "2019", "page": "1"})
    html = response.content.decode()
    section = html.split('class="active-filters"', 1)[1].split("</section>", 1)[0]

    assert 'href="?year=2019"' in section  # Removes the country, back to page 1.
    assert 'href="?country=NO"' in section  # Removes the year.
    assert escape(site.norway.name_en) in section
    assert "2019" in section


def test_an_empty_result_says_which_filter_to_remove_and_offers_no_download(client, site):
    words = site.dk_contribution.title_en
    response, titles = shown(client, CONTRIBUTIONS, {"country": "NO", "q": words, "page": "1"})
    html = response.content.decode()
    empty = html.split('class="no-results"', 1)[1].split("</div>", 1)[0]
    removals = dict(re.findall(r'<li><a href="([^"]*)">([^<]*)</a>', empty))

    assert titles == set()
    # Each filter in use with a link that removes it and the number of results without it; then all of them.
    query = escape(client.get(CONTRIBUTIONS, {"q": words}).wsgi_request.GET.urlencode())
    norway, text = f"Remove “Country: {site.norway.name_en}”", f"Remove “Text: {words}”"
    assert removals == {f"?{query}": escape(norway), "?country=NO": escape(text), CONTRIBUTIONS: "Remove all filters"}
    assert f"{escape(norway)}</a> (1 result)" in empty
    assert f"{escape(text)}</a> (1 result)" in empty
    assert shown(client, CONTRIBUTIONS, {"q": words})[1] == {site.dk_contribution.title_en}
    # No download of an empty file, neither as a link nor in the head.
    assert "downloads-heading" not in html
    assert 'type="text/csv"' not in html


def test_an_empty_result_with_one_filter_offers_its_removal(client, site):
    response = client.get(MANDATES, {"kind": "other"})
    html = response.content.decode()
    assert 'class="no-results"' in html, "the scenario has a mandate of the kind 'other'"
    empty = html.split('class="no-results"', 1)[1].split("</div>", 1)[0]

    assert re.findall(r'<li><a href="([^"]*)">', empty) == [MANDATES]  # The filter's removal: the whole list.
    assert "Remove all filters" not in empty


def test_a_list_with_nothing_published_says_so(client, db):
    html = client.get(CONTRIBUTIONS).content.decode()

    assert "No contributions have been published yet." in html
    assert "downloads-heading" not in html


def test_a_list_with_results_offers_its_download(client, site):
    html = client.get(CONTRIBUTIONS, {"country": "NO"}).content.decode()

    assert "no-results" not in html
    assert "downloads-heading" in html


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (CONTRIBUTIONS, {"country": "ZZ"}),
        (CONTRIBUTIONS, {"country": "1"}),
        (CONTRIBUTIONS, {"mission": "no-such-mission"}),
        (CONTRIBUTIONS, {"kind": "x" * 300}),
        (CONTRIBUTIONS, {"mandate": "draft-mandate"}),
        (CONTRIBUTIONS, {"year": "1800"}),
        (CONTRIBUTIONS, {"year": "twenty"}),
        (CONTRIBUTIONS, {"year": "99999999999999999999999"}),
        # A NUL character gets the 400 page before any filter runs (tests/core/test_nul_characters.py).
        (CONTRIBUTIONS, {"q": "x" * 101}),
        (MANDATES, {"kind": "treaty"}),
        (MANDATES, {"year": "-1"}),
        (MANDATES, {"country": "SE"}),  # A draft country.
    ],
)
def test_invalid_filter_values_give_the_page_with_a_form_error(client, site, url, params):
    response, titles = shown(client, url, params)

    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert 'aria-invalid="true"' in html
    assert titles == set()  # No results while the filters are wrong.
    assert parse(response).html_lang == "en"
    # The wrong value is listed among the active filters so it can be removed.
    assert 'class="active-filters"' in html


@pytest.mark.parametrize("page", ["abc", "0", "-3", "999", "1.5", "last", ""])
def test_malformed_page_numbers_show_a_page(client, site, page):
    _response, titles = shown(client, CONTRIBUTIONS, {"page": page})

    assert site.dk_contribution.title_en in titles


def test_unknown_parameters_are_ignored(client, site):
    _response, titles = shown(client, CONTRIBUTIONS, {"colour": "blue", "country": "DK"})

    assert titles == {site.dk_contribution.title_en}


PARAMETERS = ["country", "mission", "kind", "mandate", "year", "q", "page"]


@pytest.mark.fuzz
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=40), max_size=4))
def test_arbitrary_query_strings_never_give_a_server_error(client, site, params):
    for url in (CONTRIBUTIONS, MANDATES):
        response = client.get(url, params)
        assert response.status_code in {200, 400}


FORM_DATA = [
    None,  # No filter given.
    {"country": "NO", "year": "2017", "q": "Anbar"},
    {"country": "xx", "mission": "nmi", "kind": "no-such-kind", "year": "1800", "mandate": "?", "q": "x" * 101},
    {"country": "DK", "kind": "parliamentary-resolution", "year": "2016"},
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("data", FORM_DATA)
@pytest.mark.parametrize("filterset_class", [ContributionFilter, MandateFilter])
def test_the_filter_form_is_written_as_django_writes_its_fields(content, rf, filterset_class, data, language):
    """includes/_filter_form.html, from core.filters.form_fields, gives the markup of Django's own form templates
    (labels, help texts, errors, aria attributes, options and the selected one) apart from white space, in every
    language, with the real content's choices."""
    translation.activate(language)
    queryset = filterset_class._meta.model.objects.published()
    filterset = filterset_class(data, queryset=queryset)
    filterset.is_valid()
    django_fields = "".join(
        f'<div class="field{" field--error" if field.errors else ""}">{field.as_field_group()}</div>'
        for field in filterset.form
    )
    html = render_to_string(
        "includes/_filter_form.html",
        {"filter": filterset, "fields": form_fields(filterset.form, filterset.choice_labels), "heading": "Filters"},
        request=rf.get("/"),
    )
    written = html.split('<div class="filters__fields">', 1)[1].split('<div class="filters__actions">', 1)[0]

    assert without_white_space(written) == without_white_space(f"{django_fields}</div>")
    assert "<option" in written


def without_white_space(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))).strip()
