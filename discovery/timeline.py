"""A server-rendered SVG timeline of missions, mandates and contributions from 2014 to today, with the same
data as a table.

The SVG uses only presentation attributes (x, y, width, height, d) and classes; its colours come from
static/css/discovery.css, so it runs under a Content-Security-Policy without inline styles. It is an image (role
"img") named by the caption above it, whose description points to the table after it: the same entries, with
links and dates, for screen readers and anyone who prefers a table.

Rows are built from what the pages already load (a country's or a mission's prefetched contributions and
mandates); the home page's overview reads yearly figures in two queries, so its size does not grow with the
content."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contributions.models import Contribution, Mandate
from core.models import DatePrecision
from core.templatetags.public import period as period_html
from core.templatetags.public import precise_date

from .periods import Period

AXIS_START = datetime.date(2014, 1, 1)

# Drawing units (the SVG scales to its container).
WIDTH = 960
GUTTER = 300  # Row labels.
RIGHT = 16
AXIS_HEIGHT = 30
ROW_HEIGHT = 26
BAR_HEIGHT = 12
THIN_BAR_HEIGHT = 8
MARKER_SIZE = 7
LABEL_CHARACTERS = 44


class EntryKind:
    MISSION = "mission"
    CONTRIBUTION = "contribution"
    ACTIVE = "active"  # Contributions under way (a union of their periods, or years).
    MANDATE = "mandate"
    MANDATES = "mandates"  # The number of mandates decided in a year.


ENTRY_KIND_LABELS = {
    EntryKind.MISSION: gettext_lazy("Mission"),
    EntryKind.CONTRIBUTION: gettext_lazy("Contribution"),
    EntryKind.ACTIVE: gettext_lazy("Contributions under way"),
    EntryKind.MANDATE: gettext_lazy("Mandate"),
    EntryKind.MANDATES: gettext_lazy("Mandates decided that year"),
}


@dataclass
class Entry:
    """A bar (a period) or a marker (a decision's date) in a row, and a line of the table."""

    kind: str
    name: str  # Plain text.
    url: str = ""
    country: str = ""  # ISO code of the country it belongs to, for its colour.
    period: Period | None = None  # Bars.
    date: datetime.date | None = None  # Markers.
    date_precision: str = DatePrecision.DAY
    date_label: str = ""  # What the marker's date is ("adopted", "in force from").
    count: int | None = None  # How many decisions a marker stands for.

    @property
    def kind_label(self):
        return ENTRY_KIND_LABELS[self.kind]

    def dates_html(self):
        if self.period is not None:
            return period_html(
                self.period.start, self.period.start_precision, self.period.end, self.period.end_precision
            )
        if self.date is not None:
            date = precise_date(self.date, self.date_precision)
            return format_html("{} {}", self.date_label, date) if self.date_label else date
        return _("Dates not known")


@dataclass
class Row:
    label: str  # Plain text.
    entries: list = field(default_factory=list)
    heading: bool = False  # A group's first row (a mission or a country).


def _country_class(code):
    return f"timeline__country--{code.lower()}" if code in ("DK", "NO") else "timeline__country--other"


def _truncate(text, length=LABEL_CHARACTERS):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Timeline:
    id: str
    title: str
    rows: list
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def start(self):
        return AXIS_START

    @property
    def end(self):
        return self.today + datetime.timedelta(days=1)

    @property
    def entries(self):
        """(row, entry) for the table, row by row."""
        return [(row, entry) for row in self.rows for entry in row.entries]

    @property
    def countries(self):
        """The colours the legend needs: "DK", "NO" and "other"."""
        return {
            entry.country if entry.country in ("DK", "NO") else "other" for _row, entry in self.entries if entry.country
        }

    @property
    def kinds(self):
        """The kinds of entry shown, for the legend."""
        return {entry.kind for _row, entry in self.entries}

    @property
    def height(self):
        return AXIS_HEIGHT + ROW_HEIGHT * len(self.rows) + 8

    def x(self, day):
        day = min(max(day, self.start), self.end)
        span = (self.end - self.start).days
        return GUTTER + (WIDTH - GUTTER - RIGHT) * (day - self.start).days / span

    def svg(self):
        body = [self._axis()]
        for index, row in enumerate(self.rows):
            body.append(self._row(index, row))
        return format_html(
            '<svg class="timeline__chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            'width="{width}" height="{height}" role="img" aria-labelledby="{id}-caption" aria-describedby="{id}-desc" '
            'preserveAspectRatio="xMinYMin meet"><desc id="{id}-desc">{desc}</desc>{body}</svg>',
            width=WIDTH,
            height=self.height,
            id=self.id,
            desc=_("Bars show periods and diamonds show decisions. The table after the chart gives the same data."),
            body=mark_safe("".join(body)),  # Each part is built with format_html.
        )

    def _axis(self):
        parts = []
        bottom = self.height - 8
        for year in range(self.start.year, self.today.year + 1):
            x = self.x(datetime.date(year, 1, 1))
            parts.append(
                format_html(
                    '<line class="timeline__grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"></line>'
                    '<text class="timeline__year" x="{text_x}" y="18">{year}</text>',
                    x=number(x),
                    top=AXIS_HEIGHT - 6,
                    bottom=bottom,
                    text_x=number(x + 3),
                    year=year,
                )
            )
        return format_html('<g class="timeline__axis">{}</g>', mark_safe("".join(parts)))

    def _row(self, index, row):
        top = AXIS_HEIGHT + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        classes = "timeline__row timeline__row--heading" if row.heading else "timeline__row"
        parts = [
            format_html(
                '<text class="timeline__label" x="8" y="{y}">{label}</text>',
                y=number(middle + 5),
                label=_truncate(row.label),
            )
        ]
        for entry in row.entries:
            if entry.period is not None:
                parts.append(self._bar(entry, middle))
        for entry in row.entries:
            if entry.period is None and entry.date is not None:
                parts.append(self._marker(entry, middle))
        if row.entries and all(entry.period is None and entry.date is None for entry in row.entries):
            parts.append(
                format_html(
                    '<text class="timeline__unknown" x="{}" y="{}">{}</text>',
                    number(GUTTER + 6),
                    number(middle + 5),
                    _("Dates not known"),
                )
            )
        stripe = ""
        if index % 2:
            stripe = format_html(
                '<rect class="timeline__stripe" x="0" y="{y}" width="{width}" height="{height}"></rect>',
                y=top,
                width=WIDTH,
                height=ROW_HEIGHT,
            )
        return format_html('<g class="{}">{}{}</g>', classes, stripe, mark_safe("".join(parts)))

    def _bar(self, entry, middle):
        height = THIN_BAR_HEIGHT if entry.kind == EntryKind.MISSION else BAR_HEIGHT
        x1 = self.x(entry.period.first_day)
        x2 = max(self.x(entry.period.end_before(self.today)), x1 + 2)
        colour = _country_class(entry.country) if entry.country else ""
        classes = " ".join(filter(None, ["timeline__bar", f"timeline__bar--{entry.kind}", colour]))
        ongoing = ""
        if entry.period.end is None:
            # An arrowhead at today's end of the bar: it continues.
            ongoing = format_html(
                '<path class="{}" d="M{} {} l7 {} l-7 {} z"></path>',
                " ".join(filter(None, ["timeline__arrow", f"timeline__arrow--{entry.kind}", colour])),
                number(x2),
                number(middle - height / 2 - 2),
                number(height / 2 + 2),
                number(height / 2 + 2),
            )
        return format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="2"></rect>{}',
            classes,
            number(x1),
            number(middle - height / 2),
            number(x2 - x1),
            height,
            ongoing,
        )

    def _marker(self, entry, middle):
        colour = _country_class(entry.country) if entry.country else ""
        x = self.x(entry.date)
        count = ""
        if entry.count and entry.count > 1:
            count = format_html(
                '<text class="timeline__count" x="{}" y="{}">{}</text>',
                number(x + MARKER_SIZE + 2),
                number(middle + 4),
                entry.count,
            )
        return format_html(
            '<path class="{}" d="M{} {} l{s} {s} l-{s} {s} l-{s} -{s} z"></path>{}',
            " ".join(filter(None, ["timeline__marker", colour])),
            number(x),
            number(middle - MARKER_SIZE),
            count,
            s=MARKER_SIZE,
        )


