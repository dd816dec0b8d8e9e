"""Machine-readable descriptions of the data sets, generated from their column definitions: a JSON Schema
(draft 2020-12) for the JSON exports, a Frictionless Table Schema for the CSV exports, and a Frictionless Data
Package that lists every data set with its files and schemas."""

from django.conf import settings
from django.urls import reverse

from .datasets import DATASETS, Kind
from .licence import data_licence

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
                "properties": {"name": {"type": "string"}, "title": {"type": "string"}, "path": {"type": "string"}},
            },
            "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}},
            "count": {"type": "integer", "minimum": 0},
        },
        "required": ["dataset", "schema", "generated", "filters", "rows", "count"],
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
    """The Frictionless Table Schema of a data set's CSV export."""
    return {
        "fields": [_table_field(column) for column in dataset.columns],
        "primaryKey": ["key"],
        "missingValues": [""],
    }


def data_package(request):
    """A Frictionless Tabular Data Package listing every data set's CSV file and Table Schema. The licence is
    named only once the site owner has confirmed it."""

    def absolute(name, **kwargs):
        return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))

    package = {
        "profile": "tabular-data-package",
        "name": "denmark-norway-against-isil",
        "title": str(settings.SITE_NAME),
        "homepage": absolute("discovery:open_data"),
        "resources": [
            {
                "name": dataset.name,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": absolute(f"discovery:{dataset.name}_csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": absolute("discovery:table_schema", dataset=dataset.name),
            }
            for dataset in DATASETS.values()
        ],
    }
    licence = data_licence()
    if licence["confirmed"]:
        package["licenses"] = [{"name": licence["name"], "title": licence["title"], "path": licence["path"]}]
    return package
