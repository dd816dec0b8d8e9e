"""Periods as the sources give them: when something began (or that the start is not known) and what is known of
its end (core.models.EndState). This module is the one place that words a period, for every surface: the pages
and cards (`period_html`), and the feeds, exports and chart labels (`period_text`). It also holds the year rule
that the lists, the exports, the comparison and the timeline share.

The year rule: a period counts as under way in a year only where its *known span* reaches that year. The known
span runs from the start (or, when the start is not known, from the earliest date a source places it under way:
the confirmation date, or the end date of an ended period) to the latest date a source places it under way: the
end date of an ended period, the confirmation date of one under way or planned, otherwise the start. So an unknown
start or end never stretches a period over years no source speaks of; a period with no date at all is in no
year. The `year=` filters and the timeline's solid spans follow it; the timeline draws what lies beyond the known
span (a continuation after a confirmation, a fading unknown end) differently."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Case, Q, When
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from .dates import EDTF_SEASONS, ceiling, floor, season_start
from .models import DatePrecision, EndState


def season_name(value):
    start = season_start(value)
    return {
        3: pgettext("season of a year", "spring %(year)s"),
        6: pgettext("season of a year", "summer %(year)s"),
        9: pgettext("season of a year", "autumn %(year)s"),
        12: pgettext("season of a year", "winter %(year)s"),
    }[start.month] % {"year": start.year}


def partial_date(value, precision):
    """An ISO 8601 date with no more precision than the source gives: 2014-10-02, 2014-10 or 2014; a season in
    EDTF (ISO 8601-2): 2014-23 for autumn 2014."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return value.strftime("%Y")
    if precision == DatePrecision.SEASON:
        start = season_start(value)
        return f"{start.year}-{EDTF_SEASONS[start.month]}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%Y-%m")
    return value.isoformat()


def date_text(value, precision=DatePrecision.DAY):
    """(text, machine-readable value) of a date as precisely as its source gives it: "2 October 2014",
    "October 2014", "autumn 2014" or "2014" (localized), and its `partial_date`."""
    return _date_text(value, precision, get_language())


# Worded once per date, precision and language rather than on every request: Django's date formatting takes about
# 30 µs a date, and a page words many (a country's page about 120, the home page about 85). The wording depends on
# nothing else (the formats and translations are fixed while the site runs), so an entry is never out of date; the
# bound keeps the memory small however many dates the content holds.
@lru_cache(maxsize=4096)
def _date_text(value, precision, language):
    if precision == DatePrecision.YEAR:
        text = date_format(value, "Y")
    elif precision == DatePrecision.SEASON:
        text = season_name(value)
    elif precision == DatePrecision.MONTH:
        text = date_format(value, "YEAR_MONTH_FORMAT")
    else:
        text = date_format(value, "DATE_FORMAT")
    return text, partial_date(value, precision)


def date_html(value, precision=DatePrecision.DAY):
    """A date as precisely as its source gives it, in a <time> element."""
    if not value:
        return ""
    text, machine = date_text(value, precision)
    return format_html('<time datetime="{}">{}</time>', machine, text)


@dataclass(frozen=True)
class Source:
    """The confirming source as the wording needs it."""

    publisher: str
    url: str = ""
    title: str = ""


# A PeriodModel's columns in the order of Period's fields before `confirmed_by`: what a query reads to build a
# Period without model instances (`Period(*row)`).
PERIOD_FIELDS = (
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "end_state",
    "confirmed_on",
    "confirmed_precision",
)


