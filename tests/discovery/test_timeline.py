"""The timeline on the home, country and mission pages: an inline SVG without script or style attributes, named
by its caption, and a table with the same entries that matches the published data; dates as precise as the
sources give them; no queries of its own on the country and mission pages, two on the home page."""

import datetime
import re
from datetime import date

import pytest
from django.utils import timezone, translation

from coalition.models import Country, Mission
from coalition.views import MissionDetailView
from core.periods import Period
from discovery.periods import union
from discovery.timeline import (
    AXIS_START,
    GUTTER,
    RIGHT,
    WIDTH,
    Timeline,
    country_timeline,
    mission_timeline,
    overview_timeline,
)
from tests.discovery.conftest import DRAFT_MARKERS, table_rows, url_in
from website.views import CountryDetailView

pytestmark = pytest.mark.django_db


def page(client, language, obj_or_name):
    if isinstance(obj_or_name, str):
        url = url_in(language, obj_or_name)
    else:
        with translation.override(language):
            url = obj_or_name.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def timeline_table(html):
    """(row label, kind, name, href, [datetime…]) for each line of the timeline's table."""
    return [
        (row[0]["text"], row[1]["text"], row[2]["text"], row[2]["href"], row[3]["times"])
        for row in table_rows(html, "timeline-table")
    ]


def svg_of(html):
    match = re.search(r"<svg class=\"timeline__chart\".*?</svg>", html, re.DOTALL)
    assert match, "The page has the timeline's SVG."
    return match.group(0)


def test_country_timeline_table_matches_the_data(client, scene):
    html = page(client, "en", scene.denmark)

    assert timeline_table(html) == [
        ("Mandates", "Mandate", scene.dk_mandate.label_en, scene.dk_mandate.get_absolute_url(), ["2020-06-11"]),
        (scene.oir.title_en, "Mission", scene.oir.title_en, scene.oir.get_absolute_url(), ["2014-10-17"]),
        (
            scene.dk_ongoing.title_en,
            "Contribution",
            scene.dk_ongoing.title_en,
            scene.dk_ongoing.get_absolute_url(),
            ["2016-05-01", "2019-10"],  # Under way as last confirmed in October 2019.
        ),
        (scene.nmi.title_en, "Mission", scene.nmi.title_en, scene.nmi.get_absolute_url(), ["2018-10"]),
        (
            scene.dk_contribution.title_en,
            "Contribution",
            scene.dk_contribution.title_en,
            scene.dk_contribution.get_absolute_url(),
            ["2019-01-01", "2020-12-31"],
        ),
        (
            scene.dk_under_draft_mandate.title_en,
            "Contribution",
            scene.dk_under_draft_mandate.title_en,
            scene.dk_under_draft_mandate.get_absolute_url(),
            ["2021-02-01", "2021-08-31"],
        ),
    ]
    for marker in DRAFT_MARKERS:
        assert marker not in svg_of(html)


def test_mission_timeline_table_matches_the_data(client, scene):
    html = page(client, "en", scene.oir)

    assert timeline_table(html) == [
        (scene.oir.title_en, "Mission", scene.oir.title_en, scene.oir.get_absolute_url(), ["2014-10-17"]),
        (
            scene.dk_ongoing.title_en,
            "Contribution",
            scene.dk_ongoing.title_en,
            scene.dk_ongoing.get_absolute_url(),
            ["2016-05-01", "2019-10"],  # Under way as last confirmed in October 2019.
        ),
        ("Norway: mandates", "Mandate", scene.no_mandate.label_en, scene.no_mandate.get_absolute_url(), ["2016-04-29"]),
        (
            scene.no_contribution.title_en,
            "Contribution",
            scene.no_contribution.title_en,
            scene.no_contribution.get_absolute_url(),
            ["2017-03", "2020"],  # As precise as the source: a month, a year.
        ),
    ]