def number(value):
    """A coordinate with one decimal, as SVG attributes take it."""
    return f"{value:.1f}"


# -- Entries from objects -------------------------------------------------------------------------------------------


def _text(obj, field):
    """A translated field as the visitor sees it (the active language, or its fallback)."""
    return getattr(obj, field) or ""


def mission_entry(mission):
    return Entry(
        kind=EntryKind.MISSION,
        name=_text(mission, "title"),
        url=mission.get_absolute_url(),
        period=Period(mission.start_date, mission.start_precision, mission.end_date, mission.end_precision),
    )


def contribution_entry(contribution):
    period = None
    if contribution.start_date:
        period = Period(
            contribution.start_date,
            contribution.start_precision,
            contribution.end_date,
            contribution.end_precision,
        )
    return Entry(
        kind=EntryKind.CONTRIBUTION,
        name=_text(contribution, "title"),
        url=contribution.get_absolute_url(),
        country=contribution.country.code,
        period=period,
    )


def mandate_entry(mandate, country_code):
    """A mandate as a marker on the day it was adopted (or, without that date, took effect)."""
    if mandate.adopted_on:
        date, label = mandate.adopted_on, _("adopted")
    elif mandate.valid_from:
        date, label = mandate.valid_from, _("in force from")
    else:
        date, label = None, ""
    return Entry(
        kind=EntryKind.MANDATE,
        name=_text(mandate, "label"),
        url=mandate.get_absolute_url(),
        country=country_code,
        date=date,
        date_label=label,
    )


