"""A server-rendered SVG timeline of missions, mandates and contributions from 2014 to today, with the same
data as a table.

The SVG uses only presentation attributes (x, y, width, height, d) and classes; its colours come from
static/css/discovery.css, so it runs under a Content-Security-Policy without inline styles. It is an image (role
"img") named by the caption above it, whose description points to the table after it: the same entries, with
links and dates, for screen readers and anyone who prefers a table.

Bars draw only what the sources say (core/periods.py): the known span solid; after a last confirmation, a hatched
continuation up to today or the planned end; an end that is not known, fading out. The legend explains them and
the table says the same in words.

Rows are built from what the pages already load (a country's or a mission's contributions and mandates, read as
plain values); the home page's overview reads yearly figures in two queries, each grouped in the database (the
years the contributions' drawings reach, the mandates counted per year), so neither its drawing nor its reading
grows with the content."""

import calendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contributions.models import Contribution, Mandate
from core import fallbacks
from core.dates import floor
from core.languages import join_url, url_prefix
from core.models import DatePrecision, EndState
from core.periods import Period, ceiling, date_html, known_first_year, known_last_year

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
# A row label fits its gutter at the label's size, bold included; the clip path below keeps any longer one (a wide
# font) out of the bars' area, so no bar ever covers a label. The table and the narrow list give the names in full.
LABEL_CHARACTERS = 36
LABEL_GAP = 6  # Between a label's clip and the first possible bar.
# How far a fading (unknown) end reaches past the last date a source gives, when nothing bounds it.
FADE = datetime.timedelta(days=365)


class Style:
    """How a stretch of a bar is drawn: what a source says (solid), a continuation after the last confirmation
    up to today or a planned end (hatched), or an end that is not known (fading)."""

    KNOWN = "known"
    CONTINUED = "continued"
    FADING = "fading"


def segments(period, today):
    """(first day, day after the last, Style) of the stretches a period is drawn as; the year rule's known span
    (core/periods.py) is the solid one. Nothing without a known span."""
    first, until = period.first_day, period.known_until
    if first is None or until is None:
        return []
    parts = [(first, until, Style.KNOWN)]
    if period.end_state == EndState.UNDER_WAY:
        parts.append((until, today + datetime.timedelta(days=1), Style.CONTINUED))
    elif period.end_state == EndState.PLANNED:
        parts.append((until, ceiling(period.end, period.end_precision), Style.CONTINUED))
    elif period.end_state == EndState.ENDED_UNDATED and period.end is not None:
        parts.append((until, ceiling(period.end, period.end_precision), Style.FADING))
    elif period.end_state in (EndState.ENDED_UNDATED, EndState.NOT_KNOWN):
        parts.append((until, min(until + FADE, today + datetime.timedelta(days=1)), Style.FADING))
    return [(start, end, style) for start, end, style in parts if end > start]


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
    style: str = ""  # For the overview's yearly spans: how the whole bar is drawn (a Style); else from the period.

    @property
    def kind_label(self):
        return ENTRY_KIND_LABELS[self.kind]

    def dates_html(self):
        if self.style:
            return format_html("{} ({})", self.period.html(), STYLE_WORDS[self.style])
        if self.period is not None:
            return self.period.html()
        if self.date is not None:
            date = date_html(self.date, self.date_precision)
            return format_html("{} {}", self.date_label, date) if self.date_label else date
        return _("Dates not known")

    def segments(self, today):
        if self.style:
            return [(self.period.first_day, self.period.known_until, self.style)]
        return segments(self.period, today) if self.period is not None else []