def test_home_timeline_table_matches_the_data(client, scene):
    html = page(client, "en", "website:home")

    this_year = str(timezone.localdate().year)
    contributions = url_in("en", "contributions:contribution_list")
    mandates = url_in("en", "contributions:mandate_list")
    assert timeline_table(html) == [
        # Years in which the sources place a Danish contribution under way: 2016 (the radar's start) to 2021 (the
        # liaison officers); after that only the radar's continuation past its last confirmation, to this year.
        (
            "Denmark: years with contributions under way",
            "Contributions under way",
            "Denmark",
            f"{contributions}?country=DK",
            ["2016", "2021"],
        ),
        (
            "Denmark: years with contributions under way",
            "Contributions under way",
            "Denmark",
            f"{contributions}?country=DK",
            ["2022", this_year],
        ),
        (
            "Denmark: mandates per year",
            "Mandates decided that year",
            "1 mandate",
            f"{mandates}?country=DK&year=2020",
            ["2020"],
        ),
        (
            "Norway: years with contributions under way",
            "Contributions under way",
            "Norway",
            f"{contributions}?country=NO",
            ["2017", "2020"],
        ),
        (
            "Norway: mandates per year",
            "Mandates decided that year",
            "1 mandate",
            f"{mandates}?country=NO&year=2016",
            ["2016"],
        ),
        (scene.oir.title_en, "Mission", scene.oir.title_en, scene.oir.get_absolute_url(), ["2014-10-17"]),
        (scene.nmi.title_en, "Mission", scene.nmi.title_en, scene.nmi.get_absolute_url(), ["2018-10"]),
    ]
    rows = table_rows(html, "timeline-table")
    assert "after the last confirmation" in rows[1][3]["text"]
    assert "end not known" in rows[-1][3]["text"]  # The missions' ends are not known here.


def test_home_timeline_links_to_the_lists_with_the_same_rows(client, scene):
    """A year's figures are the lists' own: the linked filtered lists show what the timeline counts."""
    html = page(client, "en", "website:home")

    for _label, kind, name, href, _times in timeline_table(html):
        if kind == "Mandates decided that year":
            listed = client.get(href).context["paginator"].count
            assert name == (f"{listed} mandate" if listed == 1 else f"{listed} mandates")
    for year in (2016, 2019, 2021):
        listed = client.get(url_in("en", "contributions:contribution_list"), {"country": "DK", "year": year})
        assert listed.context["paginator"].count > 0  # Denmark's span covers these years.


def test_chart_draws_what_is_known_solid_and_the_rest_differently(client, scene):
    html = page(client, "en", scene.denmark)
    svg = svg_of(html)

    bars = re.findall(
        r'<rect class="timeline__bar timeline__bar--(\w+) timeline__bar--(\w+)[^"]*" x="([\d.]+)" y="[\d.]+" '
        r'width="([\d.]+)" height="[\d.]+" rx="2"(?: mask="url\(#timeline-(\w+)\)")?',
        svg,
    )
    drawn = [(kind, style, mask) for kind, style, _x, _width, mask in bars]
    assert drawn == [
        ("mission", "known", ""),  # OIR: its start is known…
        ("mission", "fading", "fade"),  # …its end is not.
        ("contribution", "known", ""),  # The radar, up to its last confirmation…
        ("contribution", "continued", "hatch"),  # …then hatched up to today.
        ("mission", "known", ""),
        ("mission", "fading", "fade"),
        ("contribution", "known", ""),  # Ended contributions: solid only.
        ("contribution", "known", ""),
    ]
    assert svg.count('class="timeline__marker') == 1  # The mandate.
    radar_known, radar_continued = bars[2], bars[3]
    confirmed_end = float(radar_known[2]) + float(radar_known[3])
    assert float(radar_continued[2]) == pytest.approx(confirmed_end, abs=0.2)
    assert float(radar_continued[2]) + float(radar_continued[3]) == pytest.approx(WIDTH - RIGHT, abs=0.2)
    for _kind, style, x, width, _mask in bars:
        if style != "continued":
            assert float(x) + float(width) < WIDTH - RIGHT - 1  # Only a continuation reaches today.
    assert 'id="timeline-hatch"' in svg and 'id="timeline-fade"' in svg
    legend = html[html.index('class="timeline__legend"') :]
    assert "After the last confirmation" in legend and "End not known" in legend


