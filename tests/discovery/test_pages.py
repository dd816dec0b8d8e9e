"""The comparison of Denmark and Norway, the "Open data" page, the "Cite this page" block on mandate and
contribution pages, and the download links on the lists."""

import re

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.html import escape

from tests.discovery.conftest import DRAFT_MARKERS, table_rows, url_in
from tests.factories import ContributionFactory, MandateFactory

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def object_url(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


# -- Comparison ---------------------------------------------------------------------------------------------------


def section_of(html, mission):
    """The HTML of a mission's section on the comparison page."""
    return html.split(f'id="mission-{mission.key}"', 1)[1].split("</section>", 1)[0]


def test_comparison_sets_denmark_and_norway_side_by_side_per_mission_and_kind(client, scene):
    html = get(client, url_in("en", "discovery:comparison"))
    oir = section_of(html, scene.oir)
    nmi = section_of(html, scene.nmi)

    assert html.count("<h1") == 1
    header = re.search(r"<thead>(.*?)</thead>", oir, re.DOTALL).group(1)
    assert header.index("Denmark") < header.index("Norway")
    # Norway's trainers in OIR, with the personnel figure's qualifier, its date and the contribution's period.
    trainers = re.search(r"<tr>\s*<th scope=\"row\">Trainers</th>(.*?)</tr>", oir, re.DOTALL).group(1)
    # Each cell names its column, for the stacked rows of narrow screens.
    (denmark_label, denmark_cell), (norway_label, norway_cell) = re.findall(
        r'<td data-label="([^"]*)">(.*?)</td>', trainers, re.DOTALL
    )
    assert (denmark_label, norway_label) == ("Denmark", "Norway")
    assert "None" in denmark_cell
    assert scene.no_contribution.title_en in norway_cell
    assert "about 70" in norway_cell
    assert '<time datetime="2018-06-01">' in norway_cell  # As of.
    assert '<time datetime="2017-03">March 2017</time>' in norway_cell
    assert "As announced; not confirmed by other sources" in norway_cell
    # Denmark's staff officers in NMI, with a maximum.
    staff = re.search(r"<tr>\s*<th scope=\"row\">Staff officers</th>(.*?)</tr>", nmi, re.DOTALL).group(1)
    assert "up to 150" in staff
    assert scene.dk_under_draft_mandate.title_en in staff
    # The kind of the radar is a draft: it is listed under "Kind not given".
    assert scene.dk_ongoing.title_en in re.search(r"Kind not given</th>(.*?)</tr>", oir, re.DOTALL).group(1)
    # Mandates per country.
    mandates = re.search(r'class="comparison__mandates">(.*?)</tr>', oir, re.DOTALL).group(1)
    assert scene.no_mandate.label_en in mandates and "None recorded" in mandates
    assert scene.dk_mandate.label_en in section_of(html, scene.nmi)
    for marker in DRAFT_MARKERS:
        assert marker not in html


def test_comparison_gives_the_periods_contributions_were_under_way(client, scene):
    html = get(client, url_in("en", "discovery:comparison"))

    periods = re.search(r'class="comparison__period">(.*?)</tr>', section_of(html, scene.nmi), re.DOTALL).group(1)
    denmark_cell, norway_cell = re.findall(r'<td data-label="[^"]*">(.*?)</td>', periods, re.DOTALL)
    # 2019 to 2020, and February to August 2021: they do not touch, so two periods.
    assert re.findall(r'datetime="([^"]+)"', denmark_cell) == ["2019-01-01", "2020-12-31", "2021-02-01", "2021-08-31"]
    assert "No contribution" in norway_cell


def test_comparison_counts(client, scene):
    html = get(client, url_in("en", "discovery:comparison"))

    summary = {row[0]["text"]: [cell["text"] for cell in row[1:]] for row in summary_rows(html)}
    assert summary == {"Missions contributed to": ["2", "1"], "Contributions": ["3", "1"], "Mandates": ["1", "1"]}


def summary_rows(html):
    table = re.search(r'<table class="data-table comparison-summary">.*?</table>', html, re.DOTALL).group(0)
    return table_rows(table.replace("<table ", '<table id="summary" ', 1), "summary")


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_comparison_in_every_language(client, scene, language):
    html = get(client, url_in(language, "discovery:comparison"))

    assert f'<html lang="{language}">' in html
    assert escape(getattr(scene.no_contribution, f"title_{language}")) in html
    assert object_url(language, scene.no_contribution) in html


@pytest.mark.parametrize("size", [0, 6])
def test_comparison_runs_four_queries(client, scene, django_assert_num_queries, size):
    for index in range(size):
        mandate = MandateFactory(country=scene.norway, reference=f"C {index}", missions=[scene.nmi])
        ContributionFactory(country=scene.norway, mission=scene.nmi, mandate=mandate, kind=scene.trainers)

    # The two countries, the contributions, the mandates and their missions.
    with django_assert_num_queries(4):
        get(client, url_in("en", "discovery:comparison"))


# -- Cite this page -------------------------------------------------------------------------------------------------


CITED_PAGES = [
    ("dk_mandate", "label"),
    ("no_contribution", "title"),
    ("denmark", "name"),
    ("oir", "title"),
    ("programme", "title"),
]


@pytest.mark.parametrize("language", ["da", "nb", "en"])
@pytest.mark.parametrize(("attribute", "title_field"), CITED_PAGES)
def test_cite_this_page(client, scene, language, attribute, title_field):
    obj = getattr(scene, attribute)
    url = object_url(language, obj)

    html = get(client, url)

    block = html.split('id="cite-heading"', 1)[1].split("</section>", 1)[0]
    citation = block.split('id="cite-text">', 1)[1].split("</p>", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", "", citation).split())
    with translation.override(language):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        site_name = str(settings.SITE_NAME)
    assert escape(getattr(obj, f"{title_field}_{language}")) in text
    assert escape(site_name) in text
    assert f"http://testserver{url}" in text
    # The day the page was generated, said so: a kept page is served unchanged for a while.
    assert today in text
    if language == "en":
        assert f"(page generated {today})" in text
    assert f'datetime="{timezone.localdate().isoformat()}"' in citation
    # The copy button is hidden until its script (a file of the site's own, no inline script) shows it.
    assert re.search(r'<p class="cite__actions" hidden>\s*<button type="button"[^>]*data-copy="cite-text"', block)
    assert '<script src="/static/js/cite.js" defer></script>' in html
    # The printout's header gives the address, the day and the same citation.
    header = html.split('<div class="print-header">', 1)[1].split("</div>", 1)[0]
    assert f"http://testserver{url}" in header
    assert citation in header


@pytest.mark.parametrize("name", ["discovery:comparison", "discovery:open_data"])
def test_comparison_and_open_data_are_cited_too(client, scene, name):
    html = get(client, url_in("en", name))

    title = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert f"“{title}”. Denmark and Norway against ISIL. http://testserver{url_in('en', name)}" in html


def test_lists_are_not_cited_but_print_their_address(client, scene):
    url = url_in("en", "contributions:contribution_list") + "?country=NO"
    html = get(client, url)

    assert 'id="cite-heading"' not in html
    header = html.split('<div class="print-header">', 1)[1].split("</div>", 1)[0]
    assert f"http://testserver{url}" in header
    assert "Cite as" not in header


def test_cite_block_on_a_page_costs_no_query(client, scene, django_assert_num_queries):
    url = object_url("en", scene.no_contribution)
    with django_assert_num_queries(5):  # The contribution page's own queries (tests/site/test_query_counts.py).
        client.get(url)


# -- Open data page and download links ------------------------------------------------------------------------------


def test_open_data_page_explains_the_data_the_fields_and_the_licence(client, scene, django_assert_num_queries):
    # One query: when the content last changed, for the page's schema.org description (dateModified).
    with django_assert_num_queries(1):
        html = get(client, url_in("en", "discovery:open_data"))

    assert html.count("<h1") == 1
    for name in ("contributions", "mandates", "missions", "programmes", "sources", "organisations", "citations"):
        assert f'href="/en/data/{name}.xlsx"' in html
        assert f'href="/en/data/{name}.csv"' in html
        assert f'href="/en/data/{name}.json"' in html
        assert f'href="/en/data/{name}.schema.json"' in html
        assert f'href="/en/data/{name}.tableschema.json"' in html
        assert f'id="fields-{name}"' in html
    assert 'href="/en/data/datapackage.json"' in html
    assert 'href="/en/data/catalog.jsonld"' in html
    assert "<code>personnel_qualifier</code>" in html
    assert "Proposed licence" not in html and "not been confirmed" not in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution' in html
    assert "remain under their publishers' own terms" in html.replace("&#x27;", "'")


LIST_PAGES = [
    ("contributions:contribution_list", "contributions", {"country": "NO", "page": "1"}),
    ("contributions:mandate_list", "mandates", {"country": "NO"}),
    ("coalition:mission_list", "missions", {}),
    ("programmes:programme_list", "programmes", {}),
]


@pytest.mark.parametrize(("list_name", "dataset", "params"), LIST_PAGES)
def test_lists_advertise_their_downloads_with_the_current_filters(client, scene, list_name, dataset, params):
    html = client.get(url_in("nb", list_name), params).content.decode()

    query = "?country=NO" if "country" in params else ""
    head = html.split("</head>", 1)[0]
    assert f'<link rel="alternate" type="text/csv" href="/nb/data/{dataset}.csv{query}">' in head
    assert f'<link rel="alternate" type="application/json" href="/nb/data/{dataset}.json{query}">' in head
    body = html.split("<main", 1)[1]
    assert f'href="/nb/data/{dataset}.csv{query}"' in body
    assert f'href="/nb/data/{dataset}.json{query}"' in body
    assert html.count("<h1") == 1


def test_lists_with_invalid_filters_offer_no_download(client, scene):
    html = client.get(url_in("en", "contributions:contribution_list"), {"country": "XX"}).content.decode()

    assert "/data/contributions.csv" not in html
