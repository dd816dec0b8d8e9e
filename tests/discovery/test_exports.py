"""CSV and JSON exports: exactly the rows of the filtered list (all its pages, in its order), in both formats,
with the JSON valid against the published JSON Schema and the CSV matching the Table Schema; UTF-8 with a byte
order mark; invalid filters refused with 400; drafts never included; a fixed number of queries."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from discovery.datasets import DATASETS
from tests.discovery.conftest import DRAFT_MARKERS, absolute_url_in, content_of, url_in
from tests.factories import ContributionFactory, MandateFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST_URLS = {
    "contributions": "contributions:contribution_list",
    "mandates": "contributions:mandate_list",
    "missions": "coalition:mission_list",
    "programmes": "programmes:programme_list",
}


def export(client, dataset, file_format, params=None, language="en"):
    response = client.get(url_in(language, f"discovery:{dataset}_{file_format}"), params or {})
    return response, content_of(response)


def csv_rows(body):
    assert body.startswith(b"\xef\xbb\xbf"), "The CSV starts with a UTF-8 byte order mark."
    reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    return reader.fieldnames, list(reader)


def listed_keys(client, dataset, params):
    """The keys of every row the public list shows under these filters, over all its pages, in order."""
    response = client.get(url_in("en", LIST_URLS[dataset]), params)
    assert response.status_code == 200
    paginator = response.context.get("paginator")
    objects = paginator.object_list if paginator is not None else response.context["object_list"]
    return [obj.key for obj in objects]


def json_schema_for(client, dataset):
    response = client.get(url_in("en", "discovery:json_schema", dataset=dataset))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    return json.loads(response.content)


def validate(document, schema):
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors]


def as_csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return f"'{value}"
    return str(value)


CONTRIBUTION_FILTERS = [
    {},
    {"country": "DK"},
    {"country": "NO"},
    {"mission": "oir"},
    {"mission": "nmi"},
    {"kind": "trainers"},
    {"mandate": "dk-b-159-2020"},
    {"year": "2017"},
    {"country": "DK", "year": "2021"},
    {"q": "Anbar"},
    {"q": "norske instruktører"},
    {"country": "NO", "mission": "nmi"},  # Nothing matches: an empty export, not an error.
    {"country": "DK", "page": "2"},  # The page number is not a filter: every row.
]

MANDATE_FILTERS = [{}, {"country": "NO"}, {"kind": "dk-parliament"}, {"year": "2016"}, {"year": "2020"}]


@pytest.mark.parametrize(
    ("dataset", "params"),
    [("contributions", params) for params in CONTRIBUTION_FILTERS]
    + [("mandates", params) for params in MANDATE_FILTERS]
    + [("missions", {}), ("programmes", {})],
)
def test_export_rows_are_the_filtered_lists_rows_in_both_formats(client, scene, dataset, params):
    expected = listed_keys(client, dataset, params)

    csv_response, csv_body = export(client, dataset, "csv", params)
    json_response, json_body = export(client, dataset, "json", params)

    assert csv_response.status_code == json_response.status_code == 200
    header, rows = csv_rows(csv_body)
    document = json.loads(json_body)
    assert header == DATASETS[dataset].column_names()
    assert [row["key"] for row in rows] == expected
    assert [row["key"] for row in document["rows"]] == expected
    assert document["count"] == len(expected)
    validate(document, json_schema_for(client, dataset))
    # The two formats carry the same values.
    for csv_row, json_row in zip(rows, document["rows"], strict=True):
        assert csv_row == {name: as_csv_cell(value) for name, value in json_row.items()}
    for marker in DRAFT_MARKERS:
        assert marker not in csv_body.decode("utf-8-sig")


def test_export_spans_every_page_of_the_list(client, scene):
    for index in range(30):
        ContributionFactory(country=scene.denmark, mission=scene.oir, kind=scene.staff, key=f"dk-bulk-{index:02}")
    expected = listed_keys(client, "contributions", {"country": "DK"})
    first_page = client.get(url_in("en", "contributions:contribution_list"), {"country": "DK"})
    assert first_page.context["page_obj"].has_next()  # The list has more than one page…

    _response, body = export(client, "contributions", "csv", {"country": "DK"})
    _header, rows = csv_rows(body)

    assert [row["key"] for row in rows] == expected  # …and the export has them all.
    assert len(rows) == 33


def test_contribution_row_content(client, scene):
    _response, body = export(client, "contributions", "json", {"mission": "oir"})
    rows = {row["key"]: row for row in json.loads(body)["rows"]}

    row = rows["no-oir-trainers"]
    assert row["country"] == "NO"
    assert row["mission"] == "oir"
    assert row["mandates"] == ["no-2016"]
    assert row["kind"] == "trainers"
    assert row["kind_name_en"] == "Trainers"
    assert (row["title_da"], row["title_nb"], row["title_en"]) == (
        "Norske instruktører i Anbar",
        "Norske instruktører i Anbar (nb)",
        "Norwegian trainers in Anbar",
    )
    assert row["personnel"] == 70
    assert row["personnel_qualifier"] == "about"
    # Dates as precise as the source: a month, a year.
    assert (row["start_date"], row["start_precision"]) == ("2017-03", "month")
    assert (row["end_state"], row["end_date"], row["end_precision"]) == ("ended", "2020", "year")
    assert (row["confirmed_on"], row["confirmed_by"]) == (None, None)
    assert row["period_en"] == "March 2017 \N{EN DASH} 2020"
    assert row["period_da"] == "marts 2017 \N{EN DASH} 2020"
    assert row["as_of"] == "2018-06-01"
    assert row["certainty"] == "announced"
    assert row["partner_countries"] == ["DK", "IQ"]
    assert row["source_keys"] == ["regjeringen-2017"]
    assert row["source_urls"] == ["https://www.regjeringen.no/no/aktuelt/example/"]
    for language in ("da", "nb", "en"):
        assert row[f"url_{language}"] == absolute_url_in(language, scene.no_contribution)
    assert datetime.datetime.fromisoformat(row["updated"]).tzinfo is not None

    radar = rows["dk-oir-radar"]
    assert radar["kind"] is None and radar["kind_name_en"] is None  # Its kind is a draft.
    # Under way as last confirmed: the state, the date and the source, and the site's own words for them.
    assert (radar["end_state"], radar["end_date"]) == ("under-way", None)
    assert (radar["confirmed_on"], radar["confirmed_precision"], radar["confirmed_by"]) == (
        "2019-10",
        "month",
        "radar-confirmation",
    )
    assert radar["period_en"] == "1 May 2016 \N{EN DASH} under way as of October 2019 (Forsvaret)"
    assert radar["personnel"] is None and radar["personnel_qualifier"] is None


def test_links_to_drafts_are_left_out(client, scene):
    _response, body = export(client, "contributions", "json", {"country": "DK"})
    rows = {row["key"]: row for row in json.loads(body)["rows"]}

    assert rows["dk-liaison-officers"]["mandates"] == []
    assert "draft-contribution" not in rows


def test_csv_is_utf8_with_a_byte_order_mark_and_keeps_danish_and_norwegian_letters(client, scene):
    response, body = export(client, "contributions", "csv", {"country": "NO"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="contributions_country-no.csv"'
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "Norske instruktører i Anbar" in text
    assert "Bidraget bestod af instruktører, der uddannede irakiske styrker." in text
    assert "\r\n" in text  # RFC 4180 line ends.


def test_csv_protects_spreadsheets_from_formulas_and_json_keeps_the_text(client, scene):
    _response, body = export(client, "contributions", "csv", {"mission": "oir"})
    _header, rows = csv_rows(body)
    radar = next(row for row in rows if row["key"] == "dk-oir-radar")
    _response, body = export(client, "contributions", "json", {"mission": "oir"})
    radar_json = next(row for row in json.loads(body)["rows"] if row["key"] == "dk-oir-radar")

    assert radar["location_en"] == "'=1+2 (a text that looks like a spreadsheet formula)"
    assert radar_json["location_en"] == "=1+2 (a text that looks like a spreadsheet formula)"


def test_csv_protects_list_columns_from_formulas_too(client, scene):
    """A list cell starts with its first item: a source key such as "-a1" must not start a formula."""
    scene.dk_ongoing.sources.add(SourceFactory(key="-a1", url="https://um.dk/minus"))
    _response, body = export(client, "contributions", "csv", {"mission": "oir"})
    _header, rows = csv_rows(body)
    radar = next(row for row in rows if row["key"] == "dk-oir-radar")
    _response, body = export(client, "contributions", "json", {"mission": "oir"})
    radar_json = next(row for row in json.loads(body)["rows"] if row["key"] == "dk-oir-radar")

    assert radar["source_keys"].split(" ")[0] == "'-a1"
    assert radar_json["source_keys"][0] == "-a1"


def test_json_document_describes_itself(client, scene):
    response, body = export(client, "contributions", "json", {"country": "NO", "kind": "trainers", "page": "3"})
    document = json.loads(body)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["dataset"] == "contributions"
    assert document["schema"] == "http://testserver/en/data/contributions.schema.json"
    assert document["filters"] == {"country": "NO", "kind": "trainers"}
    assert document["source"] == "http://testserver/en/contributions/?country=NO&kind=trainers"


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_every_download_names_the_licence(client, scene, file_format):
    response, body = export(client, "mandates", file_format)

    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    assert '<http://testserver/en/data/datapackage.json>; rel="describedby"' in response["Link"]
    if file_format == "json":
        licence = json.loads(body)["licence"]
        assert licence["name"] == "CC-BY-4.0"
        assert licence["path"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "Denmark and Norway against ISIL" in licence["attribution"]
        assert "publishers' own terms" in licence["sources"]


def test_the_data_package_names_the_licence(client, scene):
    package = json.loads(client.get(url_in("en", "discovery:datapackage")).content)

    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]


@pytest.mark.parametrize(
    ("dataset", "params", "field"),
    [
        ("contributions", {"country": "XX"}, "country"),
        ("contributions", {"mission": "no-such-mission"}, "mission"),
        ("contributions", {"mission": "draft-mission"}, "mission"),
        ("contributions", {"year": "1900"}, "year"),
        ("contributions", {"q": "x" * 101}, "q"),
        ("mandates", {"kind": "bogus"}, "kind"),
        ("mandates", {"year": "twenty"}, "year"),
    ],
)
def test_invalid_filters_give_400_with_the_reason(client, scene, dataset, params, field):
    csv_response, csv_body = export(client, dataset, "csv", params)
    json_response, json_body = export(client, dataset, "json", params)

    assert csv_response.status_code == json_response.status_code == 400
    assert csv_response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"{field}: " in csv_body.decode()
    assert field in json.loads(json_body)["filters"]


@pytest.mark.fuzz
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["country", "mission", "kind", "mandate", "year", "q", "page", "other"]),
        st.text(max_size=120),
        max_size=4,
    )
)
def test_no_filter_value_gives_a_server_error(client, scene, params):
    for file_format in ("csv", "json"):
        response, _body = export(client, "contributions", file_format, params)
        assert response.status_code in (200, 400)


def test_schemas_describe_every_column(client, scene):
    for name, dataset in DATASETS.items():
        table = json.loads(client.get(url_in("en", "discovery:table_schema", dataset=name)).content)
        schema = json_schema_for(client, name)

        assert [field["name"] for field in table["fields"]] == dataset.column_names()
        assert table.get("primaryKey", []) == list(dataset.primary_key)
        assert list(schema["$defs"]["row"]["properties"]) == dataset.column_names()
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_of_an_unknown_data_set_is_404(client, scene):
    assert client.get(url_in("en", "discovery:json_schema", dataset="secrets")).status_code == 404


def test_data_package_lists_each_csv_and_its_schema(client, scene):
    package = json.loads(client.get(url_in("en", "discovery:datapackage")).content)

    assert [resource["name"] for resource in package["resources"]] == list(DATASETS)
    resource = package["resources"][0]
    assert resource["path"] == "http://testserver/en/data/contributions.csv"
    assert resource["schema"] == "http://testserver/en/data/contributions.tableschema.json"
    assert resource["encoding"] == "utf-8"  # The registered charset name; a byte order mark is allowed.


def test_schema_descriptions_follow_the_language(client, scene):
    english = json.loads(client.get(url_in("en", "discovery:table_schema", dataset="mandates")).content)
    danish = json.loads(client.get(url_in("da", "discovery:table_schema", dataset="mandates")).content)

    assert [field["name"] for field in english["fields"]] == [field["name"] for field in danish["fields"]]
    english, danish = ({field["name"]: field for field in schema["fields"]} for schema in (english, danish))
    assert english["title_en"]["description"] == "The official title (English)"
    assert danish["title_en"]["description"].lower().endswith("(engelsk)")


@pytest.mark.parametrize(
    ("dataset", "params", "queries"),
    [
        # The year choices, the time of the content's last change (Last-Modified) and the rows, with their related
        # sets (one query however many rows).
        ("contributions", {}, 3),
        # …plus, once filters are given, one look-up per model choice given (validating them reads no choices).
        ("contributions", {"country": "DK", "mission": "oir"}, 5),
        # The year choices, the last change and the rows.
        ("mandates", {}, 3),
        # The last change and the rows.
        ("missions", {}, 2),
        ("programmes", {}, 2),
        ("sources", {}, 2),
        ("organisations", {}, 2),
        ("citations", {}, 2),
    ],
)
def test_exports_run_a_fixed_number_of_queries(client, scene, django_assert_num_queries, dataset, params, queries):
    """The same queries with the scene alone, and with two and then six more mandates and contributions."""
    added = 0
    for size in (0, 2, 6):
        for index in range(added, size):
            mandate = MandateFactory(country=scene.denmark, reference=f"T {index}", missions=[scene.oir, scene.nmi])
            ContributionFactory(
                country=scene.denmark,
                mission=scene.oir,
                mandate=mandate,
                partner_countries=[scene.iraq],
                key=f"x-{index}",
            )
        added = size
        for file_format in ("csv", "json", "xlsx"):
            with django_assert_num_queries(queries):
                response, _body = export(client, dataset, file_format, params)
            assert response.status_code == 200, (size, file_format)