# -- The three timelines ------------------------------------------------------------------------------------------


def country_timeline(country):
    """A contributing country: its mandates, then each mission it contributed to with its contributions. Reads
    the country's prefetched `public_contributions` and `public_mandates` (no query of its own)."""
    rows = []
    mandates = [mandate_entry(mandate, country.code) for mandate in country.public_mandates]
    if mandates:
        rows.append(Row(_("Mandates"), mandates, heading=True))
    by_mission = {}
    for contribution in country.public_contributions:
        by_mission.setdefault(contribution.mission, []).append(contribution)
    for mission, contributions in by_mission.items():
        rows.append(Row(_text(mission, "title"), [mission_entry(mission)], heading=True))
        rows.extend(Row(_text(c, "title"), [contribution_entry(c)]) for c in contributions)
    name = _text(country, "name")
    return Timeline(
        id="timeline",
        title=_("Timeline of %(country)s's missions, mandates and contributions, 2014 to today") % {"country": name},
        rows=rows,
    )


def mission_timeline(mission):
    """A mission: its own period, then per country the mandates covering it and the contributions to it. Reads the
    mission's prefetched `public_contributions` and `public_mandates` (no query of its own)."""
    rows = [Row(_text(mission, "title"), [mission_entry(mission)], heading=True)]
    countries = {}
    for contribution in mission.public_contributions:
        countries.setdefault(contribution.country.code, [contribution.country, [], []])[1].append(contribution)
    for mandate in mission.public_mandates:
        countries.setdefault(mandate.country.code, [mandate.country, [], []])[2].append(mandate)
    for code in sorted(countries):
        country, contributions, mandates = countries[code]
        label = _("%(country)s: mandates") % {"country": _text(country, "name")} if mandates else _text(country, "name")
        rows.append(Row(label, [mandate_entry(mandate, code) for mandate in mandates], heading=True))
        rows.extend(Row(_text(c, "title"), [contribution_entry(c)]) for c in contributions)
    return Timeline(
        id="timeline",
        title=_("Timeline of %(mission)s with mandates and contributions, 2014 to today")
        % {"mission": _text(mission, "title")},
        rows=rows,
    )