STYLE_WORDS = {
    Style.KNOWN: gettext_lazy("under way according to the sources"),
    Style.CONTINUED: gettext_lazy("after the last confirmation: perhaps still under way, not confirmed"),
    Style.FADING: gettext_lazy("end not known"),
}


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
    def styles(self):
        """The ways bars are drawn here (Style), for the legend."""
        return {style for _row, entry in self.entries for _start, _end, style in entry.segments(self.today)}

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
            'preserveAspectRatio="xMinYMin meet"><desc id="{id}-desc">{desc}</desc>{defs}{body}</svg>',
            width=WIDTH,
            height=self.height,
            id=self.id,
            desc=_(
                "Bars show periods and diamonds show decisions. A solid bar is what the sources say; a hatched bar "
                "continues after the last confirmation; a fading bar ends at a time no source gives. The table "
                "after the chart gives the same data."
            ),
            defs=self._defs(),
            body=mark_safe("".join(body)),  # Each part is built with format_html.
        )

    def _defs(self):
        """Masks for the hatched (continued) and fading (unknown end) stretches; the legend uses them too. They
        cut the bar's own colour, so a bar keeps its country's colour (set by its class)."""
        return format_html(
            '<defs><pattern id="{id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="3" height="6" fill="white"></rect></pattern>'
            '<clipPath id="{id}-gutter"><rect x="0" y="0" width="{gutter}" height="{height}"></rect></clipPath>'
            '<mask id="{id}-hatch" x="0" y="0" width="1" height="1">'
            '<rect x="0" y="0" width="{width}" height="{height}" fill="url(#{id}-stripes)"></rect></mask>'
            '<linearGradient id="{id}-fade-gradient"><stop offset="0" stop-color="white" stop-opacity="0.9"></stop>'
            '<stop offset="1" stop-color="white" stop-opacity="0"></stop></linearGradient>'
            '<mask id="{id}-fade" maskContentUnits="objectBoundingBox" x="0" y="0" width="1" height="1">'
            '<rect x="0" y="0" width="1" height="1" fill="url(#{id}-fade-gradient)"></rect></mask></defs>',
            id=self.id,
            width=WIDTH,
            height=self.height,
            gutter=GUTTER - LABEL_GAP,
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
                '<text class="timeline__label" x="8" y="{y}" clip-path="url(#{id}-gutter)">{label}</text>',
                y=number(middle + 5),
                id=self.id,
                label=_truncate(row.label),
            )
        ]
        for entry in row.entries:
            parts.extend(self._bar(entry, middle, *segment) for segment in entry.segments(self.today))
        for entry in row.entries:
            if entry.period is None and entry.date is not None:
                parts.append(self._marker(entry, middle))
        if row.entries and not any(entry.segments(self.today) or entry.date is not None for entry in row.entries):
            # Nothing to draw: say in words what is known (a start that is not known, say).
            entry = row.entries[0]
            parts.append(
                format_html(
                    '<text class="timeline__unknown" x="{}" y="{}">{}</text>',
                    number(GUTTER + 6),
                    number(middle + 5),
                    _truncate(entry.period.text() if entry.period is not None else _("Dates not known"), 60),
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

    def _bar(self, entry, middle, start, end, style):
        height = THIN_BAR_HEIGHT if entry.kind == EntryKind.MISSION else BAR_HEIGHT
        x1 = self.x(start)
        x2 = max(self.x(end), x1 + 2)
        colour = _country_class(entry.country) if entry.country else ""
        classes = " ".join(
            filter(None, ["timeline__bar", f"timeline__bar--{entry.kind}", f"timeline__bar--{style}", colour])
        )
        mask = {Style.CONTINUED: "hatch", Style.FADING: "fade"}.get(style)
        return format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="2"{}></rect>',
            classes,
            number(x1),
            number(middle - height / 2),
            number(x2 - x1),
            height,
            format_html(' mask="url(#{}-{})"', self.id, mask) if mask else "",
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
        period=Period.of(mission),
    )


class RowTexts:
    """Texts and addresses of contributions and mandates read as plain values (the `card_rows()` of their
    QuerySets), as the visitor sees them: the active language or its fallback; detail pages' addresses reversed
    once per timeline."""

    def __init__(self):
        self.language = fallbacks.active_language()
        self.order = fallbacks.languages(self.language)
        self.contribution_urls = url_prefix("contributions:contribution_detail")
        self.mission_urls = url_prefix("coalition:mission_detail")
        self.mandate_urls = url_prefix("contributions:mandate_detail")

    def text(self, row, field):
        return fallbacks.text_and_language(row, field, self.language, self.order)[0]

    def mission_entry(self, row):
        """The mission of a row read with `card_rows(mission=True)`."""
        return Entry(
            kind=EntryKind.MISSION,
            name=self.text(row, "mission__title"),
            url=join_url(self.mission_urls, self.text(row, "mission__slug")),
            period=Period.of_row(row, prefix="mission__"),
        )

    def mandate_entry(self, row):
        """A mandate (a row of `MandateQuerySet.card_rows()`) as a marker on the day it was adopted (or, without
        that date, took effect)."""
        if row["adopted_on"]:
            date, precision, label = row["adopted_on"], row["adopted_precision"], _("adopted")
        elif row["valid_from"]:
            date, precision, label = row["valid_from"], row["valid_from_precision"], _("in force from")
        else:
            date, precision, label = None, DatePrecision.DAY, ""
        return Entry(
            kind=EntryKind.MANDATE,
            name=self.text(row, "label"),
            url=join_url(self.mandate_urls, self.text(row, "slug")),
            country=row["country__code"],
            date=date,
            date_precision=precision,
            date_label=label,
        )

    def contribution_entry(self, row, country_code):
        return Entry(
            kind=EntryKind.CONTRIBUTION,
            name=self.text(row, "title"),
            url=join_url(self.contribution_urls, self.text(row, "slug")),
            country=country_code,
            period=Period.of_row(row),
        )


# -- The three timelines ------------------------------------------------------------------------------------------


def country_timeline(country):
    """A contributing country: its mandates, then each mission it contributed to with its contributions. Reads
    the country's `public_contributions` (rows of `card_rows(mission=True)`) and `public_mandates` (rows of
    `card_rows()`; no query of its own)."""
    texts = RowTexts()
    rows = []
    mandates = [texts.mandate_entry(mandate) for mandate in country.public_mandates]
    if mandates:
        rows.append(Row(_("Mandates"), mandates, heading=True))
    by_mission = {}
    for contribution in country.public_contributions:
        by_mission.setdefault(contribution["mission_id"], []).append(contribution)
    for contributions in by_mission.values():
        mission = texts.mission_entry(contributions[0])
        rows.append(Row(mission.name, [mission], heading=True))
        rows.extend(Row(texts.text(c, "title"), [texts.contribution_entry(c, country.code)]) for c in contributions)
    name = _text(country, "name")
    return Timeline(
        id="timeline",
        title=_("Timeline of %(country)s's missions, mandates and contributions, 2014 to today") % {"country": name},
        rows=rows,
    )


def mission_timeline(mission):
    """A mission: its own period, then per country the mandates covering it and the contributions to it. Reads the
    mission's `public_contributions` (rows of `card_rows(country=True)`) and `public_mandates` (rows of
    `card_rows(missions=False)`; no query of its own)."""
    texts = RowTexts()
    rows = [Row(_text(mission, "title"), [mission_entry(mission)], heading=True)]
    countries = {}  # code: [name, contributions, mandates]
    for contribution in mission.public_contributions:
        name = texts.text(contribution, "country__name")
        countries.setdefault(contribution["country__code"], [name, [], []])[1].append(contribution)
    for mandate in mission.public_mandates:
        name = texts.text(mandate, "country__name")
        countries.setdefault(mandate["country__code"], [name, [], []])[2].append(mandate)
    for code in sorted(countries):
        name, contributions, mandates = countries[code]
        label = _("%(country)s: mandates") % {"country": name} if mandates else name
        rows.append(Row(label, [texts.mandate_entry(mandate) for mandate in mandates], heading=True))
        rows.extend(Row(texts.text(c, "title"), [texts.contribution_entry(c, code)]) for c in contributions)
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
    queries (`overview_years`) read the years."""
    today = today or timezone.localdate()
    countries = list(countries)
    missions = list(missions)
    years = range(AXIS_START.year, today.year + 1)
    active_years, decisions = overview_years(years, today)
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
                    datetime.date(first, 1, 1),
                    DatePrecision.YEAR,
                    datetime.date(last, 1, 1),
                    DatePrecision.YEAR,
                    EndState.ENDED,
                ),
                style=style,
            )
            for first, last, style in runs(active_years.get(country.pk, {}))
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


# Ranks of the overview's yearly styles: a year takes the strongest style any of a country's contributions gives it.
RANKS = {Style.FADING: 1, Style.CONTINUED: 2, Style.KNOWN: 3}


# The continuation of each contribution's drawing beyond its known span (`segments`) by years, in SQL: the style
# (a rank of RANKS, 0 for none) and the first and last year the stretch reaches. The stretch runs from `until`, the
# day after the last day a source places the contribution under way (its confirmation, else its start: L, known
# to precision P; `ceiling` in core/dates.py), to today (under way), to the end date E (planned; ended by a date)
# or a year (FADE) past `until`, at most to today (other unknown ends). Each condition compares with constants:
# - `until` is in the next year for a date known to the year, for December (a month or a winter) and 31 December;
# - a stretch to today is empty when `until` is after today, i.e. L >= floor(today, P) (the `%(floor_*)s` values);
# - a year past `until` ends in `until`'s own year only when `until` is 1 January (or 2 January of a leap year);
# - an end's stretch that is empty adds a year only after a winter confirmed or begun in December (its known span
#   ends in February of the next year, outside the year rule's years): it counts when E reaches past 1 March.
# Written as SQL rather than with Django's expressions: built from those, the same query took about 20 ms to
# compile on every request, many times what it takes to run on the real content.
_CONTINUATION_SQL = """
CASE WHEN {L} IS NULL THEN 0
     WHEN end_state = 'under-way' AND {up_to_today} THEN %(continued)s
     WHEN end_state = 'planned' AND end_date IS NOT NULL AND {by_end} THEN %(continued)s
     WHEN end_state = 'ended-undated' AND end_date IS NOT NULL AND {by_end} THEN %(fading)s
     WHEN (end_state = 'not-known' OR (end_state = 'ended-undated' AND end_date IS NULL)) AND {up_to_today}
          THEN %(fading)s
     ELSE 0 END"""
_CONTINUATION_FIRST_SQL = "{until_year}"
_CONTINUATION_LAST_SQL = """
CASE WHEN end_state = 'under-way' THEN %(this_year)s
     WHEN end_state IN ('planned', 'ended-undated') AND end_date IS NOT NULL
          THEN {YE} + CASE WHEN end_precision = 'season' AND {ME} = 12 THEN 1 ELSE 0 END
     WHEN {until_year} + CASE WHEN {until_new_year} OR ({P} = 'day' AND {ML} = 1 AND {DL} = 1 AND {YL} IN ({leap}))
                              THEN 0 ELSE 1 END > %(this_year)s THEN %(this_year)s
     ELSE {until_year} + CASE WHEN {until_new_year} OR ({P} = 'day' AND {ML} = 1 AND {DL} = 1 AND {YL} IN ({leap}))
                              THEN 0 ELSE 1 END
END"""
_PARTS = {
    "until_year": "({YL} + CASE WHEN {until_new_year} OR ({P} = 'season' AND {ML} = 12) THEN 1 ELSE 0 END)",
    "until_new_year": "({P} = 'year' OR ({P} = 'month' AND {ML} = 12) OR ({P} = 'day' AND {ML} = 12 AND {DL} = 31))",
    "up_to_today": "(({P} = 'day' AND {L} < %(floor_day)s) OR ({P} = 'month' AND {L} < %(floor_month)s)"
    " OR ({P} = 'season' AND {L} < %(floor_season)s) OR ({P} = 'year' AND {L} < %(floor_year)s))",
    "by_end": "(NOT ({P} = 'season' AND {ML} = 12) OR (end_precision = 'year' AND {YE} > {YL})"
    " OR (end_precision <> 'year' AND {YE} * 12 + {ME} >= {YL} * 12 + {ML} + 3))",
}
_DATE_PARTS = {
    "postgresql": "EXTRACT({part} FROM {date})::integer",
    "sqlite": "CAST(strftime('%%{part}', {date}) AS INTEGER)",
}
_SQLITE_PARTS = {"YEAR": "Y", "MONTH": "m", "DAY": "d"}
# The contribution's columns, named with their table (the query joins missions, which have the same ones).
_COLUMN = re.compile(
    r"\b(start_date|start_precision|end_date|end_precision|end_state|confirmed_on|confirmed_precision)\b"
)
_PARAMETER = re.compile(r"%\((\w+)\)s")


def _continuations(today, connection):
    """Annotations `continuation`, `continuation_first`, `continuation_last` (see _CONTINUATION_SQL)."""
    vendor = connection.vendor
    date_part = _DATE_PARTS[vendor]
    table = connection.ops.quote_name(Contribution._meta.db_table)

    def part(name, date):
        return date_part.format(part=_SQLITE_PARTS[name] if vendor == "sqlite" else name, date=date)

    last_known = "COALESCE(confirmed_on, start_date)"
    names = {
        "L": last_known,
        "P": "(CASE WHEN confirmed_on IS NOT NULL THEN confirmed_precision ELSE start_precision END)",
        "YL": part("YEAR", last_known),
        "ML": part("MONTH", last_known),
        "DL": part("DAY", last_known),
        "YE": part("YEAR", "end_date"),
        "ME": part("MONTH", "end_date"),
        "leap": ", ".join(str(year) for year in range(AXIS_START.year - 1, today.year + 2) if calendar.isleap(year)),
    }
    for name, template in _PARTS.items():  # Parts that use other parts come first in _PARTS: resolve in reverse.
        names[name] = template
    for _round in range(3):
        names = {name: value.format(**names) if name in _PARTS else value for name, value in names.items()}
    values = {
        "continued": RANKS[Style.CONTINUED],
        "fading": RANKS[Style.FADING],
        "this_year": today.year,
        **{f"floor_{precision}": floor(today, precision) for precision in DatePrecision},
    }

    def sql(template):
        # %(name)s placeholders become query parameters, in order.
        text = template.format(**names)
        params = []

        def parameter(match):
            params.append(values[match[1]])
            return "%s"

        text = _COLUMN.sub(lambda match: f"{table}.{connection.ops.quote_name(match[0])}", text)
        return RawSQL(_PARAMETER.sub(parameter, text), params, output_field=IntegerField())

    return {
        "continuation": sql(_CONTINUATION_SQL),
        "continuation_first": sql(_CONTINUATION_FIRST_SQL),
        "continuation_last": sql(_CONTINUATION_LAST_SQL),
    }


def overview_years(years, today):
    """Per contributing country: {year: Style} of the years in which its contributions were under way by the year
    rule (core/periods.py: Style.KNOWN), or only continued after a last confirmation (Style.CONTINUED) or faded
    into an unknown end (Style.FADING): the years a contribution's drawing (`segments`) reaches; and (year,
    number of mandates decided) pairs. Two queries, each grouped in the database by the years that matter, so
    their rows do not grow with the number of contributions."""
    rank = RANKS
    active_years = {}
    rows = (
        Contribution.objects.published()
        .filter(country__is_contributor=True)
        .annotate(
            known_first=known_first_year(),
            known_last=known_last_year(),
            **_continuations(today, connections[Contribution.objects.db]),
        )
        .order_by()
        .values_list(
            "country_id", "known_first", "known_last", "continuation", "continuation_first", "continuation_last"
        )
        .distinct()
    )
    for country_id, known_first, known_last, continuation, first, last in rows:
        known = range(known_first, known_last + 1) if known_first is not None and known_last is not None else range(0)
        per_year = active_years.setdefault(country_id, {})
        if continuation:
            style = Style.CONTINUED if continuation == rank[Style.CONTINUED] else Style.FADING
            for year in range(first, last + 1):
                if year in years and year not in known and rank[style] > rank.get(per_year.get(year), 0):
                    per_year[year] = style
        # A winter (December to February) counts in its first year, as in the year filter.
        for year in known:
            if year in years:
                per_year[year] = Style.KNOWN
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


def runs(styles):
    """Runs of consecutive years drawn alike as (first, last, Style): {2014: known, 2015: known, 2016: continued}
    gives (2014, 2015, known) and (2016, 2016, continued)."""
    found = []
    for year in sorted(styles):
        style = styles[year]
        if found and year == found[-1][1] + 1 and style == found[-1][2]:
            found[-1] = (found[-1][0], year, style)
        else:
            found.append((year, year, style))
    return found