def test_chart_is_an_image_named_by_its_caption_without_script_or_style(client, scene):
    for obj in (scene.denmark, scene.oir, "website:home"):
        html = page(client, "nb", obj)
        svg = svg_of(html)

        assert 'role="img" aria-labelledby="timeline-caption" aria-describedby="timeline-desc"' in svg
        assert 'id="timeline-caption"' in html
        assert '<desc id="timeline-desc">' in svg
        assert "style=" not in svg and "<style" not in svg and "<script" not in svg
        assert " on" not in re.sub(r'"[^"]*"', "", svg)  # No event handler attributes.
        assert html.count("<h1") == 1


def test_rows_without_dates_say_so(client, scene):
    scene.dk_ongoing.start_date = None
    scene.dk_ongoing.end_state = "not-known"
    scene.dk_ongoing.confirmed_on = scene.dk_ongoing.confirmed_by = None
    scene.dk_ongoing.save()

    html = page(client, "en", scene.denmark)

    assert "Dates not known" in svg_of(html)
    row = next(row for row in timeline_table(html) if row[2] == scene.dk_ongoing.title_en)
    assert row[4] == []


def test_timeline_follows_the_language(client, scene):
    html = page(client, "da", scene.norway)

    rows = timeline_table(html)
    assert rows[1][2] == scene.oir.title_da
    assert rows[-1][3] == url_in("da", "contributions:contribution_detail", slug=scene.no_contribution.slug_da)


def test_timelines_of_country_and_mission_pages_run_no_queries(scene, rf, django_assert_num_queries):
    request = rf.get("/")
    country = CountryDetailView(request=request, kwargs={"slug": Country.objects.get(code="DK").slug}).get_object()
    mission = MissionDetailView(request=request, kwargs={"slug": Mission.objects.get(key="oir").slug}).get_object()

    with django_assert_num_queries(0):
        assert country_timeline(country).entries
        assert mission_timeline(mission).entries


@pytest.mark.parametrize("extra", [0, 5])
def test_home_timeline_runs_two_queries(scene, django_assert_num_queries, extra):
    from tests.factories import ContributionFactory, MandateFactory

    for index in range(extra):
        MandateFactory(country=scene.norway, reference=f"Q {index}", adopted_on=datetime.date(2015, 1, index + 1))
        ContributionFactory(country=scene.norway, mission=scene.oir, start_date=datetime.date(2015, 2, index + 1))
    missions = list(Mission.objects.published())
    countries = list(Country.objects.published().filter(is_contributor=True))

    with django_assert_num_queries(2):
        timeline = overview_timeline(missions, countries)

    # Yearly figures: the extra mandates make one more year, the extra contributions lengthen a span.
    assert len(timeline.entries) == (8 if extra else 7)


def test_axis_runs_from_2014_to_today():
    today = timezone.localdate()
    timeline = Timeline(id="t", title="", rows=[], today=today)

    assert timeline.x(AXIS_START) == GUTTER
    assert timeline.x(today + datetime.timedelta(days=1)) == WIDTH - RIGHT
    assert timeline.x(datetime.date(2001, 1, 1)) == GUTTER  # Earlier dates are drawn at the axis' start.


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ([], []),
        (
            [
                Period(date(2016, 1, 1), "day", date(2016, 6, 30), "day", "ended"),
                Period(date(2016, 7, 1), "day", None, "day", "under-way", date(2019, 10, 1), "month"),
            ],
            # Touching; the merged period keeps the end (and confirmation) of the one known to last longer.
            [Period(date(2016, 1, 1), "day", None, "day", "under-way", date(2019, 10, 1), "month")],
        ),
        (
            [
                Period(date(2017, 3, 1), "month", date(2017, 1, 1), "year", "ended"),
                Period(date(2017, 12, 15), "day", date(2018, 2, 1), "month", "ended"),
            ],
            # "2017" lasts until 31 December.
            [Period(date(2017, 3, 1), "month", date(2018, 2, 1), "month", "ended")],
        ),
        (
            [
                Period(date(2019, 1, 1), "day", date(2019, 2, 1), "day", "ended"),
                Period(date(2015, 1, 1), "year", None, "day", "not-known"),
            ],
            # An unknown end stretches nothing: 2015 and 2019 stay apart.
            [
                Period(date(2015, 1, 1), "year", None, "day", "not-known"),
                Period(date(2019, 1, 1), "day", date(2019, 2, 1), "day", "ended"),
            ],
        ),
        ([Period(None, "day", None, "day", "not-known")], []),  # No date at all: nothing to merge.
    ],
)
def test_union_of_periods_respects_their_precision_and_known_spans(periods, expected):
    assert union(periods) == expected