@dataclass(frozen=True)
class Period:
    """A period as the source gives it. `start` None: not known. `end` is read as `end_state` says."""

    start: datetime.date | None = None
    start_precision: str = DatePrecision.DAY
    end: datetime.date | None = None
    end_precision: str = DatePrecision.DAY
    end_state: str = EndState.NOT_KNOWN
    confirmed_on: datetime.date | None = None
    confirmed_precision: str = DatePrecision.DAY
    confirmed_by: Source | None = None

    @classmethod
    def of_row(cls, row, prefix=""):
        """The period of a row of `values()` with PERIOD_FIELDS and the confirming source's
        `confirmed_by__publisher`, `confirmed_by__url` and `confirmed_by__title` (None where there is none), each
        name after `prefix` for a related row's period ("mission__")."""
        source = None
        if row[f"{prefix}confirmed_by__publisher"] is not None:
            source = Source(*(row[f"{prefix}confirmed_by__{name}"] for name in ("publisher", "url", "title")))
        return cls(*(row[f"{prefix}{name}"] for name in PERIOD_FIELDS), source)

    @classmethod
    def of(cls, obj):
        """The period of a PeriodModel instance (its `confirmed_by` should be selected with it)."""
        source = None
        if obj.confirmed_by_id or type(obj).confirmed_by.field.is_cached(obj):
            confirmed_by = obj.confirmed_by
            if confirmed_by is not None:
                source = Source(confirmed_by.publisher, confirmed_by.url, confirmed_by.title)
        return cls(
            obj.start_date,
            obj.start_precision,
            obj.end_date,
            obj.end_precision,
            obj.end_state,
            obj.confirmed_on,
            obj.confirmed_precision,
            source,
        )

    @property
    def first_day(self):
        """The first day the period is known to cover, or None."""
        if self.start is not None:
            return floor(self.start, self.start_precision)
        if self.confirmed_on is not None:
            return floor(self.confirmed_on, self.confirmed_precision)
        if self.end_state == EndState.ENDED:
            return floor(self.end, self.end_precision)
        return None

    @property
    def known_until(self):
        """The day after the last day a source places it under way (see the year rule above), or None."""
        if self.end_state == EndState.ENDED:
            return ceiling(self.end, self.end_precision)
        if self.confirmed_on is not None:
            return ceiling(self.confirmed_on, self.confirmed_precision)
        if self.start is not None:
            return ceiling(self.start, self.start_precision)
        return None

    def continues_until(self, today):
        """Where a continuation beyond the known span ends: today while under way, the planned end, the date by
        which it had ended. None when nothing is known beyond the known span."""
        if self.end_state == EndState.UNDER_WAY:
            return today + datetime.timedelta(days=1)
        if self.end_state in (EndState.PLANNED, EndState.ENDED_UNDATED) and self.end is not None:
            return ceiling(self.end, self.end_precision)
        return None

    @property
    def end_is_open(self):
        """The end is not known (drawn as a fading end)."""
        return self.end_state in (EndState.NOT_KNOWN, EndState.ENDED_UNDATED)

    def years(self):
        """The years of the known span, by the year rule: the same as `known_first_year()`/`known_last_year()` in
        SQL, from the stored dates (a date known to a month, season or year is stored as its first day)."""
        first = self.start or self.confirmed_on or (self.end if self.end_state == EndState.ENDED else None)
        last = self.end if self.end_state == EndState.ENDED else self.confirmed_on or self.start
        if first is None or last is None:
            return range(0)
        return range(first.year, last.year + 1)

    # -- Wording ---------------------------------------------------------------------------------------------------

    def _words(self, date, source, fmt):
        """The period in words: `date(value, precision)` and `source(Source)` render the parts, and
        `fmt(sentence, **parts)` puts them into a translated sentence."""
        start = date(self.start, self.start_precision) if self.start else None
        state = self.end_state
        confirmed = None
        if self.confirmed_on is not None:
            confirmed = fmt(
                _("under way as of %(date)s (%(source)s)"),
                date=date(self.confirmed_on, self.confirmed_precision),
                source=source(self.confirmed_by) if self.confirmed_by else "",
            )
        if state == EndState.ENDED:
            end = date(self.end, self.end_precision)
        elif state == EndState.ENDED_UNDATED:
            end = fmt(_("ended by %(date)s"), date=date(self.end, self.end_precision)) if self.end else None
            end = end or fmt(_("ended, date not known"))
        elif state == EndState.PLANNED:
            end = fmt(_("planned until %(date)s"), date=date(self.end, self.end_precision))
            if confirmed:
                end = fmt(
                    _("%(confirmed)s, planned until %(date)s"),
                    confirmed=confirmed,
                    date=date(self.end, self.end_precision),
                )
        elif state == EndState.UNDER_WAY:
            end = confirmed
        else:
            end = None
        if start is None and end is None:
            return fmt(_("Dates not known"))
        start = start if start is not None else fmt(_("start not known"))
        end = end if end is not None else fmt(_("end not known"))
        return fmt("%(start)s \N{EN DASH} %(end)s", start=start, end=end)

    def text(self):
        """The period in plain words, for feeds, exports and chart labels."""
        return self._words(
            lambda value, precision: date_text(value, precision)[0],
            lambda source: source.publisher,
            lambda sentence, **parts: sentence % parts if parts else sentence,
        )

    def html(self):
        """The period in words with <time> elements and a link to the confirming source, for the pages."""

        def source_html(source):
            if source.url:
                return format_html('<a href="{}">{}</a>', source.url, source.publisher)
            return conditional_escape(source.publisher)

        def fmt(sentence, **parts):
            # The sentence is escaped; the parts are escaped HTML already.
            sentence = conditional_escape(sentence)
            return mark_safe(
                sentence % {name: conditional_escape(part) for name, part in parts.items()} if parts else sentence
            )

        return self._words(date_html, source_html, fmt)


def period_text(obj):
    return Period.of(obj).text()


def period_html(obj):
    return Period.of(obj).html()


# -- The year rule in SQL ------------------------------------------------------------------------------------------


def known_first_year():
    """The first year of a PeriodModel row's known span (see the module's docstring), as an SQL expression."""
    return Case(
        When(start_date__isnull=False, then=ExtractYear("start_date")),
        When(confirmed_on__isnull=False, then=ExtractYear("confirmed_on")),
        When(end_state=EndState.ENDED, then=ExtractYear("end_date")),
        default=None,
    )


def known_last_year():
    """The last year of a PeriodModel row's known span, as an SQL expression. Dates known only to a month, a
    season or a year are stored as their first day; a winter (December to February) counts in its first year."""
    return Case(
        When(end_state=EndState.ENDED, then=ExtractYear("end_date")),
        When(confirmed_on__isnull=False, then=ExtractYear("confirmed_on")),
        default=ExtractYear("start_date"),
    )


def under_way_in(year):
    """A condition on annotated `known_first_year`/`known_last_year`: the known span reaches `year`."""
    return Q(known_first_year__lte=year, known_last_year__gte=year)
