"""The open data sets: which public list each one reproduces, and its columns. The CSV, JSON and XLSX exports, the
JSON Schema, the Table Schema (with its foreign keys), the data package, the DCAT catalogue and the "Open data" page
are all generated from these definitions, so they cannot drift apart.

A data set's rows are exactly the rows of its public list under the same filters: the export takes the list
view's own queryset (published objects, in the list's order) and its FilterSet, with the same validation. The
sources, organisations and citations have no list on the site: their rows are what the published records cite or
name, and they have no filters. A parameter that is not one of a data set's filters, or a filter given twice, is
refused rather than ignored or half applied.

Related sets (sources, partner countries, missions covered…) are read in the same query as the rows, each as a
JSON array from a correlated subquery, so an export runs a fixed number of queries however many rows it has,
and can be streamed from a server-side cursor.

Rows are read as plain values (`QuerySet.values()`), only those the columns read, not as model instances: each
column's getter declares its values (`reads`), so a row of contributions is one dict rather than five model
instances with every field in every language, which was most of an export's time. Whatever does not change from
row to row (the detail address pattern, the order of fallback languages, how each kind of value is written) is
worked out once per request or per column, not per row."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Aggregate, CharField, Exists, F, JSONField, OuterRef, Q, Subquery, Value
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coalition.models import Country, Mission, MissionKind, Organisation, OrganisationKind
from coalition.views import MissionListView
from contributions.models import Authorisation, Certainty, Contribution, Mandate, MandateKind, PersonnelQualifier
from contributions.views import ContributionListView, MandateListView
from core import fallbacks
from core.models import DatePrecision, EndState, KeyFigure, Source, SourceKind, is_public
from core.periods import PERIOD_FIELDS as PERIOD_MODEL_FIELDS
from core.periods import Period, partial_date
from programmes.models import Currency, Programme
from programmes.views import ProgrammeListView

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SLUG_FIELDS = tuple(f"slug_{code}" for code in LANGUAGE_CODES)


class Kind:
    """What a column holds, and so how it is written in CSV and JSON and described in the schemas."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"  # A full ISO 8601 date: 2014-10-02.
    # An ISO 8601 date as precise as the source: 2014-10-02, 2014-10 or 2014; a season in EDTF (2014-23: autumn).
    PARTIAL_DATE = "partial-date"
    DATETIME = "datetime"
    URL = "url"
    LIST = "list"  # Several identifiers or addresses: an array in JSON, separated by spaces in CSV.


KIND_LABELS = {
    Kind.STRING: _("text"),
    Kind.INTEGER: _("whole number"),
    Kind.NUMBER: _("number"),
    Kind.DATE: _("date (YYYY-MM-DD)"),
    Kind.PARTIAL_DATE: _(
        "date as precise as the source (YYYY-MM-DD, YYYY-MM or YYYY; a season as YYYY-21 to YYYY-24 for spring, "
        "summer, autumn and winter, as in ISO 8601-2)"
    ),
    Kind.DATETIME: _("date and time (ISO 8601, UTC)"),
    Kind.URL: _("web address"),
    Kind.LIST: _("list (separated by spaces in CSV, an array in JSON)"),
}

# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    getter: object  # (row, ExportContext) -> value, declared with the values it reads (see `reads`)
    required: bool = False
    choices: tuple = ()

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def fields(self):
        """What the column reads from each row: lookups of the data set's model and its arrays."""
        return self.getter.fields


# How a value of each kind is written: one function per kind, chosen once per column rather than for every cell.


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return str(value)


def _csv_plain(value):
    return "" if value is None else str(value)


def _csv_list(value):
    return "" if value is None else _csv_text(" ".join(value))  # A list's cell starts with its first item.


def _csv_number(value):
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


def _csv_iso(value):
    return "" if value is None else iso(value)


def _json_plain(value):
    return None if value is None or value == "" else value


def _json_list(value):
    return [] if value is None or value == "" else value


def _json_number(value):
    if value is None or value == "":
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _json_iso(value):
    return None if value is None or value == "" else iso(value)