def years_drawn(period, years, today):
    """{year: Style} of the years a period's drawing (`segments`) reaches, as the overview counts them: the known
    span's years by the year rule, else the strongest style of the stretches beyond it."""
    from discovery.timeline import RANKS, Style, segments

    known = period.years()
    found = {}
    for start, end, style in segments(period, today):
        for year in range(start.year, (end - datetime.timedelta(days=1)).year + 1):
            beyond = style != Style.KNOWN and year not in known and year in years
            if beyond and RANKS[style] > RANKS.get(found.get(year), 0):
                found[year] = style
    found.update({year: Style.KNOWN for year in known if year in years})
    return found


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2021, 2, 10), date(2021, 3, 1), date(2020, 1, 1)])
@pytest.mark.parametrize(
    "period",
    [
        # A winter begun in December: its known span ends in February, outside the year rule's years.
        Period(date(2019, 12, 1), "season", date(2020, 2, 1), "month", "planned"),
        Period(date(2019, 12, 1), "season", date(2020, 3, 1), "month", "planned"),
        Period(date(2019, 12, 1), "season", date(2019, 12, 1), "season", "ended-undated"),
        Period(date(2019, 12, 1), "season", date(2021, 1, 1), "year", "planned"),
        Period(date(2020, 12, 1), "season", None, "day", "under-way", date(2020, 12, 1), "season"),
        Period(date(2020, 12, 1), "season", None, "day", "not-known"),
        # Fading a year past the known span: from 1 January, 2 January of a leap year, 31 December.
        Period(date(2019, 1, 1), "day", None, "day", "not-known"),
        Period(date(2020, 1, 1), "day", None, "day", "not-known"),
        Period(date(2018, 12, 31), "day", None, "day", "ended-undated"),
        Period(date(2018, 12, 1), "month", None, "day", "not-known"),
        Period(date(2017, 1, 1), "year", None, "day", "not-known"),
        Period(date(2019, 6, 15), "day", date(2022, 12, 1), "season", "ended-undated"),
        Period(None, "day", date(2021, 1, 1), "year", "planned", date(2019, 6, 15), "day"),
        Period(date(2016, 5, 1), "month", None, "day", "under-way", date(2019, 10, 1), "month"),
        Period(date(2016, 5, 1), "month", date(2016, 5, 1), "month", "planned"),
        Period(date(2016, 5, 1), "month", date(2018, 3, 3), "day", "ended"),
        Period(None, "day", None, "day", "not-known"),
    ],
    ids=repr,
)
def test_home_timeline_years_match_the_drawing_of_each_period(period, today):
    from discovery.timeline import overview_years
    from tests.factories import ContributionFactory, CountryFactory, SourceFactory

    country = CountryFactory(is_contributor=True)
    ContributionFactory(
        confirmed_by=SourceFactory() if period.confirmed_on else None,
        country=country,
        start_date=period.start,
        start_precision=period.start_precision,
        end_date=period.end,
        end_precision=period.end_precision,
        end_state=period.end_state,
        confirmed_on=period.confirmed_on,
        confirmed_precision=period.confirmed_precision,
    )
    years = range(AXIS_START.year, today.year + 1)

    active_years, _decisions = overview_years(years, today)

    assert active_years.get(country.pk, {}) == years_drawn(period, years, today)
