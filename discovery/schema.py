"""Machine-readable descriptions of the data sets, generated from their column definitions: a JSON Schema
(draft 2020-12) for the JSON exports, a Frictionless Table Schema for the CSV exports, and a Frictionless Data
Package that lists every data set with its files and schemas."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .changes import last_change
from .datasets import DATASETS, Kind, iso
from .licence import LICENCE_NAME, data_licence

# The version of the data sets' structure (their columns and files), not of their content: a new column or data
# set raises the minor number, a change that breaks a reader (a column renamed or removed) the major one.
DATA_VERSION = "2.0.0"

CATALOGUE_DESCRIPTION = _(
    "Denmark's and Norway's contributions to the fight against ISIL/Daesh: the coalition missions, the mandates "
    "that authorised the deployments, the contributions, the stabilisation programmes, the organisations and the "
    "sources, in Danish, Norwegian Bokmål and English."
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _json_property(column):
    kind = column.kind
    if kind == Kind.LIST:
        schema = {"type": "array", "items": {"type": "string"}}
    elif kind == Kind.INTEGER:
        schema = {"type": "integer", "minimum": 0}
    elif kind == Kind.NUMBER:
        schema = {"type": "number", "minimum": 0}
    elif kind == Kind.DATE:
        schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    elif kind == Kind.PARTIAL_DATE:
        schema = {"type": "string", "pattern": PARTIAL_DATE_PATTERN}
    elif kind == Kind.DATETIME:
        schema = {"type": "string", "format": "date-time"}
    elif kind == Kind.URL:
        schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
    else:
        schema = {"type": "string", "minLength": 1}
    if column.choices:
        schema["enum"] = list(column.choices)
    if not column.required and kind != Kind.LIST:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    schema["description"] = str(column.description)
    return schema


def json_schema(dataset, request):
    """The JSON Schema of a data set's JSON export: the whole document, with its rows."""
    row = {
        "type": "object",
        "properties": {column.name: _json_property(column) for column in dataset.columns},
        "required": dataset.column_names(),
        "additionalProperties": False,
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": request.build_absolute_uri(reverse("discovery:json_schema", kwargs={"dataset": dataset.name})),
        "title": str(dataset.title),
        "description": str(dataset.description),
        "type": "object",
        "properties": {
            "dataset": {"const": dataset.name},
            "title": {"type": "string"},
            "schema": {"type": "string", "format": "uri"},
            "source": {"type": "string", "format": "uri", "description": "The list page these rows come from."},
            "generated": {"type": "string", "format": "date-time"},
            "filters": {"type": "object", "additionalProperties": {"type": "string"}},
            "licence": {
                "type": "object",
                "description": "The licence of the site's compilation; the cited sources keep their own terms.",
                "properties": {
                    "name": {"const": LICENCE_NAME},
                    "title": {"type": "string"},
                    "path": {"type": "string", "format": "uri"},
                    "attribution": {"type": "string"},
                    "sources": {"type": "string"},
                },
                "required": ["name", "title", "path", "attribution", "sources"],
                "additionalProperties": False,
            },
            "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}},
            "count": {"type": "integer", "minimum": 0},
        },
        "required": ["dataset", "schema", "generated", "filters", "licence", "rows", "count"],
        "additionalProperties": False,
        "$defs": {"row": row},
    }


TABLE_SCHEMA_TYPES = {
    Kind.STRING: "string",
    Kind.INTEGER: "integer",
    Kind.NUMBER: "number",
    Kind.DATE: "date",
    Kind.PARTIAL_DATE: "string",
    Kind.DATETIME: "datetime",
    Kind.URL: "string",
    Kind.LIST: "string",
}


def _table_field(column):
    field = {
        "name": column.name,
        "type": TABLE_SCHEMA_TYPES[column.kind],
        "description": str(column.description),
    }
    if column.kind == Kind.URL:
        field["format"] = "uri"
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.kind == Kind.PARTIAL_DATE:
        constraints["pattern"] = PARTIAL_DATE_PATTERN.strip("^$")
    if column.kind in (Kind.INTEGER, Kind.NUMBER):
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(dataset):
    """The Frictionless Table Schema of a data set's CSV export, with the keys that link it to the other data
    sets (`foreignKeys`: a resource of the data package, "" for the same one)."""
    schema = {"fields": [_table_field(column) for column in dataset.columns], "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": key.column,
                "reference": {"resource": "" if key.dataset == dataset.name else key.dataset, "fields": key.key},
            }
            for key in dataset.foreign_keys
        ]
    return schema


def catalogue_url(request):
    """The DCAT catalogue's one address, its default language's, whatever the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("discovery:catalogue"))


def data_package(request):
    """A Frictionless Tabular Data Package listing every data set's CSV file and Table Schema, with the licence,
    who publishes it, its version and when the content last changed, and a link to the DCAT catalogue."""

    def absolute(name, **kwargs):
        return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))

    licence = data_licence()
    return {
        "profile": "tabular-data-package",
        "name": "denmark-norway-against-isil",
        "id": catalogue_url(request),
        "title": str(settings.SITE_NAME),
        "description": f"{CATALOGUE_DESCRIPTION} {licence['sources']}",
        "homepage": absolute("discovery:open_data"),
        "version": DATA_VERSION,
        "created": iso(last_change()),
        "licenses": [{"name": licence["name"], "title": licence["title"], "path": licence["path"]}],
        "contributors": [{"title": str(settings.SITE_NAME), "path": absolute("website:home"), "role": "publisher"}],
        "sources": [
            {
                "title": str(_("The documents each row cites (the sources data set)")),
                "path": absolute("discovery:sources_csv"),
            }
        ],
        "keywords": ["ISIL", "Daesh", "Denmark", "Norway", "Iraq", "Syria"],
        # Not a Data Package property: where the DCAT-AP description of the same data sets is (discovery/catalogue.py).
        "catalog": catalogue_url(request),
        "resources": [
            {
                "name": dataset.name,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": absolute(f"discovery:{dataset.name}_csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                # The registered name (IANA); the files start with a byte order mark, which UTF-8 readers skip.
                "encoding": "utf-8",
                "schema": absolute("discovery:table_schema", dataset=dataset.name),
                "licenses": [{"name": licence["name"], "path": licence["path"]}],
            }
            for dataset in DATASETS.values()
        ],
    }