CSV_CELLS = {
    Kind.STRING: _csv_text,  # Protected from spreadsheets reading it as a formula.
    Kind.INTEGER: _csv_plain,
    Kind.NUMBER: _csv_number,
    Kind.DATE: _csv_iso,
    Kind.PARTIAL_DATE: _csv_plain,
    Kind.DATETIME: _csv_iso,
    Kind.URL: _csv_plain,
    Kind.LIST: _csv_list,  # Protected like text.
}

JSON_VALUES = {
    Kind.STRING: _json_plain,
    Kind.INTEGER: _json_plain,
    Kind.NUMBER: _json_number,
    Kind.DATE: _json_iso,
    Kind.PARTIAL_DATE: _json_plain,
    Kind.DATETIME: _json_iso,
    Kind.URL: _json_plain,
    Kind.LIST: _json_list,
}


def iso(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


class ExportContext:
    """What column getters need beyond the row: each object's page in each language, as an absolute address.
    The address is the detail URL pattern with the slug the page would use (the language's, else its fallback's),
    as `get_absolute_url()` builds it. The pattern is resolved, and the order in which the languages' slugs are
    tried looked up, once per language and request: per row only the slug is put in."""

    placeholder = "slug-placeholder"

    def __init__(self, request, detail_url_name):
        self.request = request
        self.detail_url_name = detail_url_name
        self._templates = {}

    def _template(self, language):
        """(the address before the slug, the address after it, the slug fields to try in order)."""
        with translation.override(language):
            path = reverse(self.detail_url_name, kwargs={"slug": self.placeholder})
        before, _placeholder, after = self.request.build_absolute_uri(path).partition(self.placeholder)
        return before, after, fallbacks.field_names("slug", language)

    def absolute_url(self, row, language):
        template = self._templates.get(language)
        if template is None:
            template = self._templates[language] = self._template(language)
        before, after, slug_fields = template
        slug = fallbacks.first_of(row, slug_fields)
        return before + slug + after


class JSONArray(Aggregate):
    """Values as a JSON array (SQLite's json_group_array, PostgreSQL's jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def related_array(queryset, link, value):
    """A subquery giving, for each row of the outer query, the JSON array of `value` over the objects of
    `queryset` whose `link` (the relation back to the outer model) is that row. NULL when there are none."""
    return Subquery(
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()  # A model's default ordering would split the group.
        .values(link)
        .annotate(items=JSONArray(value))
        .values("items")
    )


def public_countries():
    return Country.objects.published()


def public_missions():
    return Mission.objects.published()


def all_sources():
    return Source.objects.all()


# -- Column helpers ------------------------------------------------------------------------------------------------


def reads(*fields):
    """Declares what a getter reads from each row (field lookups such as "country__code", or a data set's arrays
    such as "export_sources"), so that the export selects exactly those values."""

    def declare(getter):
        getter.fields = fields
        return getter

    return declare


def attr(name):
    return reads(name)(lambda row, context: row[name])


def empty_as_none(name):
    return reads(name)(lambda row, context: row[name] or None)


def public_value(relation, name, empty_as_none=False):
    """A value of a related object, or nothing when the object is missing or not public."""
    value, status, published_at = f"{relation}__{name}", f"{relation}__status", f"{relation}__published_at"

    @reads(value, status, published_at)
    def getter(row, context):
        if not is_public(row[status], row[published_at]):
            return None
        return (row[value] or None) if empty_as_none else row[value]

    return getter


def public_key(relation, key="key"):
    """The natural key of a related object, or nothing when it is missing or not public."""
    return public_value(relation, key)


def array(name):
    """The sorted values of a related set that the data set reads as a JSON array (see Dataset.arrays)."""
    field = f"export_{name}"
    return reads(field)(lambda row, context: sorted(row[field] or []))


def sources(row):
    return sorted(row["export_sources"] or [], key=lambda source: source["key"])


@reads("export_sources")
def source_keys(row, context):
    return [source["key"] for source in sources(row)]


@reads("export_sources")
def source_urls(row, context):
    return [source["url"] for source in sources(row)]


def partial_date_of(name, precision):
    return reads(name, precision)(lambda row, context: partial_date(row[name], row[precision]))


def ordered_array(name):
    """The values of a related set read as a JSON array of {"order", "value"} objects, in their order."""
    field = f"export_{name}"
    return reads(field)(
        lambda row, context: [item["value"] for item in sorted(row[field] or [], key=lambda item: item["order"])]
    )


def dated(name, precision, description):
    """A date with the precision the source gives it: the date column and its precision column."""
    return [
        Column(name, Kind.PARTIAL_DATE, description, partial_date_of(name, precision)),
        Column(
            precision,
            Kind.STRING,
            format_lazy(_("How much of {name} the source gives: day, month, season or year."), name=name),
            attr(precision),
            required=True,
            choices=tuple(DatePrecision.values),
        ),
    ]


def public_authorisations():
    """A contribution's published mandates, as the contribution's page lists them."""
    return Authorisation.objects.filter(mandate__in=public_mandates())


def public_mandates():
    return Mandate.objects.published()


def key_column(description):
    return Column("key", Kind.STRING, description, attr("key"), required=True)


def translated(name, description):
    """One column per language: title_da, title_nb, title_en. A text may be missing in some languages (the site
    then shows another language's), so each column may be empty."""
    return [
        Column(
            f"{name}_{code}",
            Kind.STRING,
            format_lazy("{description} ({language})", description=description, language=language),
            empty_as_none(f"{name}_{code}"),
        )
        for code, language in settings.LANGUAGES
    ]


PERIOD_FIELDS = (
    *PERIOD_MODEL_FIELDS,
    "confirmed_by__publisher",
    "confirmed_by__url",
    "confirmed_by__title",
)


def period_words(code):
    """The period in the site's own words (core.periods) in one language, as the pages show it."""

    @reads(*PERIOD_FIELDS)
    def getter(row, context):
        with translation.override(code):
            return Period.of_row(row).text()

    return getter


END_STATE_DESCRIPTION = format_lazy(
    "{intro} {states}",
    intro=_("What the sources say about the end:"),
    states=format_lazy(
        "; ".join(["{}: {}"] * len(EndState.choices)),
        *[part for value, label in EndState.choices for part in (value, label)],
    ),
)


def period_columns():
    """The period as the pages word it (core.periods), and its parts: the start, the end state with its date, and
    for a period under way (or planned to end) the date it was last confirmed and the source confirming it."""
    precision_choices = tuple(DatePrecision.values)
    return [
        Column(
            "start_date",
            Kind.PARTIAL_DATE,
            _("When it began, only as precise as the source (see start_precision); empty when not known."),
            partial_date_of("start_date", "start_precision"),
        ),
        Column(
            "start_precision",
            Kind.STRING,
            _("How much of the start date the source gives: day, month, season or year."),
            attr("start_precision"),
            required=True,
            choices=precision_choices,
        ),
        Column(
            "end_state",
            Kind.STRING,
            END_STATE_DESCRIPTION,
            attr("end_state"),
            required=True,
            choices=tuple(EndState.values),
        ),
        Column(
            "end_date",
            Kind.PARTIAL_DATE,
            _(
                "The end date as end_state reads it: when it ended (ended), the planned end (planned), or the date by "
                "which it had ended (ended-undated); only as precise as the source (see end_precision)."
            ),
            partial_date_of("end_date", "end_precision"),
        ),
        Column(
            "end_precision",
            Kind.STRING,
            _("How much of the end date the source gives: day, month, season or year."),
            attr("end_precision"),
            required=True,
            choices=precision_choices,
        ),
        Column(
            "confirmed_on",
            Kind.PARTIAL_DATE,
            _(
                "For a period under way (or planned to end): the date a source last confirmed it under way, only as "
                "precise as the source (see confirmed_precision). Nothing is known of it after this date."
            ),
            partial_date_of("confirmed_on", "confirmed_precision"),
        ),
        Column(
            "confirmed_precision",
            Kind.STRING,
            _("How much of the confirmation date the source gives: day, month, season or year."),
            attr("confirmed_precision"),
            required=True,
            choices=precision_choices,
        ),
        Column(
            "confirmed_by",
            Kind.STRING,
            _("The key of the source that confirms it under way on confirmed_on."),
            attr("confirmed_by__key"),
        ),
        *[
            Column(
                f"period_{code}",
                Kind.STRING,
                format_lazy(
                    "{description} ({language})",
                    description=_("The period in words, as the site shows it"),
                    language=language,
                ),
                period_words(code),
                required=True,
            )
            for code, language in settings.LANGUAGES
        ],
    ]


def as_of_columns(description, required=False):
    return [
        Column(
            "as_of",
            Kind.PARTIAL_DATE,
            description,
            partial_date_of("as_of", "as_of_precision"),
            required=required,
        ),
        Column(
            "as_of_precision",
            Kind.STRING,
            _("How much of the as-of date the source gives: day, month or year."),
            attr("as_of_precision"),
            required=True,
            choices=tuple(DatePrecision.values),
        ),
    ]


def common_tail():
    """Sources, the page in each language and the time of the last change: the last columns of every data set."""
    return [
        Column(
            "source_keys",
            Kind.LIST,
            _("The stable keys of the sources the figures and facts come from."),
            source_keys,
        ),
        Column(
            "source_urls",
            Kind.LIST,
            _("The addresses of those sources, in the same order as source_keys."),
            source_urls,
        ),
        *[
            Column(
                f"url_{code}",
                Kind.URL,
                format_lazy("{description} ({language})", description=_("The page on this site"), language=language),
                reads(*SLUG_FIELDS)(lambda row, context, code=code: context.absolute_url(row, code)),
                required=True,
            )
            for code, language in settings.LANGUAGES
        ],
        Column(
            "updated",
            Kind.DATETIME,
            _("When the record was last changed, in ISO 8601 (UTC)."),
            attr("updated"),
            required=True,
        ),
    ]


# -- The data sets -------------------------------------------------------------------------------------------------


# Query parameters an export accepts beside its filters: a list's page number, which the export ignores (it has
# every page's rows), so that a list's address with its page can be turned into a download's.
IGNORED_PARAMETERS = frozenset({"page"})


@dataclass(frozen=True)
class ForeignKey:
    """A column holding the key of a row of another data set (or of the same one)."""

    column: str
    dataset: str
    key: str = "key"


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    # The public list whose rows, order and filters the export reproduces, or None for a data set that no list
    # shows (sources, organisations): then `rows` gives its queryset, and it has no filters.
    list_view: type = None
    list_url_name: str = ""
    columns: list = field(default_factory=list)
    detail_url_name: str = ""
    # Related sets read as JSON arrays: {name: (function returning the related objects' queryset, the relation
    # from them back to this data set's model, the value to collect)}.
    arrays: dict = field(default_factory=dict)
    rows: object = None  # Without a list view: a function returning the published rows' queryset, in order.
    # Or a function returning the rows already as dicts of the values the columns read (a union of querysets).
    value_rows: object = None
    primary_key: tuple = ("key",)
    foreign_keys: tuple = ()  # ForeignKey declarations, for the Table Schema.
    keywords: tuple = ()  # For the catalogue (DCAT).

    @property
    def filterset_class(self):
        return getattr(self.list_view, "filterset_class", None)

    @property
    def filter_names(self):
        return list(self.filterset_class.base_filters) if self.filterset_class else []

    @property
    def csv_url_name(self):
        return f"discovery:{self.name}_csv"

    @property
    def json_url_name(self):
        return f"discovery:{self.name}_json"

    @property
    def xlsx_url_name(self):
        return f"discovery:{self.name}_xlsx"

    def column_names(self):
        return [column.name for column in self.columns]

    def fields(self):
        """Every value the columns read, each once."""
        return list(dict.fromkeys(name for column in self.columns for name in column.fields))

    def check_parameters(self, request):
        """Refuse what the export would otherwise ignore or half apply: a parameter that is not one of the data
        set's filters (?country= on a data set without countries) and a filter given more than once."""
        errors = {}
        filters = set(self.filter_names)
        for name, values in request.GET.lists():
            if name in IGNORED_PARAMETERS:
                continue
            if name not in filters:
                errors[name] = [str(_("This data set has no filter of this name."))]
            elif len(values) > 1:
                errors[name] = [str(_("Give this filter only once."))]
        if errors:
            raise InvalidFilters(errors)

    def filtered(self, request):
        """(filterset or None, queryset) of the list's rows under the request's filters, each row a dict of the
        values the columns read (`fields()`). Raises InvalidFilters when the list would show the form's errors
        instead of results, or when the request has parameters the data set does not filter on."""
        self.check_parameters(request)
        filterset = None
        if self.value_rows is not None:
            return filterset, self.value_rows()
        if self.list_view is None:
            queryset = self.rows()
        else:
            view = self.list_view()
            view.setup(request)
            if self.filterset_class is None:
                queryset = view.get_queryset()
            else:
                filterset = view.get_filterset(view.get_filterset_class())
                if filterset.is_bound and not filterset.is_valid():
                    raise InvalidFilters(
                        {name: [str(message) for message in errors] for name, errors in filterset.errors.items()}
                    )
                queryset = filterset.qs
        arrays = {
            f"export_{name}": related_array(objects(), link, value)
            for name, (objects, link, value) in self.arrays.items()
        }
        # The list's prefetches are replaced by the arrays: one query for every row, however many. The columns name
        # each language's field themselves, so the values are read as stored (`raw_values`: without the per-row
        # language fallbacks that django-modeltranslation's `values()` adds; a model with no translated field has
        # only Django's own `values()`).
        queryset = queryset.prefetch_related(None).annotate(**arrays)
        values = getattr(queryset, "raw_values", queryset.values)
        return filterset, values(*self.fields())

    def context(self, request):
        return ExportContext(request, self.detail_url_name)

    @cached_property
    def _csv_cells(self):
        return tuple((column.getter, CSV_CELLS[column.kind]) for column in self.columns)

    @cached_property
    def _json_values(self):
        return tuple((column.name, column.getter, JSON_VALUES[column.kind]) for column in self.columns)

    @cached_property
    def _getters(self):
        return tuple(column.getter for column in self.columns)

    def csv_row(self, row, context):
        """The row's CSV cells: each column's value written as its kind is in CSV (CSV_CELLS)."""
        return [cell(getter(row, context)) for getter, cell in self._csv_cells]

    def json_row(self, row, context):
        """The row as a JSON object: {column name: its value written as its kind is in JSON (JSON_VALUES)}."""
        return {name: value(getter(row, context)) for name, getter, value in self._json_values}

    def values(self, row, context):
        """The row's values as the columns give them (dates as dates, numbers as numbers), for the spreadsheet."""
        return [getter(row, context) for getter in self._getters]


class InvalidFilters(Exception):
    def __init__(self, errors):
        super().__init__("Invalid filters")
        self.errors = errors

    def messages(self):
        """{parameter: [messages]} for each refused parameter."""
        return self.errors


def contribution_columns():
    return [
        key_column(_("The contribution's stable identifier.")),
        Column(
            "country",
            Kind.STRING,
            _("The contributing country's ISO 3166-1 code."),
            attr("country__code"),
            required=True,
        ),
        Column(
            "mission",
            Kind.STRING,
            _("The key of the mission it served (see the missions data set)."),
            attr("mission__key"),
            required=True,
        ),
        Column(
            "mandate",
            Kind.STRING,
            _("The key of the original mandate that authorised it (see the mandates data set), where known."),
            reads("export_mandates")(lambda row, context: next(iter(ordered_array("mandates")(row, context)), None)),
        ),
        Column(
            "mandates",
            Kind.LIST,
            _(
                "The keys of the mandates that authorised it (see the mandates data set), in order: the original "
                "decision, then its extensions."
            ),
            ordered_array("mandates"),
        ),
        Column("kind", Kind.STRING, _("The key of its kind of contribution."), public_key("kind")),
        *[
            Column(
                f"kind_name_{code}",
                Kind.STRING,
                format_lazy("{description} ({language})", description=_("The kind of contribution"), language=language),
                public_value("kind", f"name_{code}", empty_as_none=True),
            )
            for code, language in settings.LANGUAGES
        ],
        *translated("title", _("Its short name")),
        *translated("description", _("What was sent, where, and what it did")),
        *translated("location", _("Where it was based")),
        *translated("equipment", _("Its equipment")),
        Column("personnel", Kind.INTEGER, _("The number of personnel the source gives."), attr("personnel")),
        Column(
            "personnel_qualifier",
            Kind.STRING,
            _("Whether the personnel figure is exact, approximate (about) or a maximum (up-to); empty without one."),
            reads("personnel", "personnel_qualifier")(
                lambda row, context: row["personnel_qualifier"] if row["personnel"] is not None else None
            ),
            choices=tuple(PersonnelQualifier.values),
        ),
        *period_columns(),
        *as_of_columns(
            _("When the figures were true, in ISO 8601, only as precise as the source (see as_of_precision)."),
            required=True,
        ),
        Column(
            "certainty",
            Kind.STRING,
            _("confirmed: an official source confirms it; announced: as announced, not confirmed by other sources."),
            attr("certainty"),
            required=True,
            choices=tuple(Certainty.values),
        ),
        Column(
            "partner_countries",
            Kind.LIST,
            _("ISO 3166-1 codes of countries that provided a joint team with it."),
            array("partner_countries"),
        ),
        *common_tail(),
    ]


def mandate_columns():
    return [
        key_column(_("The mandate's stable identifier.")),
        Column(
            "country",
            Kind.STRING,
            _("The ISO 3166-1 code of the country that decided it."),
            attr("country__code"),
            required=True,
        ),
        Column(
            "kind",
            Kind.STRING,
            _("What sort of decision it is."),
            attr("kind"),
            required=True,
            choices=tuple(MandateKind.values),
        ),
        Column(
            "reference",
            Kind.STRING,
            _("The parliament's number for the resolution, e.g. B 123."),
            empty_as_none("reference"),
        ),
        Column("session", Kind.STRING, _("The parliamentary session, e.g. 2014-15."), empty_as_none("session")),
        *translated("title", _("The official title")),
        *translated("label", _("Its short name")),
        *translated("summary", _("What the decision authorised")),
        Column("tabled_on", Kind.DATE, _("When the proposal was tabled."), attr("tabled_on")),
        *dated(
            "adopted_on",
            "adopted_precision",
            _("When parliament adopted it or the government decided, only as precise as the source."),
        ),
        *dated("valid_from", "valid_from_precision", _("When the mandate took effect, only as precise as the source.")),
        *dated(
            "valid_until",
            "valid_until_precision",
            _("When the mandate expired, if it had an end, only as precise as the source."),
        ),
        Column("votes_for", Kind.INTEGER, _("Votes for, where known."), attr("votes_for")),
        Column("votes_against", Kind.INTEGER, _("Votes against, where known."), attr("votes_against")),
        Column("missions", Kind.LIST, _("The keys of the missions it covers."), array("missions")),
        *common_tail(),
    ]


def mission_columns():
    return [
        key_column(_("The mission's stable identifier.")),
        Column("acronym", Kind.STRING, _("Its acronym, e.g. OIR."), empty_as_none("acronym")),
        Column(
            "kind",
            Kind.STRING,
            _("What sort of mission it is."),
            attr("kind"),
            required=True,
            choices=tuple(MissionKind.values),
        ),
        *translated("title", _("Its official name")),
        *translated("summary", _("A summary")),
        *translated("body", _("The full description")),
        Column(
            "lead_organisation",
            Kind.STRING,
            _("The key of the organisation that leads it."),
            public_key("lead_organisation"),
        ),
        Column("parent", Kind.STRING, _("The key of the wider effort it belongs to."), public_key("parent")),
        *period_columns(),
        Column(
            "host_countries",
            Kind.LIST,
            _("ISO 3166-1 codes of the countries where it operates."),
            array("host_countries"),
        ),
        Column("official_url", Kind.URL, _("The mission's own website."), empty_as_none("official_url")),
        *common_tail(),
    ]


def programme_columns():
    return [
        key_column(_("The programme's stable identifier.")),
        Column(
            "donor",
            Kind.STRING,
            _("The ISO 3166-1 code of the country that funds it."),
            attr("donor__code"),
            required=True,
        ),
        *translated("title", _("Its official name")),
        *translated("summary", _("A summary")),
        *translated("purpose", _("What it sets out to achieve")),
        *period_columns(),
        Column(
            "budget_amount",
            Kind.NUMBER,
            _("The total budget in whole units of the currency (not millions)."),
            attr("budget_amount"),
        ),
        Column(
            "currency",
            Kind.STRING,
            _("The budget's currency (ISO 4217)."),
            attr("currency"),
            required=True,
            choices=tuple(Currency.values),
        ),
        *as_of_columns(
            _("When the budget figures were true, in ISO 8601, only as precise as the source (see as_of_precision).")
        ),
        Column(
            "target_countries",
            Kind.LIST,
            _("ISO 3166-1 codes of the countries where it works."),
            array("target_countries"),
        ),
        *common_tail(),
    ]


def source_columns():
    return [
        key_column(_("The source's stable identifier, as the other data sets' source_keys give it.")),
        Column("title", Kind.STRING, _("The document's title, in its own language."), attr("title"), required=True),
        Column("publisher", Kind.STRING, _("Who published it."), attr("publisher"), required=True),
        Column("url", Kind.URL, _("Where the document can be read."), attr("url"), required=True),
        Column(
            "language",
            Kind.STRING,
            _("The document's language as an ISO 639-1 code, where known."),
            empty_as_none("language"),
        ),
        Column(
            "kind",
            Kind.STRING,
            _(
                "official: a government, parliament or coalition source; secondary: news media, agency copy or an "
                "official text hosted elsewhere (the pages mark it “secondary source”)."
            ),
            attr("kind"),
            required=True,
            choices=tuple(SourceKind.values),
        ),
        Column("published_on", Kind.DATE, _("The document's own date, where it has one."), attr("published_on")),
        Column(
            "updated",
            Kind.DATETIME,
            _("When the record was last changed, in ISO 8601 (UTC)."),
            attr("updated"),
            required=True,
        ),
    ]


def organisation_columns():
    return [
        key_column(_("The organisation's stable identifier, as the missions data set's lead_organisation gives it.")),
        Column("acronym", Kind.STRING, _("Its acronym, e.g. NATO."), empty_as_none("acronym")),
        *translated("name", _("Its full name")),
        Column(
            "kind",
            Kind.STRING,
            _("What sort of organisation it is."),
            attr("kind"),
            required=True,
            choices=tuple(OrganisationKind.values),
        ),
        Column("url", Kind.URL, _("The organisation's official site."), empty_as_none("url")),
        Column(
            "updated",
            Kind.DATETIME,
            _("When the record was last changed, in ISO 8601 (UTC)."),
            attr("updated"),
            required=True,
        ),
    ]


def cited_sources():
    """The sources that something the site publishes cites: a contribution, mandate, mission, programme or key
    figure. A source cited only by drafts is not published."""
    citing = [
        Contribution.objects.published().filter(sources=OuterRef("pk")),
        Mandate.objects.published().filter(sources=OuterRef("pk")),
        Mission.objects.published().filter(sources=OuterRef("pk")),
        Programme.objects.published().filter(sources=OuterRef("pk")),
        KeyFigure.objects.published().filter(source=OuterRef("pk")),
    ]
    condition = Q()
    for queryset in citing:
        condition |= Exists(queryset)
    return Source.objects.filter(condition).order_by("key")


# The records that cite sources: (the citations data set's column, the model, the data set it links to).
CITING = (
    ("contribution", Contribution, "contributions"),
    ("mandate", Mandate, "mandates"),
    ("mission", Mission, "missions"),
    ("programme", Programme, "programmes"),
)


def citation_columns():
    return [
        Column(
            "source",
            Kind.STRING,
            _("The key of the cited source (see the sources data set)."),
            attr("citation_source"),
            required=True,
        ),
        *[
            Column(
                name,
                Kind.STRING,
                format_lazy(
                    "{description} ({dataset})",
                    description=_("The key of the record that cites it, when it is one of these"),
                    dataset=dataset,
                ),
                attr(f"citation_{name}"),
            )
            for name, _model, dataset in CITING
        ],
    ]


def citations():
    """One row per published record and source it cites, from the four relations, in one query: the rows'
    source_keys as a table whose every column is a foreign key."""
    parts = []
    for name, model, _dataset in CITING:
        through = model.sources.through
        link = model._meta.model_name
        values = {"citation_source": F("source__key")}
        for other, _model, _other_dataset in CITING:
            values[f"citation_{other}"] = F(f"{link}__key") if other == name else Value(None, CharField())
        parts.append(
            through.objects.filter(**{f"{link}__in": model.objects.published().values("pk")})
            .annotate(**values)
            .values(*values)
        )
    first, *others = parts
    return first.union(*others, all=True).order_by(
        "citation_source", "citation_contribution", "citation_mandate", "citation_mission", "citation_programme"
    )


def public_organisations():
    return Organisation.objects.published().order_by("key")


# A source as the arrays carry it.
SOURCE = JSONObject(key="key", url="url")

DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset(
            name="contributions",
            title=_("Contributions"),
            description=_("What each country sent to each mission, with personnel, equipment, periods and sources."),
            list_view=ContributionListView,
            list_url_name="contributions:contribution_list",
            detail_url_name="contributions:contribution_detail",
            columns=contribution_columns(),
            foreign_keys=(ForeignKey("mission", "missions"), ForeignKey("mandate", "mandates")),
            arrays={
                "partner_countries": (public_countries, "joint_contributions", "code"),
                "mandates": (public_authorisations, "contribution", JSONObject(order="order", value="mandate__key")),
                "sources": (all_sources, "contributions", SOURCE),
            },
        ),
        Dataset(
            name="mandates",
            title=_("Mandates"),
            description=_("The parliamentary resolutions and government decisions that authorised the deployments."),
            list_view=MandateListView,
            list_url_name="contributions:mandate_list",
            detail_url_name="contributions:mandate_detail",
            columns=mandate_columns(),
            arrays={
                "missions": (public_missions, "mandates", "key"),
                "sources": (all_sources, "mandates", SOURCE),
            },
        ),
        Dataset(
            name="missions",
            title=_("Missions"),
            description=_("The coalition missions and operations, with their periods and host countries."),
            list_view=MissionListView,
            list_url_name="coalition:mission_list",
            detail_url_name="coalition:mission_detail",
            columns=mission_columns(),
            foreign_keys=(ForeignKey("lead_organisation", "organisations"), ForeignKey("parent", "missions")),
            arrays={
                "host_countries": (public_countries, "hosted_missions", "code"),
                "sources": (all_sources, "missions", SOURCE),
            },
        ),
        Dataset(
            name="programmes",
            title=_("Stabilisation programmes"),
            description=_("Stabilisation programmes with their donors, periods and budgets."),
            list_view=ProgrammeListView,
            list_url_name="programmes:programme_list",
            detail_url_name="programmes:programme_detail",
            columns=programme_columns(),
            arrays={
                "target_countries": (public_countries, "target_of_programmes", "code"),
                "sources": (all_sources, "programmes", SOURCE),
            },
        ),
        Dataset(
            name="sources",
            title=_("Sources"),
            description=_(
                "The documents the figures and facts come from: title, publisher, address, language, date and whether "
                "the source is official or secondary."
            ),
            columns=source_columns(),
            rows=cited_sources,
        ),
        Dataset(
            name="organisations",
            title=_("Organisations"),
            description=_("The organisations that lead the missions, such as NATO and CJTF-OIR."),
            columns=organisation_columns(),
            rows=public_organisations,
        ),
        Dataset(
            name="citations",
            title=_("Citations"),
            description=_(
                "Which source each contribution, mandate, mission and programme cites: one row per record and source, "
                "linking the data sets to the sources data set."
            ),
            columns=citation_columns(),
            value_rows=citations,
            primary_key=(),
            foreign_keys=(
                ForeignKey("source", "sources"),
                *(ForeignKey(name, dataset) for name, _model, dataset in CITING),
            ),
        ),
    ]
}