def overview_timeline(missions, countries, today=None):
    """The home page's overview: per contributing country the years in which at least one of its contributions
    was under way and the number of mandates decided each year, then the missions the page lists. Yearly figures
    keep it the same size however much content there is, and match the lists' "year" filters, which the entries
    link to. `missions` and `countries` are the page's own (evaluated here, so the page's lists reuse them); two
    queries, shared through the query cache (`overview_years`), read the years."""
    today = today or timezone.localdate()
    countries = list(countries)
    missions = list(missions)
    years = range(AXIS_START.year, today.year + 1)
    active_years, decisions = overview_years(years)
    contribution_list = reverse("contributions:contribution_list")
    mandate_list = reverse("contributions:mandate_list")
    rows = []
    for country in countries:
        name = _text(country, "name")
        spans = [
            Entry(
                kind=EntryKind.ACTIVE,
                name=name,
                url=f"{contribution_list}?{urlencode({'country': country.code})}",
                country=country.code,
                period=Period(
                    datetime.date(first, 1, 1), DatePrecision.YEAR, datetime.date(last, 1, 1), DatePrecision.YEAR
                ),
            )
            for first, last in consecutive(active_years.get(country.pk, []))
        ]
        rows.append(Row(_("%(country)s: years with contributions under way") % {"country": name}, spans, heading=True))
        per_year = [
            Entry(
                kind=EntryKind.MANDATES,
                name=ngettext("%(count)d mandate", "%(count)d mandates", count) % {"count": count},
                url=f"{mandate_list}?{urlencode({'country': country.code, 'year': year})}",
                country=country.code,
                date=datetime.date(year, 7, 1),  # Drawn in the middle of its year.
                date_precision=DatePrecision.YEAR,
                count=count,
            )
            for year, count in decisions.get(country.pk, [])
        ]
        if per_year:
            rows.append(Row(_("%(country)s: mandates per year") % {"country": name}, per_year))
    for mission in missions:
        rows.append(Row(_text(mission, "title"), [mission_entry(mission)]))
    return Timeline(
        id="timeline",
        title=_("Timeline of missions, mandates and contributions, 2014 to today"),
        rows=rows,
        today=today,
    )


def overview_years(years):
    """Per contributing country: the years in which one of its contributions was under way, and (year, number of
    mandates decided) pairs. Each is one grouped query whose rows are bounded by countries and years, not by the
    number of contributions or mandates."""
    # Under way in a year: as the contribution list's "Active in year" filter (ContributionQuerySet.active_in):
    # started in or before it and not ended before it. One row per country and (start year, end year).
    spans = (
        Contribution.objects.published()
        .filter(country__is_contributor=True, start_date__isnull=False)
        .order_by()
        .values_list("country_id", ExtractYear("start_date"), ExtractYear("end_date"))
        .distinct()
    )
    under_way = {}
    for country_id, first, last in spans:
        under_way.setdefault(country_id, set()).update(
            year for year in years if first <= year and (last is None or last >= year)
        )
    active_years = {country_id: [year for year in years if year in found] for country_id, found in under_way.items()}
    # Decided in a year: as the mandate list's "Year" filter (adopted, or else in force from).
    decisions = {}
    for country_id, year, count in (
        Mandate.objects.published()
        .filter(country__is_contributor=True)
        .annotate(decision_year=ExtractYear(Coalesce("adopted_on", "valid_from")))
        .filter(decision_year__isnull=False)
        .order_by()
        .values("country_id", "decision_year")
        .annotate(count=Count("pk"))
        .values_list("country_id", "decision_year", "count")
        .order_by("decision_year")
    ):
        decisions.setdefault(country_id, []).append((year, count))
    return active_years, decisions


def consecutive(years):
    """Runs of consecutive years as (first, last): [2014, 2015, 2017] gives (2014, 2015) and (2017, 2017)."""
    runs = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs
