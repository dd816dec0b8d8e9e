"""sitemap.xml and robots.txt; the template tags for dates, personnel figures and translated fields; the
figures' sources and "as of" dates; announcements marked as such."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from contributions.models import Certainty
from core.periods import period_text
from tests.factories import ContributionFactory, MissionFactory, SourceFactory
from tests.helpers import LANGUAGES, url_in

pytestmark = pytest.mark.django_db

NAMESPACES = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NAMESPACES):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NAMESPACES)}
        entries[url.findtext("s:loc", namespaces=NAMESPACES)] = alternates
    return entries


def test_sitemap_lists_every_public_page_in_every_language_with_alternates(client, site):
    entries = sitemap_entries(client)

    pages = [
        "website:home",
        "coalition:mission_list",
        "website:country_list",
        "contributions:mandate_list",
        "contributions:contribution_list",
        "programmes:programme_list",
        "discovery:comparison",
        "discovery:open_data",
        "website:about",
        "pages:accessibility",
        "pages:privacy",
        "pages:glossary",
        site.mission,
        site.oir,
        site.denmark,
        site.norway,
        site.dk_mandate,
        site.no_mandate,
        site.dk_contribution,
        site.no_contribution,
        site.programme,
    ]
    for page in pages:
        expected = {code: f"http://testserver{url_in(code, page)}" for code in LANGUAGES}
        expected["x-default"] = expected["en"]
        for code in LANGUAGES:
            assert entries[expected[code]] == expected, page
    assert len(entries) == len(pages) * len(LANGUAGES)


def test_sitemap_leaves_out_drafts_and_host_countries(client, site):
    locations = " ".join(sitemap_entries(client))

    for obj in vars(site.drafts).values():
        for code in LANGUAGES:
            assert f"http://testserver{url_in(code, obj)}" not in locations
    assert url_in("en", site.iraq) not in locations


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "User-agent: *" in response.content.decode()


def render(template, language="en", **context):
    with translation.override(language):
        return Template("{% load public %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("precision", "language", "expected"),
    [
        ("day", "en", '<time datetime="2014-10-02">2 October 2014</time>'),
        ("month", "en", '<time datetime="2014-10">October 2014</time>'),
        ("year", "en", '<time datetime="2014">2014</time>'),
        ("day", "da", '<time datetime="2014-10-02">2. oktober 2014</time>'),
        ("month", "da", '<time datetime="2014-10">oktober 2014</time>'),
        ("month", "nb", '<time datetime="2014-10">oktober 2014</time>'),
    ],
)
def test_dates_are_shown_only_as_precisely_as_known(precision, language, expected):
    html = render("{{ day|precise_date:precision }}", language, day=datetime.date(2014, 10, 2), precision=precision)

    assert html == expected


def test_date_span():
    start, end = datetime.date(2014, 10, 1), datetime.date(2015, 1, 1)

    assert render('{% date_span start "month" end "year" %}', start=start, end=end) == (
        '<time datetime="2014-10">October 2014</time> \N{EN DASH} <time datetime="2015">2015</time>'
    )
    assert render('{% date_span start "month" %}', start=start) == 'since <time datetime="2014-10">October 2014</time>'


SOURCE = SourceFactory.build(publisher="Regjeringen <NO>", url="https://www.regjeringen.no/x/")
OCTOBER_2019 = '<time datetime="2019-10">October 2019</time>'
SOURCE_LINK = '<a href="https://www.regjeringen.no/x/">Regjeringen &lt;NO&gt;</a>'


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"end_state": "ended", "end_date": datetime.date(2015, 1, 1), "end_precision": "year"},
            '<time datetime="2014-23">autumn 2014</time> \N{EN DASH} <time datetime="2015">2015</time>',
        ),
        (
            {"end_state": "ended-undated"},
            '<time datetime="2014-23">autumn 2014</time> \N{EN DASH} ended, date not known',
        ),
        (
            {"end_state": "ended-undated", "end_date": datetime.date(2020, 1, 1), "end_precision": "year"},
            '<time datetime="2014-23">autumn 2014</time> \N{EN DASH} ended by <time datetime="2020">2020</time>',
        ),
        (
            {"end_state": "planned", "end_date": datetime.date(2020, 1, 1), "end_precision": "year"},
            '<time datetime="2014-23">autumn 2014</time> \N{EN DASH} planned until <time datetime="2020">2020</time>',
        ),
        (
            {
                "end_state": "planned",
                "end_date": datetime.date(2020, 1, 1),
                "end_precision": "year",
                "confirmed_on": datetime.date(2019, 10, 1),
                "confirmed_precision": "month",
                "confirmed_by": SOURCE,
            },
            f'<time datetime="2014-23">autumn 2014</time> \N{EN DASH} under way as of {OCTOBER_2019} ({SOURCE_LINK}), '
            'planned until <time datetime="2020">2020</time>',
        ),
        (
            {
                "end_state": "under-way",
                "confirmed_on": datetime.date(2019, 10, 1),
                "confirmed_precision": "month",
                "confirmed_by": SOURCE,
            },
            f'<time datetime="2014-23">autumn 2014</time> \N{EN DASH} under way as of {OCTOBER_2019} ({SOURCE_LINK})',
        ),
        ({"end_state": "not-known"}, '<time datetime="2014-23">autumn 2014</time> \N{EN DASH} end not known'),
        ({"start_date": None, "end_state": "not-known"}, "Dates not known"),
        (
            {"start_date": None, "end_state": "ended", "end_date": datetime.date(2016, 12, 15)},
            'start not known \N{EN DASH} <time datetime="2016-12-15">15 December 2016</time>',
        ),
    ],
)
def test_period_says_what_the_sources_say_about_the_end(fields, expected):
    """Each end state in the one wording that cards, pages, the comparison and the timeline table use."""
    values = {"start_date": datetime.date(2014, 9, 1), "start_precision": "season", "end_date": None, **fields}
    contribution = ContributionFactory.build(**values)

    assert render("{% period contribution %}", contribution=contribution) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "efteråret 2014 \N{EN DASH} i gang pr. oktober 2019 (Regjeringen <NO>)"),
        ("nb", "høsten 2014 \N{EN DASH} pågår per oktober 2019 (Regjeringen <NO>)"),
    ],
)
def test_period_wording_is_translated(language, expected):
    contribution = ContributionFactory.build(
        start_date=datetime.date(2014, 9, 1),
        start_precision="season",
        end_date=None,
        end_state="under-way",
        confirmed_on=datetime.date(2019, 10, 1),
        confirmed_precision="month",
        confirmed_by=SOURCE,
    )
    with translation.override(language):
        assert period_text(contribution) == expected


@pytest.mark.parametrize(
    ("qualifier", "number", "expected"),
    [("about", 70, "about 70"), ("up-to", 140, "up to 140"), ("exact", 28, "28"), ("about", 16000, "about 16,000")],
)
def test_personnel_figures_carry_their_qualifier(db, qualifier, number, expected):
    contribution = ContributionFactory.build(personnel=number, personnel_qualifier=qualifier)

    assert render("{% personnel contribution %}", contribution=contribution) == expected


def test_translated_tag_marks_fallback_text_with_its_language(db):
    mission = MissionFactory.build(title_da="Dansk", title_nb="", title_en="")

    assert render('{% translated mission "title" %}', "nb", mission=mission) == (
        f'<span lang="da">Dansk</span> <small class="fallback-note">({render_note("nb", "da")})</small>'
    )
    assert render('{% translated mission "title" %}', "da", mission=mission) == "Dansk"


def render_note(language, fallback):
    names = {"da": "Danish", "nb": "Norwegian", "en": "English"}
    with translation.override(language):
        return gettext("Not available in %(language)s; shown in %(fallback)s.") % {
            "language": translation.pgettext("language name inside a sentence", names[language]),
            "fallback": translation.pgettext("language name inside a sentence", names[fallback]),
        }


def test_every_contribution_figure_has_its_sources_and_as_of_date(client, site):
    html = client.get(url_in("en", "contributions:contribution_list")).content.decode()
    cards = html.split('<li class="card">')[1:]

    assert len(cards) == 2
    for card in cards:
        assert "Personnel:" in card
        assert "Figures as of" in card
        assert 'class="sources' in card
        assert 'href="https://' in card


def test_announced_contributions_are_marked_as_such(client, site):
    label = str(Certainty.ANNOUNCED.label)
    announced = client.get(url_in("en", site.no_contribution)).content.decode()
    confirmed = client.get(url_in("en", site.dk_contribution)).content.decode()

    assert label in announced
    assert 'class="tag tag--announced"' in announced
    assert label not in confirmed
    assert label in client.get(url_in("en", site.norway)).content.decode()


def test_month_precision_never_shows_a_day(client, site):
    html = client.get(url_in("en", site.mission)).content.decode()

    assert '<time datetime="2018-10">October 2018</time> \N{EN DASH} end not known' in html
    assert "1 October 2018" not in html


def test_translated_tag_shortens_card_summaries(db):
    mission = MissionFactory.build(summary_en="One two three four five.", summary_da="En to tre fire fem.")

    # Shortened on screen; the whole text follows for print, hidden on screen (print.css and site.css swap them).
    assert render('{% translated mission "summary" block=True words=3 %}', mission=mission) == (
        '<div class="text--short"><p>One two three…</p></div>'
        '<div class="text--full"><p>One two three four five.</p></div>'
    )
    assert render('{% translated mission "summary" block=True words=5 %}', mission=mission) == (
        "<p>One two three four five.</p>"
    )


def test_translated_titles_get_soft_hyphens_in_long_words_in_their_language(db):
    mission = MissionFactory.build(title_da="Specialoperationsstyrker i Irak", title_en="")

    danish = render('{% translated mission "title" %}', language="da", mission=mission)
    english = render('{% translated mission "title" %}', language="en", mission=mission)

    assert "\N{SOFT HYPHEN}" in danish
    assert danish.replace("\N{SOFT HYPHEN}", "") == "Specialoperationsstyrker i Irak"
    # The fallback text is hyphenated as Danish, the language it is in (and marked so).
    assert english.startswith('<span lang="da">Spe')
    fallback = english.split("</span>")[0].replace("\N{SOFT HYPHEN}", "")
    assert fallback == '<span lang="da">Specialoperationsstyrker i Irak'


def test_translated_texts_write_ranges_with_an_en_dash(db):
    mission = MissionFactory.build(summary_en="Planned for 2019-2021; see report-2019-2021.", title_en="NMI 2020-2022")

    assert render('{% translated mission "summary" block=True %}', mission=mission) == (
        "<p>Planned for 2019\N{EN DASH}2021; see report-2019-2021.</p>"
    )
    assert render('{% translated mission "title" %}', mission=mission) == "NMI 2020\N{EN DASH}2022"
